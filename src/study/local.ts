/**
 * Runs a study's missing jobs one after another in this process (each synthesis uses `workers` threads). A finished
 * job is moved into results/<id>/ and indexed at once, so an interrupt loses only the job that was running; a
 * failing job is recorded with its error and the study goes on.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { isUserError } from "../errors.ts";
import type { StudyJob, StudyPlan } from "./plan.ts";
import { appendIndex, commitResult, doneLine, failedLine, pendingJobs, removeStale, RESULTS_DIR, type IndexLine } from "./layout.ts";
import { synthCall, synthesize } from "./synth-call.ts";

export interface StudyEvents {
  /** The jobs this run will do (the rest are already done). */
  onPlan?(pending: number, total: number): void;
  onStart?(job: StudyJob): void;
  onEnd?(job: StudyJob, line: IndexLine): void;
}

export interface LocalRunOptions {
  /** Threads per synthesis. */
  workers: number;
  signal?: AbortSignal;
  events?: StudyEvents;
}

export interface RunOutcome {
  done: number;
  failed: number;
  /** Jobs not run because the signal stopped the study. */
  remaining: number;
  interrupted: boolean;
  /** Wall time inside synthesize() summed over this run's jobs (local runs; the rest of the wall is the runner's). */
  synthesisMs?: number;
}

/** One job's synthesis into a scratch folder; returns the finished run directory. */
export async function synthesizeJob(job: StudyJob, scratch: string, workers: number, signal?: AbortSignal): Promise<string> {
  const ctx = await synthesize(synthCall({ model: job.network.source, preset: job.preset.source, powerW: job.powerW, seed: job.seed, options: job.options }, { workers, outDir: scratch, signal }));
  // Without --save-partial an interrupted synthesis returns its best design unsaved: not a result.
  if (ctx.interrupted || !ctx.runDir) throw new Error("interrupted");
  return ctx.runDir;
}

export async function runLocal(plan: StudyPlan, studyDir: string, opts: LocalRunOptions): Promise<RunOutcome> {
  removeStale(studyDir);
  const pending = pendingJobs(studyDir, plan.jobs);
  opts.events?.onPlan?.(pending.length, plan.jobs.length);
  const scratch = join(studyDir, RESULTS_DIR, `.work-${process.pid}`);
  let done = 0;
  let failed = 0;
  let synthesisMs = 0;
  try {
    for (const job of pending) {
      if (opts.signal?.aborted) break;
      opts.events?.onStart?.(job);
      let line: IndexLine;
      const t0 = performance.now();
      try {
        const runDir = await synthesizeJob(job, scratch, opts.workers, opts.signal).finally(() => (synthesisMs += performance.now() - t0));
        commitResult(studyDir, job.id, runDir);
        line = doneLine(studyDir, job);
        done++;
      } catch (e) {
        // An interrupted job is not a failure: it runs again next time.
        if (opts.signal?.aborted) break;
        line = failedLine(job, isUserError(e) ? e.toLine() : `internal error: ${(e as Error).message ?? String(e)}`, isUserError(e) ? "user" : "internal");
        failed++;
      }
      appendIndex(studyDir, line);
      opts.events?.onEnd?.(job, line);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const interrupted = opts.signal?.aborted === true;
  return { done, failed, remaining: pending.length - done - failed, interrupted, synthesisMs };
}
