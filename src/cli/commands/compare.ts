import { writeOut } from "../terminal.ts";
import { Command } from "@commander-js/extra-typings";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../../errors.ts";
import { jsonText, writeFileAtomic } from "../../io/atomic.ts";
import { renderCompare } from "../../report/compare.ts";

export function register(program: Command): void {
  program
    .command("compare")
    .description("compare synthesis runs side by side in one offline HTML page")
    .argument("<run-dirs...>", "two or more run directories written by pimsyn synth")
    .option("--out <file>", "HTML file to write", join("out", "compare.html"))
    .option("--json", "print the written path as JSON")
    .action((dirs, opts) => {
      if (existsSync(opts.out) && statSync(opts.out).isDirectory())
        throw new UserError("is a directory; expected an HTML file name", { file: opts.out, pointer: "--out" });
      const html = renderCompare(dirs);
      writeFileAtomic(opts.out, html, "--out");
      if (opts.json) writeOut(jsonText({ html: opts.out, runs: dirs.length }));
      else writeOut(`wrote ${opts.out} (${dirs.length} runs side by side; open it in a browser)\n`);
    });
}
