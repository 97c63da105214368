/**
 * Loads a run directory for the report: metrics.json and arch.json are required; traces.json, timing.json,
 * explored.jsonl and ablation.json are optional (their sections say "not recorded"), and schedule.json (written by
 * `pimsyn schedule`) adds a section when present; a present file that is malformed is a UserError. Only the
 * files are read, so a run can be re-rendered by any later version.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { readJsonFile, validate } from "../io/json.ts";
import { ArchSpec, type Mapping } from "../hardware/arch.ts";
import { RunMetrics, RunTiming, RunTraces } from "./run-schema.ts";
import { ABLATION_FILE, AblationTable } from "./ablation.ts";
import { readExplored, type ExploredSummary } from "./explored.ts";
import { ScheduleResult } from "../methods/clsa/types.ts";

/** Written into a run directory by `pimsyn schedule <model> --arch <run>/arch.json`. */
export const SCHEDULE_FILE = "schedule.json";
/** The Perfetto trace `pimsyn schedule` writes beside schedule.json (only its size is read: it can be large). */
export const SCHEDULE_TRACE_FILE = "trace.json";

export interface RunData {
  dir: string;
  metrics: RunMetrics;
  arch: ArchSpec & { mapping: Mapping };
  traces?: RunTraces;
  timing?: RunTiming;
  explored?: ExploredSummary;
  ablation?: AblationTable;
  schedule?: ScheduleResult;
  /** Size of trace.json beside schedule.json, when there is one. */
  scheduleTraceBytes?: number;
}

function optionalJson<T>(file: string, read: (f: string) => T): T | undefined {
  return existsSync(file) ? read(file) : undefined;
}

/** Check the run directory exists; a plain file or a missing path is a user error. */
export function checkRunDir(dir: string, pointer = "<run-dir>"): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UserError("no such run directory; expected a folder written by `pimsyn synth`", { file: dir, pointer });
  }
  if (!isDir) throw new UserError("is not a directory; expected a run directory written by `pimsyn synth`", { file: dir, pointer });
  if (!existsSync(join(dir, "metrics.json")))
    throw new UserError("has no metrics.json; expected a run directory written by `pimsyn synth`", { file: dir, pointer });
}

/** `explored: false` / `traces: false` / `schedule: false` skip those files when a caller does not draw them. */
export function loadRun(dir: string, opts: { explored?: boolean; traces?: boolean; schedule?: boolean } = {}): RunData {
  checkRunDir(dir);
  const metricsFile = join(dir, "metrics.json");
  const metrics = validate(RunMetrics, readJsonFile(metricsFile), metricsFile);
  const archFile = join(dir, "arch.json");
  const arch = validate(ArchSpec, readJsonFile(archFile), archFile);
  if (!arch.mapping) throw new UserError("has no mapping section; a synthesized design always has one", { file: archFile, pointer: "/mapping" });
  const traces = opts.traces === false ? undefined : optionalJson(join(dir, "traces.json"), (f) => validate(RunTraces, readJsonFile(f), f));
  const timing = optionalJson(join(dir, "timing.json"), (f) => validate(RunTiming, readJsonFile(f), f));
  const ablation = optionalJson(join(dir, ABLATION_FILE), (f) => validate(AblationTable, readJsonFile(f), f));
  const explored = opts.explored === false ? undefined : optionalJson(join(dir, "explored.jsonl"), readExplored);
  const schedule = opts.schedule === false ? undefined : optionalJson(join(dir, SCHEDULE_FILE), (f) => validate(ScheduleResult, readJsonFile(f), f));
  const scheduleTraceBytes = schedule ? fileBytes(join(dir, SCHEDULE_TRACE_FILE)) : undefined;
  checkConsistency(metrics, arch as RunData["arch"], metricsFile, archFile);
  return { dir, metrics, arch: arch as RunData["arch"], traces, timing, explored, ablation, schedule, scheduleTraceBytes };
}

/** Size of a regular file, or undefined if there is none (a folder of that name is not a trace). */
function fileBytes(file: string): number | undefined {
  try {
    const st = statSync(file);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/** The files of one run must describe the same design; a hand-edited mix is reported, not silently drawn. */
function checkConsistency(metrics: RunMetrics, arch: RunData["arch"], metricsFile: string, archFile: string): void {
  const { meshRows, meshCols } = arch.hardware.noc;
  const cells = meshRows * meshCols;
  arch.mapping.layers.forEach((l, j) =>
    l.macros.forEach((m, k) => {
      if (m >= cells)
        throw new UserError(`macro index ${m} is outside the ${meshRows}x${meshCols} mesh`, { file: archFile, pointer: `/mapping/layers/${j}/macros/${k}` });
    }),
  );
  const names = new Set(arch.mapping.layers.map((l) => l.layer));
  metrics.design.mapping.layers.forEach((l, j) => {
    if (!names.has(l.name))
      throw new UserError(`layer "${l.name}" is not in arch.json's mapping; expected the files of one run`, {
        file: metricsFile,
        pointer: `/design/mapping/layers/${j}/name`,
      });
  });
}
