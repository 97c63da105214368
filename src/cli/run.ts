/**
 * Exit-code discipline for every command: 0 success, 1 internal error (short message; stack with
 * --debug), 2 user error (one line), 130/143 interrupted.
 */
import { pc } from "./colors.ts";
import { isUserError } from "../errors.ts";
import { terminalSafe } from "./terminal.ts";

export const EXIT = { ok: 0, internal: 1, user: 2, sigint: 130, sigterm: 143 } as const;

export function debugEnabled(argv: readonly string[] = process.argv): boolean {
  return argv.includes("--debug") || process.env.PIMSYN_DEBUG === "1";
}

/** Print an error the way the exit-code contract says and return the exit code. */
export function reportError(e: unknown, debug: boolean): number {
  if (isUserError(e)) {
    process.stderr.write(`${pc.red("error")}: ${terminalSafe(e.toLine())}\n`);
    return EXIT.user;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${pc.red("internal error")}: ${terminalSafe(msg.split("\n")[0])}\n`);
  if (debug && e instanceof Error && e.stack) process.stderr.write(terminalSafe(e.stack) + "\n");
  else process.stderr.write("(this is a bug in pimsyn; rerun with --debug for the stack)\n");
  return EXIT.internal;
}
