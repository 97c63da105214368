/**
 * `pimsyn worker`: takes synthesis jobs from the queue and runs them on worker threads (BullMQ's sandboxed
 * processor, sandbox.mjs), `concurrency` at a time. The main thread only talks to Redis, so lock renewal never
 * waits for a synthesis. A job whose worker dies (killed, machine lost) is found stalled once its lock expires and
 * goes back to the queue; `maxStalledCount` allows that several times before the job is failed.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "bullmq";
import { checkReachable, connectionOptions, QUEUE_NAME, QUEUE_PREFIX, type QueueTarget } from "./connection.ts";
import { RESULTS_ENV } from "./process-job.ts";
import type { JobPayload, JobResult } from "./payload.ts";

export interface WorkerOptions {
  concurrency: number;
  /** The only folder the worker writes to (scratch run directories, removed after each job). */
  resultsDir: string;
  /** How long a job's lock lasts without renewal: a dead worker's job is retried after about this long. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Times a job may be recovered from a dead worker before it is failed (BullMQ's default is 1). */
  maxStalledCount?: number;
  onJob?(event: "active" | "completed" | "failed", id: string, detail?: string): void;
}

/**
 * Compiled (dist/): process-job.js is the processor. From the TypeScript sources (tests, benches, a checkout without
 * dist/): sandbox.mjs registers tsx's loader in the processor thread first.
 */
export const PROCESSOR_FILE = fileURLToPath(new URL(import.meta.url.endsWith(".ts") ? "./sandbox.mjs" : "./process-job.js", import.meta.url));

export async function startWorker(target: QueueTarget, opts: WorkerOptions): Promise<Worker<JobPayload, JobResult>> {
  await checkReachable(target);
  const resultsDir = resolve(opts.resultsDir);
  mkdirSync(resultsDir, { recursive: true });
  // Threads copy the environment when they start: this is how the processor learns its folder.
  process.env[RESULTS_ENV] = resultsDir;
  const worker = new Worker<JobPayload, JobResult>(QUEUE_NAME, PROCESSOR_FILE, {
    connection: connectionOptions(target),
    prefix: QUEUE_PREFIX,
    concurrency: opts.concurrency,
    useWorkerThreads: true,
    lockDuration: opts.lockDurationMs ?? 30_000,
    stalledInterval: opts.stalledIntervalMs ?? 30_000,
    maxStalledCount: opts.maxStalledCount ?? 3,
  });
  worker.on("error", () => {
    /* reconnects are ioredis's business; a lost job is recovered by the stalled check */
  });
  worker.on("active", (job) => opts.onJob?.("active", String(job.id)));
  worker.on("completed", (job) => opts.onJob?.("completed", String(job.id)));
  worker.on("failed", (job, err) => opts.onJob?.("failed", String(job?.id), err.message.split("\n")[0]));
  await worker.waitUntilReady();
  return worker;
}
