/** The public synthesis call: options in, run directory and summary out. */
import { runStages, stageContextOf } from "./stage.ts";
import type { SynthContext } from "./context.ts";
import { DEFAULT_OPTIONS, type SynthOptions } from "./options.ts";
import { synthesisStages } from "../pipeline.ts";

export interface SynthesizeCall extends Partial<Omit<SynthOptions, "model" | "powerW">> {
  model: string;
  powerW: number;
  outDir?: string;
  onProgress?: (done: number, total: number, label: string) => void;
  onStage?: (name: string) => void;
  signal?: AbortSignal;
}

export async function synthesize(call: SynthesizeCall): Promise<SynthContext> {
  const { outDir = "out", onProgress, onStage, signal, ...rest } = call;
  const options: SynthOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(rest) } as SynthOptions;
  const timings: SynthContext["timings"] = [];
  const initial: Partial<SynthContext> = { options, outDir, hooks: { progress: onProgress, signal }, startedAt: Date.now(), timings };
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
