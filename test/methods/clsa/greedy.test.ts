/**
 * Greedy weight duplication ("duplicate the slowest layer while crossbars remain") checked against its
 * definition, and compared with PIMSYN's SA duplication filter on the same crossbar budget: both vectors are
 * scheduled cross-layer and their makespans printed (no claim on which wins).
 */
import { describe, expect, it } from "vitest";
import { buildNetworkModel } from "../../../src/mapping/layer-model.ts";
import { createRng } from "../../../src/search/rng.ts";
import { duplicate } from "../../../src/methods/pimsyn/duplication.ts";
import { greedyDuplication } from "../../../src/methods/clsa/greedy.ts";
import { scheduleNetwork } from "../../../src/methods/clsa/schedule.ts";
import { FACTORS, minCrossbars, POINT, preset, tiledArch, zooNetwork } from "./fixture.ts";

const MODELS = ["vgg16", "resnet18", "tinyyolov3", "tinyyolov4"];

describe("greedy duplication", () => {
  it("fits the budget and stops exactly when the slowest layer's next copy does not fit", async () => {
    for (const name of MODELS) {
      const network = await zooNetwork(name);
      const model = buildNetworkModel(network, POINT);
      const min = minCrossbars(network);
      let previous: number[] | undefined;
      for (const f of FACTORS) {
        const budget = Math.ceil(min * f);
        const g = greedyDuplication(model, budget);
        expect(g.feasible).toBe(true);
        const used = model.mvmLayers.reduce((s, i) => s + g.dup[i] * model.layers[i].set, 0);
        expect(g.crossbars).toBe(used);
        expect(used).toBeLessThanOrEqual(budget);
        model.layers.forEach((L, i) => {
          if (L.role !== "mvm") expect(g.dup[i]).toBe(1);
          else expect(g.dup[i]).toBeLessThanOrEqual(Math.max(1, L.outPixels));
        });
        // The slowest layer now (largest pixels / copies, earliest on ties) cannot take another copy.
        let slowest = model.mvmLayers[0];
        for (const i of model.mvmLayers) if (model.layers[i].outPixels / g.dup[i] > model.layers[slowest].outPixels / g.dup[slowest]) slowest = i;
        const L = model.layers[slowest];
        expect(used + L.set > budget || g.dup[slowest] === L.outPixels).toBe(true);
        // A bigger budget continues the same sequence of choices: no layer loses copies.
        if (previous) g.dup.forEach((d, i) => expect(d).toBeGreaterThanOrEqual(previous![i]));
        previous = g.dup;
      }
    }
  });

  it("on the same budget as the SA filter: both vectors schedule, makespans printed", async () => {
    const lines: string[] = [];
    for (const name of ["resnet18", "tinyyolov3", "tinyyolov4"]) {
      const network = await zooNetwork(name);
      const model = buildNetworkModel(network, POINT);
      const budget = Math.ceil(minCrossbars(network) * 2);
      const arch = tiledArch(budget);
      const sa = duplicate(model, budget, { energy: "reference", rng: createRng(1), maxEvaluations: 20_000 });
      if (!sa.feasible) throw new Error("SA: budget infeasible");
      const saDup = sa.candidates[0].dup;
      const greedy = scheduleNetwork(network, arch, preset, { duplication: "greedy", policy: "cross-layer", baseline: false });
      const filtered = scheduleNetwork(network, arch, preset, { duplication: saDup, policy: "cross-layer", baseline: false });
      for (const r of [greedy, filtered]) {
        expect(r.mapping.crossbarsUsed).toBeLessThanOrEqual(budget);
        expect(r.runs[0].makespanNs).toBeGreaterThan(0);
        expect(Number.isFinite(r.runs[0].makespanNs)).toBe(true);
      }
      expect(filtered.options.duplication).toBe("explicit");
      expect(filtered.layers.map((L) => L.copies)).toEqual(saDup.map((d, i) => (model.layers[i].role === "mvm" ? d : 1)));
      lines.push(
        `${name.padEnd(11)} budget ${budget}: cross-layer makespan greedy ${(greedy.runs[0].makespanNs / 1e3).toFixed(1)} µs ` +
          `(${greedy.mapping.crossbarsUsed} crossbars), SA filter ${(filtered.runs[0].makespanNs / 1e3).toFixed(1)} µs (${filtered.mapping.crossbarsUsed} crossbars)`,
      );
    }
    console.log(lines.join("\n"));
  });
});
