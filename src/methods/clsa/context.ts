/** The context the CLSA-CIM stages read and extend (src/methods/clsa/stage-list.ts). */
import type { ArchSpec } from "../../hardware/arch.ts";
import type { Preset } from "../../hardware/components.ts";
import type { Network, Shape } from "../../network/types.ts";
import type { PolicyRun } from "./asap.ts";
import type { PreparedSchedule, RunOptions } from "./schedule.ts";
import type { ScheduleResult } from "./types.ts";

/** What the caller asks for: files and options as given. */
export interface ScheduleRequest {
  /** Zoo name or network file. */
  model: string;
  archFile: string;
  /** Preset name or file (default: the arch's). */
  preset?: string;
  override?: string;
  inputShape?: Shape;
  options: Omit<RunOptions, "file" | "traceTasks">;
  /** Where schedule.json and trace.json go; undefined: the run directory when the arch is a run's, else nowhere. */
  outDir?: string;
  /** Most tasks drawn in trace.json. */
  traceLimit: number;
}

export interface ScheduleContext {
  request: ScheduleRequest;
  /** Re-renders a run directory's reports (supplied by the face: methods never import the report). */
  renderReports: (runDir: string) => { html: string; md: string };
  network: Network;
  warnings: string[];
  arch: ArchSpec;
  preset: Preset;
  /** The resolved output folder ("" when nothing is written). */
  outDir: string;
  prepared: PreparedSchedule;
  runs: PolicyRun[];
  result: ScheduleResult;
  /** Files written, in order. */
  written: string[];
  /** Trace tasks not drawn because of the limit. */
  droppedTasks: number;
}
