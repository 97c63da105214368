import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arbCase, checkCase, type Outcome } from "./property.ts";

describe("synthesis property over random networks, presets and budgets", () => {
  it("returns a valid in-budget design or a typed infeasibility error, never anything else", async () => {
    const counts: Record<Outcome, number> = { design: 0, infeasible: 0 };
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        counts[await checkCase(c)]++;
      }),
      { numRuns: 200, seed: 20261122 },
    );
    console.log(`property cases: ${counts.design} designs, ${counts.infeasible} infeasible`);
    // Budgets are drawn so that at least half the cases are feasible.
    expect(counts.design).toBeGreaterThanOrEqual(100);
  }, 600_000);
});
