/**
 * The honesty check of the method: on random small operator lists (≤ 7 operators, ≤ 12 arrays) the DP over
 * segmentations with the MILP per segment equals brute force over every segmentation and every integer
 * allocation under the same cost model, for dual mode and for the all-compute baseline.
 */
import { describe, expect, it } from "vitest";
import type { DmChip, DmEdge } from "../../../src/cost/dualmode.ts";
import { planSegments, type PlanInput } from "../../../src/methods/cmswitch/plan.ts";
import { Rng } from "../../../src/search/rng.ts";
import { bruteTotal } from "./brute.ts";

function randomCase(seed: number): { input: PlanInput; chip: DmChip; arrayBytes: number } {
  const rng = new Rng(seed);
  const arrays = rng.int(4, 12);
  const m = rng.int(2, 7);
  const ops = Array.from({ length: m }, () => ({
    macs: rng.int(1, 2000) * 1000,
    inBytes: rng.int(100, 50000),
    stationaryBytes: rng.int(0, 50000),
    outBytes: rng.int(100, 50000),
    weightArrays: rng.int(1, Math.min(3, arrays)),
    macsPerArrayCycle: rng.int(50, 1600),
    // Sub-operators of one split layer share a write group (their reloads add up); some operators have none.
    writeGroup: rng.chance(0.7) ? rng.int(0, 2) : undefined,
    lastConsumer: Infinity,
  }));
  const edges: DmEdge[] = [];
  for (let to = 1; to < m; to++) {
    for (let from = 0; from < to; from++) {
      if (from === to - 1 ? rng.chance(0.8) : rng.chance(0.25)) edges.push({ from, to, maxSharedArrays: rng.int(0, 3) });
    }
  }
  const read = new Set(edges.map((e) => e.from));
  for (const e of edges) ops[e.from].lastConsumer = ops[e.from].lastConsumer === Infinity ? e.to : Math.max(ops[e.from].lastConsumer, e.to);
  ops.forEach((o, i) => {
    if (!read.has(i)) o.lastConsumer = Infinity;
  });
  const edgesInto = ops.map((_, i) => edges.map((e, j) => (e.to === i ? j : -1)).filter((j) => j >= 0));
  const chip: DmChip = {
    arrays,
    memoryBytesPerCycle: rng.int(5, 60),
    mainBytesPerCycle: rng.int(1, 40),
    toMemoryCycles: rng.int(0, 300),
    toComputeCycles: rng.int(0, 300),
    writeCyclesPerArray: rng.int(0, 3000),
    writeBackBytesPerCycle: rng.int(1, 32),
  };
  return { input: { ops, edges, edgesInto }, chip, arrayBytes: rng.int(500, 8000) };
}

/** What the cases exercised, so a generator that drifts into trivial cases fails the last test. */
const seen = { memorySegments: 0, sharedBuffers: 0, multiOperatorSegments: 0, multiSegmentPlans: 0, dualFaster: 0 };

describe("DP + MILP equals brute force", () => {
  const seeds = Array.from({ length: 36 }, (_, k) => k + 1);
  it.each(seeds)("random case %i (dual mode and all-compute)", async (seed) => {
    const { input, chip, arrayBytes } = randomCase(seed);
    const totals: number[] = [];
    for (const policy of ["dual", "all-compute"] as const) {
      const plan = await planSegments(input, chip, arrayBytes, policy);
      totals.push(plan.totalCycles);
      seen.memorySegments += plan.segments.filter((s) => s.memoryArrays > 0).length;
      seen.sharedBuffers += plan.segments.filter((s) => s.allocation.shared.some((r) => r > 0)).length;
      seen.multiOperatorSegments += plan.segments.filter((s) => s.end > s.start).length;
      seen.multiSegmentPlans += plan.segments.length > 1 ? 1 : 0;
      const brute = bruteTotal(input, chip, arrayBytes, policy);
      expect(Number.isFinite(brute)).toBe(true);
      expect(plan.totalCycles).toBeCloseTo(brute, 6 - Math.ceil(Math.log10(brute)));
      expect(Math.abs(plan.totalCycles - brute) / brute).toBeLessThan(1e-6);
    }
    if (totals[0] < totals[1] * (1 - 1e-9)) seen.dualFaster++;
    // All-compute is one of dual mode's allocations, so dual mode is never slower.
    expect(totals[0]).toBeLessThanOrEqual(totals[1] * (1 + 1e-9));
  });

  it("the cases cover memory mode, shared buffers, multi-operator segments and several segments", () => {
    console.log("exactness coverage", JSON.stringify(seen));
    expect(seen.memorySegments).toBeGreaterThan(10);
    expect(seen.sharedBuffers).toBeGreaterThan(3);
    expect(seen.multiOperatorSegments).toBeGreaterThan(10);
    expect(seen.multiSegmentPlans).toBeGreaterThan(10);
    expect(seen.dualFaster).toBeGreaterThan(5);
  });
});
