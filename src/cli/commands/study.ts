import { Command } from "@commander-js/extra-typings";
import { normalizeIndex, readStudyJson } from "../../study/layout.ts";
import { writeAggregates } from "../../study/run-study.ts";
import { sanitize } from "../terminal-text.ts";

export function register(program: Command): void {
  program
    .command("study")
    .description("re-render a study's study.csv, report.html and report.md from its study.json and results")
    .argument("<dir>", "study folder written by `pimsyn sweep`")
    .action((dir) => {
      const study = readStudyJson(dir);
      const lines = normalizeIndex(dir, study.jobs);
      const paths = writeAggregates(dir);
      const done = lines.filter((l) => l.status === "done").length;
      process.stdout.write(`${sanitize(study.name)}: ${done} of ${study.jobs.length} jobs done → ${sanitize(paths.html)}, ${sanitize(paths.md)}, ${sanitize(paths.csv)}\n`);
    });
}
