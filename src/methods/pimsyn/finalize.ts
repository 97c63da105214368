/**
 * The steps every finalist goes through, shared by the finalist stages (exact-allocate, evaluate-finalists) and
 * the scratchpad fit (fit-scratchpad.ts), so a re-sized design is allocated, built and kept by the same rules:
 * the exact (MILP) allocation for the power the fixed parts leave; the design built as arch.json, evaluated and
 * checked against the budget; the exact allocation kept only when it stays within the budget and is at least as
 * efficient as the closed form.
 */
import type { Network } from "../../network/types.ts";
import type { Preset } from "../../hardware/components.ts";
import type { ArchSpec } from "../../hardware/arch.ts";
import type { NetworkModel } from "../../mapping/layer-model.ts";
import { clonePlan, type Plan } from "../../mapping/plan.ts";
import type { PointCosts } from "../../cost/point-costs.ts";
import { planPower } from "../../cost/plan-power.ts";
import { evaluate, type Metrics } from "../../cost/evaluate.ts";
import { allocateExact, type ExactAllocation } from "./allocate-exact.ts";
import { designToArch, nocOf, type Design } from "./design.ts";

/** The plan with no ADCs or ALUs: what the search costs before it allocates them. */
export function withoutPeripherals(plan: Plan): Plan {
  const bare = clonePlan(plan);
  for (const a of [bare.adc, bare.shiftAdd, bare.add, bare.act, bare.vec]) a.fill(0);
  return bare;
}

/** The exact allocation of the design's ADCs and ALUs for the power its fixed parts leave, into a copy of its plan. */
export async function exactlyAllocated(
  model: NetworkModel,
  costs: PointCosts,
  preset: Preset,
  design: Design,
  powerW: number,
  timeLimitS: number,
): Promise<{ exact: ExactAllocation; plan: Plan }> {
  const budgetW = powerW - planPower(model, costs, nocOf(preset), withoutPeripherals(design.plan)).peakW;
  const plan = clonePlan(design.plan);
  const exact = await allocateExact(model, costs, plan, { budgetW, mode: design.macroMode, perMacro: true, timeLimitS });
  return { exact, plan };
}

export interface Budget {
  powerW: number;
  areaMm2?: number;
}

export interface Built {
  design: Design;
  arch: ArchSpec;
  metrics: Metrics;
  within: boolean;
}

/** The design as arch.json, evaluated, with its budget recorded and whether it stays within it. */
export function buildDesign(network: Network, model: NetworkModel, design: Design, preset: Preset, name: string, budget: Budget): Built {
  const arch = designToArch(network, model, design, preset, name);
  const metrics = evaluate(arch, preset, network);
  const hw = metrics.hardware;
  const within = hw.peakPowerW <= budget.powerW * (1 + 1e-9) && (budget.areaMm2 === undefined || hw.areaMm2 <= budget.areaMm2 * (1 + 1e-9));
  arch.budget = { powerW: budget.powerW, areaMm2: budget.areaMm2, usedPowerW: hw.peakPowerW, usedAreaMm2: hw.areaMm2 };
  if (budget.areaMm2 === undefined) delete arch.budget.areaMm2;
  return { design, arch, metrics, within };
}

/**
 * The exact allocation is kept when it stays within the budget and is at least as efficient as the closed form
 * (it spends leftover power, which static power can make a loss): a finalist never gets worse by it. Returns the
 * build to keep and, when the exact one was dropped, why.
 */
export function keepBetter(closed: Built, exact: Built | undefined): { built: Built; exactKept: boolean; dropped?: string } {
  if (!exact) return { built: closed, exactKept: false };
  if (!exact.within) return { built: closed, exactKept: false, dropped: "over budget once built" };
  if (exact.metrics.mapping!.gopsPerW < closed.metrics.mapping!.gopsPerW) return { built: closed, exactKept: false, dropped: "less efficient than the closed form" };
  return { built: exact, exactKept: true };
}
