/**
 * ablation.json, written by `pimsyn ablate` into a run directory: one row per variant (the full flow, each
 * feature switched off, the ISAAC-like baseline). The report renders it when present.
 */
import { Type, type Static } from "@sinclair/typebox";

export const AblationRow = Type.Object({
  /** Variant, e.g. "full", "no ADC sharing", "ISAAC-like baseline". */
  name: Type.String({ minLength: 1 }),
  gopsPerW: Type.Number(),
  /** ops ÷ pipeline period. */
  throughputTops: Type.Number(),
  peakPowerW: Type.Number(),
  /** gopsPerW / the full flow's gopsPerW (1 for the full flow itself). */
  gainVsFull: Type.Number(),
});
export type AblationRow = Static<typeof AblationRow>;

export const AblationTable = Type.Object({ rows: Type.Array(AblationRow) });
export type AblationTable = Static<typeof AblationTable>;

export const ABLATION_FILE = "ablation.json";
