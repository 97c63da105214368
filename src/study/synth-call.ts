/**
 * The one place the study machinery meets the synthesis: a study job's options become a `synthesize` call. Only the
 * public call and its defaults are used (so the synthesis internals can move without touching src/study/).
 */
import { synthesize, type SynthesizeCall } from "../api/synthesize.ts";
import { DEFAULT_OPTIONS } from "../methods/pimsyn/options.ts";
import type { StudyOptions } from "./spec.ts";

export { synthesize };

export interface JobInputs {
  /** Zoo name or network file path. */
  model: string;
  /** Built-in preset name or preset file path. */
  preset: string;
  powerW: number;
  seed: number;
  options: StudyOptions;
}

/** The synthesis call of one job (the search space's unset fields keep the synthesis defaults). */
export function synthCall(job: JobInputs, run: { workers: number; outDir: string; signal?: AbortSignal }): SynthesizeCall {
  const o = job.options;
  const d = DEFAULT_OPTIONS.space;
  return {
    model: job.model,
    powerW: job.powerW,
    preset: job.preset,
    seed: job.seed,
    workers: run.workers,
    outDir: run.outDir,
    signal: run.signal,
    maxEvaluations: o.maxEvaluations,
    candidates: o.candidates,
    eaGenerations: o.generations,
    macroMode: o.macroMode,
    sharing: o.sharing,
    space: {
      crossbarSizes: o.crossbarSizes ?? d.crossbarSizes,
      cellBits: o.cellBits ?? d.cellBits,
      dacBits: o.dacBits ?? d.dacBits,
      ratios: o.ratios ?? d.ratios,
    },
  };
}
