/**
 * Why a design leaves part of its power budget unused. The search maximises efficiency (GOPS/W), not throughput,
 * so spare power is normal; the note names what more power could not buy: the busiest layer's limiting stage
 * when more weight copies would not shorten it (a vector op, a scratchpad access, the NoC), a layer that already
 * has one copy per output pixel, crossbars that fill their RatioRram share (Eq. 3) while peripherals keep up, or
 * else that the objective (efficiency) preferred fewer copies.
 */
import type { Metrics } from "../../cost/evaluate.ts";
import { TUNING } from "./tuning.ts";

const STAGE_TEXT: Record<string, string> = {
  "mvm/adc": "crossbar reads and ADC conversions",
  add: "partial-sum additions",
  alu: "ALU operation",
  load: "scratchpad loads",
  store: "scratchpad stores",
  transfer: "NoC transfers of its inputs",
  merge: "NoC merges of its outputs",
};

export interface BudgetUse {
  /** Peak power used ÷ budget. */
  fractionUsed: number;
  /** Whether the budget is binding (used ≥ TUNING.budgetBindingFraction of it). */
  binding: boolean;
  /** Why the rest is unused (absent when binding). */
  note?: string;
}

/** `ratio`: the design's RatioRram (Eq. 3's crossbar share of the budget). */
export function budgetUse(metrics: Metrics, powerW: number, ratio: number): BudgetUse {
  const fractionUsed = metrics.hardware.peakPowerW / powerW;
  if (fractionUsed >= TUNING.budgetBindingFraction) return { fractionUsed, binding: true };
  const m = metrics.mapping!;
  const b = m.layers.find((l) => l.name === m.bottleneckLayer) ?? [...m.layers].sort((x, y) => y.busyNs - x.busyNs)[0];
  const stage = STAGE_TEXT[b.bottleneck] ?? b.bottleneck;
  const crossbarW = metrics.hardware.byKind.crossbar?.peakPowerW ?? 0;
  const spare = `${(100 * (1 - fractionUsed)).toFixed(1)} % of the budget unused`;
  let why: string;
  if (b.role === "mvm" && b.bottleneck === "mvm/adc" && b.blocks <= 1)
    why = `more duplication cannot shorten the period: the busiest layer, ${b.name}, already has one weight copy per output pixel`;
  else if (b.role !== "mvm" || b.bottleneck !== "mvm/adc")
    why = `more duplication does not shorten the period: the bottleneck is ${b.name}'s ${stage} (${b.role} layer), which more crossbar copies do not speed up`;
  else if (crossbarW >= TUNING.budgetBindingFraction * ratio * powerW)
    why =
      `the crossbars use up their share (RatioRram ${(100 * ratio).toFixed(0)} %: Eq. 3 caps their count), and the busiest layer, ${b.name}, ` +
      `is bound by ${stage}, which more ADCs or ALUs do not shorten below one crossbar read per bit; the best design found is at this share`;
  else
    why = `the objective is efficiency (GOPS/W), not throughput: the best design found gives the busiest layer, ${b.name} (bound by ${stage}), fewer copies than the budget allows`;
  return { fractionUsed, binding: false, note: `${spare}: ${why}` };
}
