/**
 * Analytic model (runPipeline, O(layers)) against the block-level simulator on the same allocated designs:
 * alexnet, vgg16, resnet18, msra1 and tiny YOLOv4 (route layers: concat, slice, upsample) × five duplication
 * vectors (all ones, the WO·HO-proportional seed, three seeded random vectors), pimsyn-date24 at 256×256 crossbars, 2-bit cells, 1-bit DAC, 9-bit ADC, one macro per 64 crossbars,
 * units in proportion to each layer's workload (design.ts).
 * Tolerance: |analytic − simulated| ≤ max(5 % of simulated, 2 × the slowest layer interval).
 */
import { describe, expect, it } from "vitest";
import { newPipelineResult, runPipeline } from "../../src/cost/pipeline-model.ts";
import { simulateLatencyNs } from "../../src/schedule/simulate.ts";
import { allocate, convSetSum, loadModel, mulberry32, proportionalDup, randomDup } from "./design.ts";

interface Row {
  network: string;
  vector: string;
  analyticUs: number;
  simulatedUs: number;
  errorPct: number;
  toleranceUs: number;
}

describe("analytic latency agrees with the block-level simulation", () => {
  const rows: Row[] = [];

  for (const name of ["alexnet", "vgg16", "resnet18", "msra1", "tinyyolov4"]) {
    it(name, async () => {
      const { model, costs } = await loadModel(name);
      // A budget of 8 copies' worth of crossbars per conv layer on average.
      const seed = proportionalDup(model, 8 * convSetSum(model));
      const rand = mulberry32(20240301);
      const vectors: [string, number[]][] = [
        ["all ones", model.layers.map(() => 1)],
        ["WO·HO seed", seed],
        ["random 1", randomDup(model, seed, rand)],
        ["random 2", randomDup(model, seed, rand)],
        ["random 3", randomDup(model, seed, rand)],
      ];
      for (const [label, dup] of vectors) {
        const plan = allocate(model, costs, dup);
        const res = runPipeline(model, costs, plan, newPipelineResult(model.layers.length));
        const sim = simulateLatencyNs(model, costs, plan);
        const slowest = Math.max(...res.intervalNs);
        const tolerance = Math.max(0.05 * sim, 2 * slowest);
        rows.push({
          network: name,
          vector: label,
          analyticUs: +(res.latencyNs / 1e3).toFixed(2),
          simulatedUs: +(sim / 1e3).toFixed(2),
          errorPct: +((100 * (res.latencyNs - sim)) / sim).toFixed(2),
          toleranceUs: +(tolerance / 1e3).toFixed(2),
        });
        expect(Math.abs(res.latencyNs - sim), `${name} ${label}`).toBeLessThanOrEqual(tolerance);
      }
    });
  }

  it("report", () => {
    const worst = rows.reduce((w, r) => (Math.abs(r.errorPct) > Math.abs(w.errorPct) ? r : w), rows[0]);
    console.log("analytic vs simulated single-inference latency");
    console.table(rows);
    console.log(`worst: ${worst.network} / ${worst.vector}: ${worst.errorPct} % (${worst.analyticUs} vs ${worst.simulatedUs} µs)`);
    expect(rows.length).toBe(25);
  });
});
