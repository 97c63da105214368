/**
 * The study folder: study.json (the expanded plan), results/<id>/ (one run directory per finished job),
 * study.jsonl (one index line per job: done with its headline metrics, or failed with its error), and the
 * aggregates (study.csv, report.html, report.md). A result directory is the truth; the index is rebuilt from the
 * result directories and the failure records, in job order, so it is the same bytes however the jobs ran.
 */
import { processAlive } from "../flow/run-dir.ts";
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { jsonText, writeFileAtomic } from "../io/atomic.ts";
import { JOB_ID_PATTERN, type StudyJob, type StudyPlan } from "./plan.ts";
import type { StudySpec } from "./spec.ts";

export const STUDY_JSON = "study.json";
export const STUDY_INDEX = "study.jsonl";
export const RESULTS_DIR = "results";

/** Headline metrics copied from a run's metrics.json summary into the index (units in the names). */
export interface JobMetrics {
  gopsPerW: number;
  tops: number;
  latencyNs: number;
  powerUsedW: number;
  powerBudgetW: number;
  areaMm2: number;
  fractionOfEnergyBound: number;
  /** Over the same-budget ISAAC-like design; absent when none fits the budget. */
  gainOverIsaacLike?: number;
  crossbarSize: number;
  cellBits: number;
  dacBits: number;
  adcBits: number;
  macros: number;
  crossbars: number;
  status: string;
}

export interface IndexLine {
  id: string;
  status: "done" | "failed";
  network: string;
  networkHash: string;
  preset: string;
  powerW: number;
  /** Area budget (mm²), when the study caps area. */
  areaMm2?: number;
  seed: number;
  /** Run directory relative to the study folder (done jobs). */
  result?: string;
  metrics?: JobMetrics;
  /** One line (failed jobs). */
  error?: string;
  /** A user error (e.g. no design fits the budget) fails again on a re-run; an internal one is retried. */
  errorKind?: "user" | "internal";
}

/** What study.json holds: enough to re-render the report and to resume without the original study file. */
export interface StudyFile {
  schemaVersion: 1;
  name: string;
  hash: string;
  spec: StudySpec;
  jobs: StudyJob[];
}

export function resultDir(studyDir: string, id: string): string {
  // Ids come from a hash or from a queue: never let one name a path outside results/.
  if (!JOB_ID_PATTERN.test(id)) throw new Error(`invalid job id ${JSON.stringify(id)}`);
  return join(studyDir, RESULTS_DIR, id);
}

export function isDone(studyDir: string, id: string): boolean {
  return existsSync(join(resultDir(studyDir, id), "metrics.json"));
}

export function writeStudyFile(studyDir: string, plan: StudyPlan): void {
  const file: StudyFile = { schemaVersion: 1, name: plan.name, hash: plan.hash, spec: plan.spec, jobs: plan.jobs };
  writeFileAtomic(join(studyDir, STUDY_JSON), jsonText(file));
}

export function readStudyJson(studyDir: string): StudyFile {
  const file = join(studyDir, STUDY_JSON);
  if (!existsSync(file)) throw new UserError(`no ${STUDY_JSON} here; expected a study folder written by \`pimsyn sweep\``, { file: studyDir });
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as StudyFile;
    if (data.schemaVersion !== 1 || !Array.isArray(data.jobs)) throw new Error("schemaVersion");
    return data;
  } catch {
    throw new UserError("expected a study.json written by `pimsyn sweep` (schemaVersion 1 with jobs)", { file });
  }
}

/** The index lines by id (a torn last line from a killed process is skipped; a later line wins). */
export function readIndex(studyDir: string): Map<string, IndexLine> {
  const file = join(studyDir, STUDY_INDEX);
  const lines = new Map<string, IndexLine>();
  if (!existsSync(file)) return lines;
  for (const text of readFileSync(file, "utf8").split("\n")) {
    if (!text.trim()) continue;
    try {
      const line = JSON.parse(text) as IndexLine;
      if (typeof line.id === "string" && JOB_ID_PATTERN.test(line.id)) lines.set(line.id, line);
    } catch {
      /* torn line */
    }
  }
  return lines;
}

/** Append one line as soon as a job ends (a crash loses nothing; the index is normalised afterwards). */
export function appendIndex(studyDir: string, line: IndexLine): void {
  appendFileSync(join(studyDir, STUDY_INDEX), JSON.stringify(line) + "\n");
}

