import { Command, Option } from "@commander-js/extra-typings";
import { interruptOnSignals } from "../signals.ts";
import { pc } from "../colors.ts";
import { MultiBar, Presets } from "cli-progress";
import { runStudy } from "../../study/run-study.ts";
import { looksLikeStudyFile } from "../../study/load.ts";
import type { StudyOptions } from "../../study/spec.ts";
import { UserError } from "../../errors.ts";
import { parseIntList, parsePositiveInt, parseRatios } from "../parse.ts";
import { studyFromFlags } from "../study-flags.ts";
import { fmt } from "../format.ts";
import { sanitize } from "../terminal-text.ts";

/** Flags that describe the study; with a study file they would say it twice. */
const STUDY_FLAGS = ["power", "area", "preset", "seeds", "name", "maxEvaluations", "candidates", "generations", "xbar", "cellBits", "dacBits", "ratio", "macroMode"] as const;

export function register(program: Command): void {
  program
    .command("sweep")
    .description("design-space study: synthesize every network × power budget × preset × seed; resumable; local or on BullMQ workers")
    .argument("<models|study-file>", "comma-separated zoo models or network files, or a study file (.yaml/.yml, or .json with `networks`; specs/study.schema.json)")
    .option("--power <P>", "power budgets: from:to:step (20W:200W:20W, inclusive) or a list (20W,49W,100)")
    .option("--area <A>", "chip-area budgets crossed with the power budgets: a list (120mm2,200mm2); default: not capped")
    .option("--preset <names>", "comma-separated presets (built-in names or files; default pimsyn-date24)")
    .option("--seeds <list>", "comma-separated seeds (default 1)")
    .option("--name <name>", "study name (names the default folder out/<name>)")
    .option("--out <dir>", "study folder (default out/<study name>); re-running into it runs only what is missing")
    .option("--queue <url>", "run on BullMQ workers through Redis: redis://host:6379, rediss://:password@host:6380 (see `pimsyn worker`)")
    .option("--workers <N>", "threads per synthesis (default 1: jobs are the parallelism)", "1")
    .option("--max-evaluations <N>", "exact cap on analytic evaluations per synthesis")
    .option("--candidates <K>", "SA vectors kept per rung of the duplication ladder")
    .option("--generations <N>", "EA generations for the evolved candidates")
    .option("--xbar <sizes>", "crossbar sizes to explore")
    .option("--cell-bits <bits>", "cell resolutions to explore")
    .option("--dac-bits <bits>", "DAC resolutions to explore")
    .option("--ratio <range>", "RatioRram values: start:end:step or a list")
    .addOption(new Option("--macro-mode <mode>", "specialised or identical macros").choices(["specified", "unified"] as const))
    .option("--no-sharing", "disable inter-layer macro sharing (ADC reuse)")
    .option("--json", "print the index (one JSON line per job) instead of the summary")
    .action(async (target, o) => {
      const workers = parsePositiveInt(o.workers, "--workers", 64);
      let spec: Parameters<typeof runStudy>[0];
      if (!target.includes(",") && looksLikeStudyFile(target)) {
        const given = STUDY_FLAGS.find((k) => o[k] !== undefined) ?? (o.sharing === false ? "sharing" : undefined);
        if (given) throw new UserError("the study file already says this; edit the file or use flags without a file", { pointer: `--${given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` });
        spec = target;
      } else {
        if (o.power === undefined) throw new UserError("expected power budgets (e.g. --power 20W:200W:20W) or a study file", { pointer: "--power" });
        const options: StudyOptions = {};
        if (o.maxEvaluations !== undefined) options.maxEvaluations = parsePositiveInt(o.maxEvaluations, "--max-evaluations");
        if (o.candidates !== undefined) options.candidates = parsePositiveInt(o.candidates, "--candidates", 1000);
        if (o.generations !== undefined) options.generations = parsePositiveInt(o.generations, "--generations", 100000);
        if (o.xbar !== undefined) options.crossbarSizes = parseIntList(o.xbar, "--xbar", [128, 256, 512]) as StudyOptions["crossbarSizes"];
        if (o.cellBits !== undefined) options.cellBits = parseIntList(o.cellBits, "--cell-bits", [1, 2, 4]) as StudyOptions["cellBits"];
        if (o.dacBits !== undefined) options.dacBits = parseIntList(o.dacBits, "--dac-bits", [1, 2, 4]) as StudyOptions["dacBits"];
        if (o.ratio !== undefined) options.ratios = parseRatios(o.ratio);
        if (o.macroMode !== undefined) options.macroMode = o.macroMode;
        if (o.sharing === false) options.sharing = false;
        spec = studyFromFlags(target, { power: o.power, area: o.area, preset: o.preset, seeds: o.seeds, name: o.name, options });
      }

      const interrupts = interruptOnSignals();
      const tty = process.stderr.isTTY === true && !o.json;
      const multi = tty
        ? new MultiBar({ format: " {bar} {value}/{total} done | {running} running | {failed} failed | ETA {eta_formatted}", hideCursor: true, clearOnComplete: true, stream: process.stderr, etaBuffer: 20 }, Presets.shades_classic)
        : undefined;
      let bar: ReturnType<MultiBar["create"]> | undefined;
      let total = 0;
      let finished = 0;
      let failed = 0;
      let running = 0;
      let alreadyDone = 0;
      const t0 = Date.now();
      try {
        const result = await runStudy(spec, {
          queue: o.queue,
          out: o.out,
          workers,
          signal: interrupts.signal,
          onPlan: (plan, dir) => process.stderr.write(`study ${sanitize(plan.name)}: ${plan.jobs.length} jobs → ${sanitize(dir)}${o.queue ? ` (queue ${sanitize(o.queue.replace(/:[^:@/]*@/, ":***@"))})` : ""}\n`),
          events: {
            onPlan: (pending, all) => {
              total = pending;
              alreadyDone = all - pending;
              if (alreadyDone) process.stderr.write(`${alreadyDone} already done; running ${pending}\n`);
              bar = multi?.create(Math.max(total, 1), 0, { running: 0, failed: 0 });
            },
            onStart: () => {
              running = 1;
              bar?.update(finished, { running, failed });
            },
            onRunning: (n) => {
              running = n;
              bar?.update(finished, { running, failed });
            },
            onEnd: (job, line) => {
              finished++;
              if (line.status === "failed") failed++;
              if (!o.queue) running = 0;
              bar?.update(finished, { running, failed });
              if (!tty && !o.json) {
                const what = line.status === "done" ? `${fmt(line.metrics!.gopsPerW, 1)} GOPS/W, ${fmt(line.metrics!.tops, 3)} TOPS` : `failed: ${line.error}`;
                process.stderr.write(`[${finished}/${total}] ${sanitize(job.network.name)} ${fmt(job.powerW, 3)} W ${sanitize(job.preset.name)} seed ${job.seed}: ${sanitize(what)}\n`);
              }
            },
          },
        });
        multi?.stop();
        const o2 = result.outcome;
        if (o.json) for (const l of result.index) process.stdout.write(JSON.stringify(l) + "\n");
        else {
          const done = result.index.filter((l) => l.status === "done").length;
          const failedAll = result.index.filter((l) => l.status === "failed").length;
          const lines = [
            `${pc.bold("study")} → ${sanitize(result.dir)}: ${done} done, ${failedAll} failed, ${o2.remaining} not run, of ${done + failedAll + o2.remaining} jobs (${fmt((Date.now() - t0) / 1e3, 1)} s)`,
            ...(o2.enqueued !== undefined ? [`  queue: ${o2.enqueued} jobs enqueued by this sweep`] : []),
            ...result.fronts.map((g) => `  ${sanitize(g.network)} (${sanitize(g.preset)}): ${g.front.length} designs on the Pareto front (GOPS/W, TOPS, area, latency)`),
            `  report: ${sanitize(result.dir)}/report.html, study.csv, study.jsonl`,
          ];
          process.stdout.write(lines.join("\n") + "\n");
        }
        if (o2.interrupted && interrupts.by) {
          process.stderr.write(
            o.queue
              ? `interrupted (${interrupts.by}); ${o2.remaining} jobs stay queued for the workers: run the same sweep again to collect them\n`
              : `interrupted (${interrupts.by}); finished jobs are saved: run the same sweep again to run the ${o2.remaining} missing\n`,
          );
          process.exitCode = interrupts.exitCode();
        }
      } finally {
        multi?.stop();
        interrupts.release();
      }
    });
}
