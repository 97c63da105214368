/**
 * The synthesis as the method runs it: options in, run directory and summary out. The public API and the CLI
 * call it through src/api/synthesize.ts, which supplies the report renderer (a method never imports the report).
 */
import { runStages, stageContextOf } from "../../flow/stage.ts";
import type { SynthContext } from "./context.ts";
import { DEFAULT_OPTIONS, type SynthOptions } from "./options.ts";
import { synthesisStages } from "./stage-list.ts";

export interface SynthesizeCall extends Partial<Omit<SynthOptions, "model" | "powerW">> {
  model: string;
  powerW: number;
  outDir?: string;
  /** Called as outer points finish, with the best efficiency found so far (undefined until a design exists). */
  onProgress?: (done: number, total: number, label: string, bestGopsPerW?: number) => void;
  onStage?: (name: string) => void;
  signal?: AbortSignal;
  /** When the run started (ms since epoch; default now): --time-budget counts from here, so the CLI passes its process start. */
  startedAt?: number;
  /** Writes report.html/report.md into a run directory before it is committed (omitted: JSON files only). */
  renderReports?: (runDir: string) => void;
}

export async function runSynthesis(call: SynthesizeCall): Promise<SynthContext> {
  const { outDir = "out", onProgress, onStage, signal, renderReports = () => {}, startedAt = Date.now(), ...rest } = call;
  const options: SynthOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(rest) } as SynthOptions;
  const timings: SynthContext["timings"] = [];
  const initial: Partial<SynthContext> = { options, outDir, hooks: { progress: onProgress, signal }, renderReports, startedAt, timings };
  try {
    const { ctx } = await runStages<SynthContext>(synthesisStages, initial, onStage, timings);
    return ctx as SynthContext;
  } catch (e) {
    // The run directory is still the temporary sibling: remove it so nothing half-written remains.
    stageContextOf<SynthContext>(e)?.run?.discard();
    throw e;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
