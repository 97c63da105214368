/**
 * Scratchpads that hold what the simulated schedule buffers. The search sizes each design's scratchpad with the
 * analytic window estimate (src/mapping/buffer.ts); the block-level simulator then measures the occupancy of
 * the finalist's actual schedule. When that occupancy exceeds the scratchpad, the finalist is re-sized to the
 * smallest preset row that holds it and re-costed: its ADCs and ALUs are re-allocated with the power the larger
 * scratchpads leave, kept by the finalists' rules (finalize.ts: the exact allocation when it stays within the
 * budget and is at least as efficient, else the closed form); it is rebuilt, evaluated and simulated again (the scratchpad's latency
 * and energy per access change with its size), until the occupancy fits. When no row is large enough or the
 * budget cannot pay for the larger scratchpads, the design keeps its size and the shortfall is reported: the
 * simulator has no back-pressure, so on real hardware the producers of the overfull layers would stall, a
 * delay the latency figures do not include.
 */
import type { Network } from "../../network/types.ts";
import type { Preset } from "../../hardware/components.ts";
import { scratchpadAtLeast } from "../../hardware/preset.ts";
import { pointCosts } from "../../cost/point-costs.ts";
import type { Plan } from "../../mapping/plan.ts";
import type { NetworkModel } from "../../mapping/layer-model.ts";
import { nocOf, type Design } from "./design.ts";
import { buildDesign, exactlyAllocated, keepBetter, withoutPeripherals } from "./finalize.ts";
import { PartitionEvaluator, type Genome } from "./partition.ts";
import { simulateDesign, type DesignSimulation } from "./simulate-design.ts";
import type { EvaluatedFinalist } from "./context.ts";

/** How the finalist's scratchpad compares with its simulated occupancy. */
export interface ScratchpadFit {
  /** What the search's analytic estimate chose (KB per macro). */
  analyticKb: number;
  /** What the design has after fitting (KB per macro). */
  allocatedKb: number;
  /** The simulated occupancy of the final design, a power of two (KB per macro). */
  simulatedKbNeeded: number;
  /** simulatedKbNeeded − allocatedKb when the design could not be re-sized (a stall the latency leaves out). */
  shortfallKb?: number;
  /** Why a shortfall remains. */
  shortfallReason?: string;
}

export interface FitContext {
  network: Network;
  preset: Preset;
  powerW: number;
  areaMm2?: number;
  /** Name of the arch.json built for a re-sized design. */
  name: string;
  /** Time limit of the exact re-allocation (s); undefined: closed form only. */
  milpTimeLimitS?: number;
}

/** Re-sizings tried at most (each can raise the occupancy a little through slower scratchpad accesses). */
const MAX_RESIZES = 3;

/** The genome that reproduces a laid-out plan's macros and sharing (a shared pair's count split 1 + rest). */
export function genomeOf(model: NetworkModel, plan: Plan): Genome {
  const mvm = model.mvmLayers;
  const pos = new Map(mvm.map((i, k) => [i, k]));
  const macros = mvm.map((i) => plan.macros[i]);
  const share = mvm.map((i) => (plan.sharesWith[i] >= 0 ? pos.get(plan.sharesWith[i])! : -1));
  share.forEach((j, k) => {
    if (j < 0) return;
    macros[k] = 1;
    macros[j] = plan.macros[mvm[j]] - 1;
  });
  return { macros, share, size: 0 };
}

/** The design with scratchpads of `kb` and its peripherals re-allocated for the power left; undefined if none fits. */
function resized(model: NetworkModel, design: Design, kb: number, ctx: FitContext): Design | undefined {
  // The evaluator costs the base's fixed parts (crossbars, DACs, scratchpads, routers) before allocating: start
  // from no ADCs or ALUs, as the search does.
  const base = withoutPeripherals(design.plan);
  const ev = new PartitionEvaluator({
    model,
    preset: ctx.preset,
    powerW: ctx.powerW,
    areaMm2: ctx.areaMm2,
    base,
    mode: design.macroMode,
    sharing: true,
    minScratchpadKb: kb,
  });
  const r = ev.score(genomeOf(model, design.plan));
  return r && { ...design, plan: r.plan, scratchpadKb: r.scored.scratchpadKb };
}

/**
 * Simulate the finalist and, while its occupancy exceeds its scratchpad, re-size and re-cost it. Returns the
 * finalist to keep (re-sized or not), its simulation and the fit.
 */
export async function fitScratchpad(f: EvaluatedFinalist, ctx: FitContext): Promise<{ finalist: EvaluatedFinalist; sim: DesignSimulation; fit: ScratchpadFit }> {
  const analyticKb = f.design.scratchpadKb;
  let cur = f;
  let sim = simulateDesign(cur.model, cur.costs, cur.design.plan);
  let reason: string | undefined;
  for (let k = 0; k < MAX_RESIZES && sim.scratchpadKbNeeded > cur.design.scratchpadKb; k++) {
    const row = scratchpadAtLeast(ctx.preset, sim.scratchpadKbNeeded);
    if (!row) {
      reason = `no scratchpad of preset ${ctx.preset.name} holds ${sim.scratchpadKbNeeded} KB`;
      break;
    }
    const design = resized(cur.model, cur.design, row.capacityKb, ctx);
    if (!design) {
      reason = `with ${row.capacityKb} KB scratchpads the design's ADCs and ALUs no longer fit the ${ctx.powerW} W budget${ctx.areaMm2 === undefined ? "" : ` or the ${ctx.areaMm2} mm² area`}`;
      break;
    }
    const costs = pointCosts(ctx.preset, design.point, design.scratchpadKb, nocOf(ctx.preset).flitHopPj);
    const build = (d: Design) => buildDesign(ctx.network, cur.model, d, ctx.preset, ctx.name, ctx);
    const exact = ctx.milpTimeLimitS === undefined ? undefined : await exactlyAllocated(cur.model, costs, ctx.preset, design, ctx.powerW, ctx.milpTimeLimitS);
    const { built, exactKept } = keepBetter(build(design), exact?.exact.feasible ? build({ ...design, plan: exact.plan }) : undefined);
    if (!built.within) {
      reason = `the design re-sized to ${row.capacityKb} KB scratchpads exceeds the budget once built`;
      break;
    }
    const status = `${exactKept ? exact!.exact.status : "closed form"} (re-allocated for ${design.scratchpadKb} KB scratchpads, the simulated occupancy)`;
    const { arch, metrics } = built;
    cur = {
      ...cur,
      design: built.design,
      arch,
      metrics,
      costs,
      exact: { ...cur.exact, status },
    };
    sim = simulateDesign(cur.model, cur.costs, cur.design.plan);
  }
  const allocatedKb = cur.design.scratchpadKb;
  const short = sim.scratchpadKbNeeded > allocatedKb;
  const fit: ScratchpadFit = { analyticKb, allocatedKb, simulatedKbNeeded: sim.scratchpadKbNeeded };
  if (short) {
    fit.shortfallKb = sim.scratchpadKbNeeded - allocatedKb;
    fit.shortfallReason = reason ?? `the occupancy still grew after ${MAX_RESIZES} re-sizings`;
  }
  return { finalist: cur, sim, fit };
}
