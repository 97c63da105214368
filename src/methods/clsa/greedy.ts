/**
 * CLSA-CIM's greedy weight duplication, as CIMFlow describes it: "duplicate the slowest layer while PEs
 * remain". The slowest layer is the crossbar layer with the largest (OFM pixels / d_l) × t_MVM; it gets one
 * more copy if that copy's crossbars fit, and the pass stops as soon as the next copy of the slowest layer no
 * longer fits (it does not go on to smaller layers). A layer with as many copies as output pixels cannot get
 * faster, so the pass also stops when that layer is the slowest.
 *
 * t_MVM is the same for every layer of one chip (bit iterations × read latency), so "slowest" compares
 * pixels / d_l; ties go to the earlier layer. Independent of the scheduling policy: the vector feeds either.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";

export interface GreedyDuplication {
  feasible: boolean;
  budgetCrossbars: number;
  /** Σ crossbars per copy over crossbar layers: one copy of everything. */
  minCrossbars: number;
  /** Copies per layer, indexed like model.layers (1 for layers without weights). */
  dup: number[];
  /** Σ dup × crossbars per copy. */
  crossbars: number;
  /** Copies added beyond one per layer. */
  added: number;
}

export function greedyDuplication(model: NetworkModel, budgetCrossbars: number): GreedyDuplication {
  const dup = model.layers.map(() => 1);
  const minCrossbars = model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
  const result = { budgetCrossbars, minCrossbars, dup, crossbars: minCrossbars, added: 0 };
  if (minCrossbars > budgetCrossbars) return { feasible: false, ...result };
  let used = minCrossbars;
  const layers = model.mvmLayers;
  for (;;) {
    let slowest = -1;
    let worst = -1;
    for (const i of layers) {
      const steps = model.layers[i].outPixels / dup[i];
      if (steps > worst) {
        worst = steps;
        slowest = i;
      }
    }
    if (slowest < 0) break;
    const L = model.layers[slowest];
    if (dup[slowest] >= L.outPixels || used + L.set > budgetCrossbars) break;
    dup[slowest]++;
    used += L.set;
    result.added++;
  }
  result.crossbars = used;
  return { feasible: true, ...result };
}
