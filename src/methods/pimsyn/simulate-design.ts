/**
 * Re-score a design with the block-level simulator (the IR DAG of Table II, list-scheduled): single-inference
 * latency, buffer occupancy (→ scratchpad per macro) and the per-layer timeline for traces.json.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { Plan } from "../../mapping/plan.ts";
import type { PointCosts } from "../../cost/point-costs.ts";
import { simulate, type SimResult } from "../../schedule/simulate.ts";

export interface DesignSimulation {
  latencyNs: number;
  periodNs: number;
  nodeCount: number;
  scratchpadKbNeeded: number;
  timeline: SimResult["timeline"];
}

export function simulateDesign(model: NetworkModel, costs: PointCosts, plan: Plan): DesignSimulation {
  const r = simulate(model, costs, plan, { buffers: true });
  return { latencyNs: r.latencyNs, periodNs: r.periodNs, nodeCount: r.nodeCount, scratchpadKbNeeded: r.scratchpadKbNeeded, timeline: r.timeline };
}
