/**
 * The EA of the macro-partitioning stage on VGG16 (one design point, the WO·HO-proportional duplication):
 * children are evaluated and inserted (the reference code's bug would leave generation 0's best unchanged),
 * and the EA beats random sampling of the same number of genomes.
 */
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../../src/network/load.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";
import { buildNetworkModel } from "../../../src/mapping/layer-model.ts";
import { basePlan } from "../../../src/methods/pimsyn/base-plan.ts";
import { PartitionEvaluator, partition, type Genome } from "../../../src/methods/pimsyn/partition.ts";
import { proportionalSeed } from "../../../src/methods/pimsyn/duplication.ts";
import { designPoint } from "../../../src/methods/pimsyn/space.ts";
import { createRng } from "../../../src/search/rng.ts";
import { planPower } from "../../../src/cost/plan-power.ts";
import { pointCosts } from "../../../src/cost/point-costs.ts";
import { nocOf } from "../../../src/methods/pimsyn/design.ts";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe("EA macro partitioning on VGG16 at 264 W", async () => {
  const { network } = await loadNetwork("vgg16");
  const preset = loadPreset("pimsyn-date24");
  const point = designPoint(256, 2, 1, preset);
  const model = buildNetworkModel(network, point);
  const budget = Math.floor((264 * 0.2 * 1e3) / 1.2);
  const base = basePlan(model, proportionalSeed(model, budget));
  const problem = { model, preset, powerW: 264, base, mode: "specified" as const, sharing: true };

  // The fitness now spends the power the min-max allocation leaves (allocate.ts spendLeftover), which lifts the
  // generation-0 seeds more than the evolved genomes: the median gain was ≥ 1.05 before, 1.039 after.
  it("over 10 seeds, median(final best / generation-0 best) ≥ 1.03, and the EA beats random sampling of as many genomes", () => {
    const ratios: number[] = [];
    let wins = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const ev = new PartitionEvaluator(problem);
      const r = partition(ev, { population: 40, generations: 40, eliteFraction: 0.7, rng: createRng(seed) })!;
      ratios.push(r.scored.gopsPerW / r.generation0Best);
      const rng = createRng(1000 + seed);
      let bestRandom = -Infinity;
      const sampler = new PartitionEvaluator(problem);
      for (let k = 0; k < r.evaluations; k++) {
        const g: Genome = { macros: sampler.choices.map((c) => rng.pick(c)), share: sampler.choices.map(() => -1), size: 0 };
        bestRandom = Math.max(bestRandom, sampler.score(g)?.scored.gopsPerW ?? -Infinity);
      }
      if (r.scored.gopsPerW > bestRandom) wins++;
      // The winner is within the power budget.
      const costs = pointCosts(preset, point, r.scored.scratchpadKb, nocOf(preset).flitHopPj);
      expect(planPower(model, costs, nocOf(preset), r.plan).peakW).toBeLessThanOrEqual(264 * (1 + 1e-9));
    }
    console.log(`final/gen0 per seed: ${ratios.map((x) => x.toFixed(3)).join(" ")}; EA beat random sampling on ${wins}/10 seeds`);
    expect(median(ratios)).toBeGreaterThanOrEqual(1.03);
    expect(wins).toBe(10);
  });
});
