/**
 * The minimum feasible power the search can actually reach: at every buildable point of the space, the design the
 * search always scores with the least power (one copy of every layer, the fewest macros per layer, no sharing,
 * the scratchpad its buffers need, one ADC and ALU set per layer and macro), built and costed exactly as the
 * partition stage does. The minimum over points of max(its peak power, its crossbars' peak power ÷ the largest
 * RatioRram) is a budget at which that design is feasible and found: the duplicate stage always offers one copy
 * of every layer and the EA always seeds the fewest-macros genome (test/methods/pimsyn/minimum-power.test.ts
 * synthesizes at 1.05 × it). The floor of src/methods/pimsyn/space.ts (`pointFloor`) stays the pruning bound.
 */
import type { Network } from "../../network/types.ts";
import type { Preset } from "../../hardware/components.ts";
import type { MacroMode } from "./design.ts";
import { basePlan } from "./base-plan.ts";
import { allOnes } from "./duplication.ts";
import { minimalGenome, PartitionEvaluator, UNIFIED_SEED_SIZES, unifiedGenome } from "./partition.ts";
import { buildablePoints, type ModelCache, type SearchSpace } from "./space.ts";
import { crossbarRow } from "../../hardware/preset.ts";

export function findableMinimumPowerW(network: Network, preset: Preset, space: SearchSpace, mode: MacroMode, cache: ModelCache): number {
  const ratioMax = Math.max(...space.ratios);
  let best = Infinity;
  for (const point of buildablePoints(preset, space)) {
    const model = cache.get(point);
    const ev = new PartitionEvaluator({ model, preset, powerW: Infinity, base: basePlan(model, allOnes(model)), mode, sharing: false });
    // The genomes the EA always seeds for one copy of every layer: the fewest macros (specified), or identical
    // macros of each seeded size (unified).
    const genomes = mode === "unified" ? UNIFIED_SEED_SIZES.map((x) => unifiedGenome(ev, x, ev.choices.map(() => -1))) : [minimalGenome(ev)];
    const peakW = Math.min(...genomes.map((g) => ev.minimumPeakW(g)));
    const sets = model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
    const crossbarW = (sets * crossbarRow(preset, point.crossbarSize, point.cellBits).peakPowerMw) / 1e3;
    best = Math.min(best, Math.max(peakW, crossbarW / ratioMax));
  }
  return best;
}
