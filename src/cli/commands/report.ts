import { writeOut } from "../terminal.ts";
import { Command } from "@commander-js/extra-typings";
import { jsonText } from "../../io/atomic.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeReports } from "../../report/render.ts";
import { writeDualModeReports } from "../../report/dualmode.ts";

export function register(program: Command): void {
  program
    .command("report")
    .description("re-render report.html and report.md of a run directory from its JSON files")
    .argument("<run-dir>", "run directory written by pimsyn synth or pimsyn dualmode")
    .option("--json", "print the written paths as JSON")
    .action((dir, opts) => {
      const dualMode = existsSync(join(dir, "allocation.json")) && existsSync(join(dir, "program.dmo"));
      const paths = dualMode ? writeDualModeReports(dir) : writeReports(dir);
      if (opts.json) writeOut(jsonText(paths));
      else writeOut(`wrote ${paths.html}\nwrote ${paths.md}\n`);
    });
}
