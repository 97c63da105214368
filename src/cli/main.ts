import { Command, CommanderError } from "@commander-js/extra-typings";
import { TOOL_VERSION } from "../version.ts";
import { commandModules } from "./commands/index.ts";
import { debugEnabled, EXIT, reportError } from "./run.ts";

const pkg = { version: TOOL_VERSION };

export const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    internal error (a bug; rerun with --debug for the stack)
  2    user error: bad file, option or model, or no design fits the budget (one line on stderr)
  130  interrupted (SIGINT), 143 terminated (SIGTERM)`;

export async function buildProgram(): Promise<Command> {
  const program = new Command()
    .name("pimsyn")
    .description("Synthesize power-efficient ReRAM processing-in-memory CNN accelerators (PIMSYN, DATE'24).")
    .version(pkg.version, "-V, --version")
    .option("--debug", "print stacks of internal errors")
    .showHelpAfterError()
    .addHelpText("after", EXIT_CODES_HELP)
    .exitOverride();
  for (const load of commandModules) (await load()).register(program as unknown as Command);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const debug = debugEnabled(argv);
  try {
    const program = await buildProgram();
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors are user errors.
      return e.exitCode === 0 ? EXIT.ok : EXIT.user;
    }
    return reportError(e, debug);
  }
}

const code = await main(process.argv);
process.exitCode = code;
