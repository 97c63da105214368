/**
 * The distributed sweep: enqueue the study's missing jobs on BullMQ (job id = our content-hash id, so re-adding is a
 * no-op and two sweeps of one study share jobs) and collect finished ones into the same study layout as the local
 * runner. A collected job is removed from Redis once its result is on disk, so Redis holds only jobs in flight.
 * Stopping the sweep leaves queued jobs to the workers; the next sweep collects them.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Queue, type Job } from "bullmq";
import type { StudyPlan } from "../plan.ts";
import { appendIndex, commitResult, doneLine, failedLine, pendingJobs, removeStale, RESULTS_DIR, type IndexLine } from "../layout.ts";
import type { RunOutcome, StudyEvents } from "../local.ts";
import { checkReachable, connectionOptions, QUEUE_NAME, QUEUE_PREFIX, type QueueTarget } from "./connection.ts";
import { payloadOf, type JobPayload, type JobResult } from "./payload.ts";
import { USER_ERROR_PREFIX } from "./process-job.ts";

export interface QueueRunOptions {
  /** Threads per synthesis on the workers. */
  workers: number;
  signal?: AbortSignal;
  events?: StudyEvents & { onRunning?(running: number): void };
  /** Attempts per job (a crash or a lost worker counts; a user error does not retry). */
  attempts?: number;
  backoffMs?: number;
  pollMs?: number;
}

export interface QueueOutcome extends RunOutcome {
  /** Jobs this sweep added to the queue (the others were already there or already done). */
  enqueued: number;
  /** Wall time spent adding jobs, and saving collected results and removing them from Redis (the sweep's own cost). */
  enqueueMs: number;
  collectMs: number;
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const PAGE = 200;

/** Write a worker's returned files into results/<id>/ (exactly once). Names are checked: nothing lands outside. */
export function saveReturned(studyDir: string, id: string, value: unknown): boolean {
  const r = value as JobResult | null;
  if (!r || r.id !== id || typeof r.files !== "object" || r.files === null) throw new Error(`job ${id} returned no result`);
  if (!("metrics.json" in r.files)) throw new Error(`job ${id} returned no metrics.json`);
  const tmp = join(studyDir, RESULTS_DIR, `.${id}.partial-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    for (const [name, b64] of Object.entries(r.files)) {
      if (!FILE_NAME.test(name) || typeof b64 !== "string") throw new Error(`job ${id} returned an unsafe file name ${JSON.stringify(name).slice(0, 80)}`);
      writeFileSync(join(tmp, name), gunzipSync(Buffer.from(b64, "base64")));
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return commitResult(studyDir, id, tmp);
}

async function* finishedJobs(queue: Queue, state: "completed" | "failed"): AsyncGenerator<Job> {
  for (let start = 0; ; start += PAGE) {
    const page = await queue.getJobs([state], start, start + PAGE - 1, true);
    yield* page.filter((j): j is Job => Boolean(j));
    if (page.length < PAGE) return;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

export async function runOnQueue(plan: StudyPlan, studyDir: string, target: QueueTarget, opts: QueueRunOptions): Promise<QueueOutcome> {
  await checkReachable(target);
  removeStale(studyDir);
  const pending = pendingJobs(studyDir, plan.jobs);
  opts.events?.onPlan?.(pending.length, plan.jobs.length);
  const waiting = new Map(pending.map((j) => [j.id, j]));
  const queue = new Queue<JobPayload, JobResult>(QUEUE_NAME, { connection: connectionOptions(target), prefix: QUEUE_PREFIX });
  queue.on("error", () => {
    /* connection errors surface through the awaited calls */
  });
  const jobOptions = {
    attempts: opts.attempts ?? 3,
    backoff: { type: "exponential" as const, delay: opts.backoffMs ?? 2000 },
  };
  const add = async (ids: readonly string[]): Promise<number> => {
    let added = 0;
    for (let i = 0; i < ids.length; i += PAGE) {
      const chunk = ids.slice(i, i + PAGE);
      const existing = await Promise.all(chunk.map((id) => queue.getJob(id)));
      const fresh = chunk.filter((_, k) => !existing[k]);
      if (fresh.length)
        await queue.addBulk(fresh.map((id) => ({ name: "synth", data: payloadOf(plan, waiting.get(id)!, opts.workers), opts: { ...jobOptions, jobId: id } })));
      added += fresh.length;
    }
    return added;
  };
  let done = 0;
  let failed = 0;
  let collectMs = 0;
  try {
    const t0 = performance.now();
    const enqueued = await add([...waiting.keys()]);
    const enqueueMs = performance.now() - t0;
    let lastCheck = Date.now();
    while (waiting.size && !opts.signal?.aborted) {
      for await (const job of finishedJobs(queue, "completed")) {
        const studyJob = job.id ? waiting.get(job.id) : undefined;
        if (!studyJob) continue;
        const t1 = performance.now();
        let line: IndexLine;
        try {
          saveReturned(studyDir, studyJob.id, job.returnvalue);
          line = doneLine(studyDir, studyJob);
          done++;
        } catch (e) {
          line = failedLine(studyJob, `internal error: ${(e as Error).message}`, "internal");
          failed++;
        }
        appendIndex(studyDir, line);
        waiting.delete(studyJob.id);
        await job.remove();
        collectMs += performance.now() - t1;
        opts.events?.onEnd?.(studyJob, line);
      }
      for await (const job of finishedJobs(queue, "failed")) {
        const studyJob = job.id ? waiting.get(job.id) : undefined;
        if (!studyJob) continue;
        const reason = job.failedReason ?? "failed";
        const user = reason.startsWith(USER_ERROR_PREFIX);
        const line = failedLine(studyJob, user ? reason.slice(USER_ERROR_PREFIX.length) : `internal error: ${reason}`, user ? "user" : "internal");
        failed++;
        appendIndex(studyDir, line);
        waiting.delete(studyJob.id);
        await job.remove();
        opts.events?.onEnd?.(studyJob, line);
      }
      if (opts.events?.onRunning) opts.events.onRunning((await queue.getJobCounts("active")).active ?? 0);
      // A job that vanished from Redis (flushed, or removed by another study's collector after it saved its copy)
      // is added again; adding is a no-op for the ones still there.
      if (Date.now() - lastCheck > 30_000) {
        await add([...waiting.keys()]);
        lastCheck = Date.now();
      }
      if (waiting.size) await sleep(opts.pollMs ?? 500, opts.signal);
    }
    return { done, failed, remaining: waiting.size, interrupted: waiting.size > 0, enqueued, enqueueMs, collectMs };
  } finally {
    await queue.close();
  }
}
