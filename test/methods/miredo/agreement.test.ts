/**
 * Analytical latency (model.ts) against the event simulator (simulate.ts): mean |analytic − simulated| / simulated
 * ≤ 5 % over every ResNet-18 conv/FC layer (greedy-baseline mappings of the best-utilised scheme) and over random
 * feasible mappings of ≥ 50 random layers; the worst case is printed.
 */
import { describe, expect, it } from "vitest";
import { loadDataflowHardware } from "../../../src/hardware/dataflow-hw.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { greedy, weightStationary } from "../../../src/methods/miredo/baselines.ts";
import { factorize } from "../../../src/methods/miredo/factorize.ts";
import { evaluate } from "../../../src/methods/miredo/model.ts";
import { makeProblem, placementDepth, type Problem, type TemporalMapping } from "../../../src/methods/miredo/problem.ts";
import { simulate } from "../../../src/methods/miredo/simulate.ts";
import { spatialSchemes, temporalBounds } from "../../../src/methods/miredo/spatial.ts";
import { isMappable, loopNest } from "../../../src/methods/miredo/workload.ts";
import { Rng } from "../../../src/search/rng.ts";
import { randomProblem } from "./random-layer.ts";
import { randomMapping } from "./random-mapping.ts";

const hw = loadDataflowHardware("miredo-8core-28nm");

function agreement(cases: { name: string; p: Problem; m: TemporalMapping }[]): { mean: number; worst: { name: string; err: number; analytic: number; simulated: number } } {
  let sum = 0;
  let worst = { name: "", err: -1, analytic: 0, simulated: 0 };
  for (const { name, p, m } of cases) {
    const a = evaluate(p, m).latencyCycles;
    const s = simulate(p, m).latencyCycles;
    const err = Math.abs(a - s) / s;
    sum += err;
    if (err > worst.err) worst = { name, err, analytic: a, simulated: s };
  }
  return { mean: sum / cases.length, worst };
}

describe("analytical latency vs event simulator", () => {
  it("ResNet-18: every conv/FC layer, greedy and weight-stationary mappings, mean error ≤ 5 %", async () => {
    const { network } = await loadNetwork("resnet18");
    const cases: { name: string; p: Problem; m: TemporalMapping }[] = [];
    for (const layer of network.layers.filter(isMappable)) {
      const nest = loopNest(layer);
      const s = spatialSchemes(nest, hw)[0];
      const p = makeProblem(nest, hw, s, factorize(temporalBounds(nest, s), placementDepth(hw), 6));
      for (const [kind, m] of [["greedy", greedy(p, "edp")], ["ws", weightStationary(p)]] as const) {
        if (evaluate(p, m).feasible) cases.push({ name: `${layer.name} ${kind}`, p, m });
      }
    }
    const r = agreement(cases);
    console.log(`ResNet-18: ${cases.length} mappings, mean error ${(100 * r.mean).toFixed(2)} %, worst ${r.worst.name} ${(100 * r.worst.err).toFixed(2)} % (analytic ${r.worst.analytic}, simulated ${r.worst.simulated})`);
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(r.mean).toBeLessThanOrEqual(0.05);
  }, 60_000);

  it("60 random layers, random feasible mappings with double buffering, mean error ≤ 5 %", () => {
    const rng = new Rng(2026);
    const cases: { name: string; p: Problem; m: TemporalMapping }[] = [];
    while (cases.length < 60) {
      const p = randomProblem(rng, hw, rng.int(2, 5));
      for (let tries = 0; tries < 20; tries++) {
        const m = randomMapping(rng, p);
        if (evaluate(p, m).feasible) {
          cases.push({ name: p.atoms.map((a) => a.dim + a.value).join("·"), p, m });
          break;
        }
      }
    }
    const r = agreement(cases);
    console.log(`random: ${cases.length} mappings, mean error ${(100 * r.mean).toFixed(2)} %, worst ${r.worst.name} ${(100 * r.worst.err).toFixed(2)} % (analytic ${r.worst.analytic}, simulated ${r.worst.simulated})`);
    expect(r.mean).toBeLessThanOrEqual(0.05);
  });
});
