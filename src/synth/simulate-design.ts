/** Re-score a design with the block-level simulator (placeholder wiring until src/schedule/simulate.ts lands). */
import type { NetworkModel } from "../cost/layer-model.ts";
import type { Plan, PointCosts } from "../cost/plan.ts";
import { newPipelineResult, runPipeline } from "../cost/pipeline.ts";

export function simulateDesign(model: NetworkModel, costs: PointCosts, plan: Plan): { latencyNs: number } {
  return { latencyNs: runPipeline(model, costs, plan, newPipelineResult(model.layers.length)).latencyNs };
}
