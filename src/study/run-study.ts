/**
 * `runStudy`: a study spec (or study file) in; the study folder, its index and its Pareto fronts out. Runs locally
 * by default, or through a BullMQ queue on Redis when `queue` is a redis:// or rediss:// URL (workers elsewhere run
 * the jobs). Either way the folder is the same, and re-running only runs what is missing.
 */
import { dirname, join } from "node:path";
import { validate } from "../io/json.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { renderStudyReport } from "../report/study.ts";
import { TOOL_VERSION } from "../version.ts";
import { groupFronts, studyCsv, type Group } from "./aggregate.ts";
import { readStudyFile } from "./load.ts";
import { lockStudy, normalizeIndex, readStudyJson, readIndex, writeStudyFile, type IndexLine } from "./layout.ts";
import { runLocal, type RunOutcome, type StudyEvents } from "./local.ts";
import { planStudy, type StudyPlan } from "./plan.ts";
import { StudySpec } from "./spec.ts";

export interface RunStudyOptions {
  /** redis://host:port (or rediss://, with a password) to run on BullMQ workers; local when absent. */
  queue?: string;
  /** Study folder (default out/<study name>). */
  out?: string;
  /** Threads per synthesis (default 1). */
  workers?: number;
  /** Folder relative network and preset paths of the spec are taken from (default: the study file's folder, or "."). */
  baseDir?: string;
  signal?: AbortSignal;
  events?: StudyEvents & { onRunning?(running: number): void };
  /** Called once the plan is known (before any job runs). */
  onPlan?(plan: StudyPlan, dir: string): void;
}

export interface StudyResult {
  dir: string;
  index: IndexLine[];
  fronts: Group[];
  outcome: RunOutcome & { enqueued?: number; enqueueMs?: number; collectMs?: number };
}

export const STUDY_CSV = "study.csv";

/** study.csv, report.html and report.md of a study folder, from study.json and study.jsonl. */
export function writeAggregates(dir: string): { csv: string; html: string; md: string } {
  const study = readStudyJson(dir);
  const index = readIndex(dir);
  const lines = study.jobs.map((j) => index.get(j.id)).filter((l): l is IndexLine => l !== undefined);
  const { html, md } = renderStudyReport(study, lines, `pimsyn ${TOOL_VERSION}`);
  const paths = { csv: join(dir, STUDY_CSV), html: join(dir, "report.html"), md: join(dir, "report.md") };
  writeFileAtomic(paths.csv, studyCsv(lines));
  writeFileAtomic(paths.html, html);
  writeFileAtomic(paths.md, md);
  return paths;
}

export async function runStudy(spec: StudySpec | string, opts: RunStudyOptions = {}): Promise<StudyResult> {
  const fromFile = typeof spec === "string";
  const study = fromFile ? readStudyFile(spec) : validate(StudySpec, structuredClone(spec), "(study spec)");
  // A wrong queue URL or an unreachable server is found before anything is written.
  const queue = opts.queue === undefined ? undefined : await import("./queue/connection.ts").then(async ({ parseQueueUrl, checkReachable }) => {
    const target = parseQueueUrl(opts.queue!);
    await checkReachable(target);
    return target;
  });
  const plan = await planStudy(study, opts.baseDir ?? (fromFile ? dirname(spec) : "."));
  const dir = opts.out ?? join("out", plan.name);
  const release = lockStudy(dir);
  let outcome: StudyResult["outcome"];
  let index: IndexLine[] = [];
  try {
    writeStudyFile(dir, plan);
    opts.onPlan?.(plan, dir);
    const workers = opts.workers ?? 1;
    if (queue) {
      const { runOnQueue } = await import("./queue/producer.ts");
      outcome = await runOnQueue(plan, dir, queue, { workers, signal: opts.signal, events: opts.events });
    } else outcome = await runLocal(plan, dir, { workers, signal: opts.signal, events: opts.events });
  } finally {
    index = normalizeIndex(dir, plan.jobs);
    writeAggregates(dir);
    release();
  }
  return { dir, index, fronts: groupFronts(index), outcome };
}
