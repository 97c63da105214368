/**
 * The design-space energy bound (spaceEnergyBound) is at least every design's efficiency: random networks, random
 * points of the space, random duplication, macros, allocation, hops, scratchpad rows and static power.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arbNetwork } from "../robustness/gen.ts";
import type { LayerSpec, NetworkSpec } from "../../src/network/types.ts";
import { resolveNetwork } from "../../src/network/resolve.ts";
import { loadNetwork } from "../../src/network/load.ts";
import { loadPreset } from "../../src/hardware/preset.ts";
import { buildNetworkModel } from "../../src/mapping/layer-model.ts";
import { basePlan } from "../../src/methods/pimsyn/base-plan.ts";
import { budgetCeiling, buildablePoints, ModelCache, PAPER_SPACE, spaceEnergyBound } from "../../src/methods/pimsyn/space.ts";
import { planPower } from "../../src/cost/plan-power.ts";
import { nocOf } from "../../src/methods/pimsyn/design.ts";
import { pointCosts } from "../../src/cost/point-costs.ts";
import { newPipelineResult, runPipeline } from "../../src/cost/pipeline-model.ts";
import { gopsPerW, inferenceEnergyPj } from "../../src/cost/objective.ts";
import { cheapestScratchpadPerBit, dynamicEnergyFloorPj } from "../../src/cost/energy-bound.ts";
import { isaacLikeSameBudget } from "../../src/methods/pimsyn/baselines.ts";

const presets = [loadPreset("pimsyn-date24"), loadPreset("isaac-isca16")];

/** Mobile blocks: 1×1 expand, depthwise k×k (packed block-diagonally), optional squeeze-excite, 1×1 project. */
const arbMobileNetwork: fc.Arbitrary<NetworkSpec> = fc
  .record({
    c: fc.integer({ min: 3, max: 16 }),
    hw: fc.integer({ min: 6, max: 24 }),
    blocks: fc.array(
      fc.record({ expand: fc.constantFrom(1, 3, 6), k: fc.constantFrom(3, 5), s: fc.constantFrom(1, 2), out: fc.integer({ min: 4, max: 160 }), se: fc.boolean() }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ c, hw, blocks }) => {
    const layers: LayerSpec[] = [];
    let t = { name: "x", c, h: hw };
    let n = 0;
    const conv = (from: { name: string; c: number; h: number }, out: number, k: number, s: number, groups: number) => {
      const name = `l${n++}`, pad = Math.floor(k / 2);
      layers.push({ name, inputs: [from.name], kind: "conv", outChannels: out, kernel: [k, k], stride: [s, s], pad: [pad, pad, pad, pad], groups, activation: "relu6" });
      return { name, c: out, h: Math.floor((from.h + 2 * pad - k) / s) + 1 };
    };
    for (const b of blocks) {
      const k = Math.min(b.k, t.h), s = t.h >= 8 ? b.s : 1;
      const e = b.expand === 1 ? t : conv(t, t.c * b.expand, 1, 1, 1);
      let d = conv(e, e.c, k, s, e.c);
      if (b.se) {
        const pool = `l${n++}`;
        layers.push({ name: pool, inputs: [d.name], kind: "pool", method: "avg", global: true });
        const sq = conv({ name: pool, c: d.c, h: 1 }, Math.max(1, d.c >> 2), 1, 1, 1);
        const ex = conv(sq, d.c, 1, 1, 1);
        const mul = `l${n++}`;
        layers.push({ name: mul, inputs: [d.name, ex.name], kind: "mul" });
        d = { ...d, name: mul };
      }
      const p = conv(d, b.out, 1, 1, 1);
      t = p;
    }
    layers.push({ name: "fc", inputs: [t.name], kind: "fc", outFeatures: 10 });
    return { schemaVersion: 1, name: `mobile${n}`, input: { name: "x", shape: [c, hw, hw] }, layers } as NetworkSpec;
  });

const arbDesign = fc.record({
  spec: fc.oneof(arbNetwork, arbMobileNetwork),
  preset: fc.integer({ min: 0, max: presets.length - 1 }),
  point: fc.nat(),
  spm: fc.nat(),
  dupFrac: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
  units: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 64, maxLength: 64 }),
  macros: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 64, maxLength: 64 }),
  hops: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 64, maxLength: 64 }),
  flitHopPj: fc.double({ min: 0, max: 50, noNaN: true }),
  staticW: fc.double({ min: 0, max: 100, noNaN: true }),
});