export function metricsOf(runDir: string): JobMetrics {
  // metrics.json names (issue 12): throughputTops, fractionOfSpaceBound (the design space's energy bound), and
  // gainOverBaseline (over the same-budget ISAAC-like design; absent when that design does not fit the budget).
  type Summary = Omit<JobMetrics, "status" | "tops" | "fractionOfEnergyBound" | "gainOverIsaacLike"> & {
    throughputTops: number;
    fractionOfSpaceBound: number;
    gainOverBaseline?: number;
  };
  const m = JSON.parse(readFileSync(join(runDir, "metrics.json"), "utf8")) as { status: string; summary: Summary };
  const s = m.summary;
  return {
    gopsPerW: s.gopsPerW,
    tops: s.throughputTops,
    latencyNs: s.latencyNs,
    powerUsedW: s.powerUsedW,
    powerBudgetW: s.powerBudgetW,
    areaMm2: s.areaMm2,
    fractionOfEnergyBound: s.fractionOfSpaceBound,
    gainOverIsaacLike: s.gainOverBaseline,
    crossbarSize: s.crossbarSize,
    cellBits: s.cellBits,
    dacBits: s.dacBits,
    adcBits: s.adcBits,
    macros: s.macros,
    crossbars: s.crossbars,
    status: m.status,
  };
}

export function doneLine(studyDir: string, job: StudyJob): IndexLine {
  return { ...jobFields(job), status: "done", result: `${RESULTS_DIR}/${job.id}`, metrics: metricsOf(resultDir(studyDir, job.id)) };
}

export function failedLine(job: StudyJob, error: string, errorKind: "user" | "internal"): IndexLine {
  return { ...jobFields(job), status: "failed", error: error.split("\n")[0].slice(0, 2000), errorKind };
}

function jobFields(job: StudyJob) {
  return { id: job.id, network: job.network.name, networkHash: job.network.hash, preset: job.preset.name, powerW: job.powerW, ...(job.areaMm2 === undefined ? {} : { areaMm2: job.areaMm2 }), seed: job.seed };
}

/** Jobs still to run: no result directory, and not a recorded user error (which would fail the same way again). */
export function pendingJobs(studyDir: string, jobs: readonly StudyJob[]): StudyJob[] {
  const index = readIndex(studyDir);
  return jobs.filter((j) => !isDone(studyDir, j.id) && !(index.get(j.id)?.status === "failed" && index.get(j.id)?.errorKind === "user"));
}

/** Rewrite study.jsonl in job order from the result directories and the failure records. Returns the lines. */
export function normalizeIndex(studyDir: string, jobs: readonly StudyJob[]): IndexLine[] {
  const old = readIndex(studyDir);
  const lines: IndexLine[] = [];
  for (const job of jobs) {
    if (isDone(studyDir, job.id)) lines.push(doneLine(studyDir, job));
    else {
      const f = old.get(job.id);
      if (f?.status === "failed") lines.push(f);
    }
  }
  writeFileAtomic(join(studyDir, STUDY_INDEX), lines.map((l) => JSON.stringify(l) + "\n").join(""));
  return lines;
}

/**
 * Move a finished run directory into results/<id>/. Exactly once: when the id is already there (another collector
 * or a duplicate delivery got it first), the new copy is discarded. Returns false in that case.
 */
export function commitResult(studyDir: string, id: string, runDir: string): boolean {
  const dest = resultDir(studyDir, id);
  mkdirSync(join(studyDir, RESULTS_DIR), { recursive: true });
  if (existsSync(dest)) {
    rmSync(runDir, { recursive: true, force: true });
    return false;
  }
  renameSync(runDir, dest);
  return true;
}

/** Leftover temporary folders of killed runs (results/.work-*, results/.*.partial-*). */
export function removeStale(studyDir: string): void {
  const dir = join(studyDir, RESULTS_DIR);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.startsWith(".")) rmSync(join(dir, name), { recursive: true, force: true });
}

/**
 * One sweep at a time per study folder: a second one would run the same jobs twice. The lock names the holder's
 * pid; a lock left by a dead process is taken over.
 */
export function lockStudy(studyDir: string): () => void {
  mkdirSync(studyDir, { recursive: true });
  const file = join(studyDir, ".lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(file, "utf8"));
      if (Number.isSafeInteger(pid) && pid > 0 && processAlive(pid))
        throw new UserError(`another sweep (pid ${pid}) is running on this study folder; wait for it or stop it`, { file: studyDir });
      rmSync(file, { force: true });
    }
  }
  throw new UserError("cannot lock the study folder", { file: studyDir });
}
