/** The roofline lower bounds that prune spatial schemes never exceed what a mapping achieves (property test). */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadDataflowHardware } from "../../../src/hardware/dataflow-hw.ts";
import { lowerBounds } from "../../../src/methods/miredo/bounds.ts";
import { enumerateBest } from "../../../src/methods/miredo/enumerate.ts";
import { evaluate } from "../../../src/methods/miredo/model.ts";
import { Rng } from "../../../src/search/rng.ts";
import { randomProblem } from "./random-layer.ts";
import { randomMapping } from "./random-mapping.ts";

const hw = loadDataflowHardware("miredo-8core-28nm");

describe("roofline lower bounds", () => {
  it("latency, energy and EDP bounds ≤ every feasible random mapping's values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 6 }), (seed, loops) => {
        const rng = new Rng(seed);
        const p = randomProblem(rng, hw, loops);
        const b = lowerBounds(p);
        for (let t = 0; t < 10; t++) {
          const e = evaluate(p, randomMapping(rng, p));
          if (!e.feasible) continue;
          expect(b.latencyCycles).toBeLessThanOrEqual(e.latencyCycles * (1 + 1e-12));
          expect(b.energyPj).toBeLessThanOrEqual(e.energyPj * (1 + 1e-12));
          expect(b.edp).toBeLessThanOrEqual(e.latencyCycles * e.energyPj * (1 + 1e-12));
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("≤ the enumerated optimum of each objective on 2-loop layers", () => {
    const rng = new Rng(99);
    for (let t = 0; t < 8; t++) {
      const p = randomProblem(rng, hw, 2);
      const b = lowerBounds(p);
      expect(b.latencyCycles).toBeLessThanOrEqual(enumerateBest(p, "latency").value);
      expect(b.energyPj).toBeLessThanOrEqual(enumerateBest(p, "energy").value);
      expect(b.edp).toBeLessThanOrEqual(enumerateBest(p, "edp").value);
    }
  });
});
