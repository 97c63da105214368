import { writeOut } from "../terminal.ts";
import { Command } from "@commander-js/extra-typings";
import { jsonText } from "../../io/atomic.ts";
import { writeReports } from "../../report/render.ts";

export function register(program: Command): void {
  program
    .command("report")
    .description("re-render report.html and report.md of a run directory from its JSON files")
    .argument("<run-dir>", "run directory written by pimsyn synth")
    .option("--json", "print the written paths as JSON")
    .action((dir, opts) => {
      const paths = writeReports(dir);
      if (opts.json) writeOut(jsonText(paths));
      else writeOut(`wrote ${paths.html}\nwrote ${paths.md}\n`);
    });
}