describe("design-space energy bound", () => {
  it("is ≥ the efficiency of every random design (and its dynamic energy floor ≤ theirs); so is the budget ceiling at its peak power", () => {
    let worst = 0, worstCeiling = 0;
    fc.assert(
      fc.property(arbDesign, (d) => {
        const preset = presets[d.preset];
        const network = resolveNetwork(d.spec);
        const points = buildablePoints(preset, PAPER_SPACE);
        const point = points[d.point % points.length];
        const model = buildNetworkModel(network, point);
        const n = model.layers.length;
        const at = (a: number[], i: number) => a[i % a.length];
        const plan = basePlan(model, model.layers.map((L, i) => 1 + Math.floor(at(d.dupFrac, i) * (L.outPixels - 1))));
        for (let i = 0; i < n; i++) {
          plan.macros[i] = at(d.macros, i);
          plan.adc[i] = plan.shiftAdd[i] = plan.add[i] = plan.act[i] = plan.vec[i] = at(d.units, i);
          plan.hopsIn[i] = at(d.hops, i);
          plan.hopsMerge[i] = at(d.hops, i + 1);
        }
        const spmKb = preset.scratchpad[d.spm % preset.scratchpad.length].capacityKb;
        const costs = pointCosts(preset, point, spmKb, d.flitHopPj);
        const res = runPipeline(model, costs, plan, newPipelineResult(n));
        const floor = dynamicEnergyFloorPj(model, costs, cheapestScratchpadPerBit(preset.scratchpad));
        expect(res.dynamicEnergyPj).toBeGreaterThanOrEqual(floor * (1 - 1e-9));
        const bound = spaceEnergyBound(network, preset, PAPER_SPACE, new ModelCache(network)).gopsPerW;
        const eff = gopsPerW(network.totals.ops, inferenceEnergyPj(res.dynamicEnergyPj, d.staticW, res.latencyNs));
        expect(eff).toBeLessThanOrEqual(bound * (1 + 1e-9));
        worst = Math.max(worst, eff / bound);
        // Within its own peak power, the design stays under the budget ceiling (its real static power).
        const power = planPower(model, costs, nocOf(preset), plan);
        const real = gopsPerW(network.totals.ops, inferenceEnergyPj(res.dynamicEnergyPj, power.staticW, res.latencyNs));
        const ceiling = budgetCeiling(network, preset, PAPER_SPACE, power.peakW * (1 + 1e-9), new ModelCache(network)).gopsPerW;
        expect(real).toBeLessThanOrEqual(ceiling * (1 + 1e-9));
        expect(ceiling).toBeLessThanOrEqual(bound * (1 + 1e-9));
        worstCeiling = Math.max(worstCeiling, real / ceiling);
      }),
      { numRuns: 150, seed: 12 },
    );
    console.log(`energy bound: closest random design reaches ${(100 * worst).toFixed(1)} % of it; of its budget ceiling ${(100 * worstCeiling).toFixed(1)} %`);
  });

  it("depends only on network, preset and space; the same-budget ISAAC-like designs stay below it", async () => {
    const preset = presets[0];
    for (const [model, budgets] of [["alexnet", [150, 300]], ["resnet18", [49, 150]]] as [string, number[]][]) {
      const { network } = await loadNetwork(model);
      const bound = spaceEnergyBound(network, preset, PAPER_SPACE, new ModelCache(network));
      expect(bound.gopsPerW).toBeGreaterThan(0);
      for (const P of budgets) {
        const b = isaacLikeSameBudget(network, preset, P);
        expect(b.gopsPerW).toBeLessThan(bound.gopsPerW);
      }
      console.log(`${model}: design-space energy bound ${bound.gopsPerW.toFixed(1)} GOPS/W at ${bound.point!.crossbarSize}×${bound.point!.crossbarSize}, ${bound.point!.cellBits}-bit cells, ${bound.point!.dacBits}-bit DAC`);
    }
  });
});
