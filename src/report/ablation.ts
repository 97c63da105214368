/**
 * ablation.json, written by `pimsyn ablate` into a run directory: one row per variant (the full flow, each
 * feature switched off, the ISAAC-like baseline). The report renders it when present.
 */
import { Type, type Static } from "@sinclair/typebox";

export const AblationRow = Type.Object({
  /** Variant, e.g. "full", "no ADC sharing", "ISAAC-like baseline". */
  name: Type.String({ minLength: 1 }),
  /** What the variant changes. */
  description: Type.Optional(Type.String()),
  gopsPerW: Type.Number({ minimum: 0, maximum: 1e12 }),
  /** ops ÷ pipeline period. */
  throughputTops: Type.Number({ minimum: 0, maximum: 1e12 }),
  /** ops ÷ single-inference latency (the reference code's convention). */
  latencyTops: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  peakPowerW: Type.Number({ minimum: 0, maximum: 1e9 }),
  /** The full flow's gopsPerW / this row's (1 for the full flow itself; > 1 when the variant is worse). */
  gainVsFull: Type.Number({ minimum: 0, maximum: 1e12 }),
});
export type AblationRow = Static<typeof AblationRow>;

/** The rows, and the synthesis they ablate (model, budget, preset, seed; recorded by `pimsyn ablate`). */
export const AblationTable = Type.Object({
  model: Type.Optional(Type.String()),
  powerBudgetW: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6 })),
  preset: Type.Optional(Type.String()),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffffffff })),
  rows: Type.Array(AblationRow),
});
export type AblationTable = Static<typeof AblationTable>;

export const ABLATION_FILE = "ablation.json";
