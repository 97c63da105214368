/**
 * Trend checks (cim-scheduling-papers.md §3.13): enabling macro ping-pong or doubling the input buffer never
 * increases the optimal latency, and ping-pong removes weight-load (mode-switch) stalls where they exist.
 */
import { describe, expect, it } from "vitest";
import { loadDataflowHardware, type DataflowHardware } from "../../../src/hardware/dataflow-hw.ts";
import { solveProblem } from "../../../src/methods/miredo/milp.ts";
import { makeProblem } from "../../../src/methods/miredo/problem.ts";
import { simulate } from "../../../src/methods/miredo/simulate.ts";
import { Rng } from "../../../src/search/rng.ts";
import { randomProblem } from "./random-layer.ts";

const hw = loadDataflowHardware("miredo-8core-28nm");

describe("hardware trends", () => {
  it("macro ping-pong and a doubled input buffer never increase the optimal latency; ping-pong removes weight-load stalls", async () => {
    const pingPong: DataflowHardware = { ...hw, macro: { ...hw.macro, pingPong: true } };
    const bigInput: DataflowHardware = { ...hw, levels: hw.levels.map((l) => (l.name === "InputBuffer" ? { ...l, sizeBits: 2 * l.sizeBits } : l)) };
    const rng = new Rng(4242);
    let stallsBefore = 0;
    let stallsAfter = 0;
    for (let t = 0; t < 6; t++) {
      const p = randomProblem(rng, hw, 2);
      const opts = { timeLimitS: 30, mipRelGap: 1e-7 };
      const base = await solveProblem(p, "latency", opts);
      expect(base.optimal).toBe(true);
      for (const variant of [pingPong, bigInput]) {
        const q = makeProblem(p.nest, variant, p.scheme, p.atoms);
        const r = await solveProblem(q, "latency", opts);
        expect(r.optimal).toBe(true);
        expect(r.evaluation!.latencyCycles).toBeLessThanOrEqual(base.evaluation!.latencyCycles * (1 + 1e-9));
        if (variant === pingPong) {
          stallsBefore += simulate(p, base.mapping!).stalls.weightLoad;
          stallsAfter += simulate(q, r.mapping!).stalls.weightLoad;
        }
      }
    }
    console.log(`weight-load stalls of the latency-optimal mappings: ${stallsBefore} cycles without ping-pong, ${stallsAfter} with`);
    expect(stallsAfter).toBeLessThanOrEqual(stallsBefore);
    if (stallsBefore > 0) expect(stallsAfter).toBeLessThan(stallsBefore);
  }, 120_000);
});
