/**
 * The plan a duplication candidate starts from: crossbar layers take the candidate's copies; a vector layer
 * (pool, eltwise, activation, ...) processes as many blocks as its slowest producer emits (the reference's rule:
 * it inherits the largest block count of its producers, capped at its own W·H), so it never holds the pipeline up
 * by block granularity; route layers pass through.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import { emptyPlan, type Plan } from "../../mapping/plan.ts";

export function basePlan(model: NetworkModel, dup: ArrayLike<number>): Plan {
  const plan = emptyPlan(model.layers.length);
  const blocks = new Float64Array(model.layers.length);
  for (const L of model.layers) {
    const i = L.index;
    if (L.role === "mvm") {
      plan.dup[i] = Math.max(1, Math.min(dup[i], L.outPixels));
      blocks[i] = Math.ceil(L.outPixels / plan.dup[i]);
      continue;
    }
    let b = 1;
    for (const p of L.producers) if (p >= 0) b = Math.max(b, blocks[p]);
    b = Math.min(b, L.outPixels);
    blocks[i] = b;
    plan.dup[i] = Math.ceil(L.outPixels / b);
  }
  return plan;
}
