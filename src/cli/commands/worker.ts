import { Command } from "@commander-js/extra-typings";
import { pc } from "../colors.ts";
import { parseQueueUrl } from "../../study/queue/connection.ts";
import { startWorker } from "../../study/queue/worker.ts";
import { parseDurationMs, parsePositiveInt } from "../parse.ts";
import { EXIT } from "../run.ts";
import { sanitize } from "../terminal-text.ts";

export function register(program: Command): void {
  program
    .command("worker")
    .description("run study jobs from a BullMQ queue on Redis (start any number, on any machines; see `pimsyn sweep --queue`)")
    .requiredOption("--queue <url>", "redis://host:6379, redis://:password@host:6379, rediss://... (TLS)")
    .option("--concurrency <N>", "jobs at once, each on its own thread (default 1)", "1")
    .option("--results <dir>", "scratch folder for run directories (the only place this worker writes; emptied after each job)", "pimsyn-worker")
    .option("--lock-duration <T>", "job lock (a dead worker's job is retried after about this long)", "30s")
    .option("--stalled-interval <T>", "how often to look for jobs of dead workers", "30s")
    .option("--max-stalled <N>", "times a job may be recovered from a dead worker before it fails", "3")
    .action(async (o) => {
      const target = parseQueueUrl(o.queue);
      const concurrency = parsePositiveInt(o.concurrency, "--concurrency", 256);
      const worker = await startWorker(target, {
        concurrency,
        resultsDir: o.results,
        lockDurationMs: parseDurationMs(o.lockDuration, "--lock-duration"),
        stalledIntervalMs: parseDurationMs(o.stalledInterval, "--stalled-interval"),
        maxStalledCount: parsePositiveInt(o.maxStalled, "--max-stalled", 100),
        onJob: (event, id, detail) => {
          const what = event === "failed" ? pc.red(`failed: ${sanitize(detail ?? "")}`) : event;
          process.stderr.write(`${new Date().toISOString()} job ${sanitize(id, 40)} ${what}\n`);
        },
      });
      process.stderr.write(`worker ${process.pid}: ${concurrency} at a time from ${sanitize(target.shown)}; Ctrl-C stops after the running jobs (twice: at once)\n`);
      const code = await new Promise<number>((resolve) => {
        let stopping = false;
        const onSignal = (sig: NodeJS.Signals) => {
          const code = sig === "SIGTERM" ? EXIT.sigterm : EXIT.sigint;
          if (stopping) {
            // Second signal: leave at once; the running jobs' locks lapse and other workers retry them.
            void worker.close(true).finally(() => resolve(code));
            return;
          }
          stopping = true;
          process.stderr.write("stopping after the running jobs...\n");
          void worker.close().finally(() => resolve(code));
        };
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
      });
      process.exitCode = code;
    });
}
