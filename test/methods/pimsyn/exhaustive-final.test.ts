/**
 * Issue 12 item 7c: the search against the exhaustive optimum of the efficiency a run reports (exact allocation,
 * built arch, simulated latency), over a space with sharing and both DAC choices (bench/exhaustive-final.ts; the
 * bench runs 10 seeds, this test 3).
 */
import { describe, expect, it } from "vitest";
import { finalOptimum, searchedFinal } from "../../../bench/exhaustive-final.ts";

describe("search vs exhaustive optimum of the final objective (chain4, sharing, DAC 1/2)", () => {
  it("every seed reaches ≥ 99 % of the optimum, and the space is not trivial (median design < 90 % of it)", async () => {
    const o = await finalOptimum();
    expect(o.feasible).toBeGreaterThan(1000);
    expect(o.median).toBeLessThan(0.9 * o.optimum);
    for (const seed of [1, 2, 3]) {
      const found = await searchedFinal(seed);
      console.log(`seed ${seed}: ${found.toFixed(2)} of ${o.optimum.toFixed(2)} GOPS/W (${((100 * found) / o.optimum).toFixed(2)} %)`);
      expect(found).toBeLessThanOrEqual(o.optimum * (1 + 1e-9));
      expect(found).toBeGreaterThanOrEqual(0.99 * o.optimum);
    }
  }, 120_000);
});
