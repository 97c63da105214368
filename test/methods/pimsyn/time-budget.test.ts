/**
 * --time-budget covers the whole run: the search stops at its share, MILPs get what is left or are skipped,
 * extra finalists go unsimulated when short, and a budget already spent still ends with a design. (The measured
 * overrun of whole commands is printed by `npm run bench:synth -- time-budget`.)
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finalizationLeftMs, milpTimeLimitS, searchDeadlineAt } from "../../../src/methods/pimsyn/time-budget.ts";
import { TUNING } from "../../../src/methods/pimsyn/tuning.ts";
import { synthesize } from "../../../src/api/synthesize.ts";

describe("time budget arithmetic", () => {
  it("no budget: no deadline, no limit beyond the tuning's", () => {
    expect(searchDeadlineAt(1000, undefined)).toBeUndefined();
    expect(finalizationLeftMs(1000, undefined)).toBe(Infinity);
    expect(milpTimeLimitS(Infinity, 5)).toBe(TUNING.exactTimeLimitS);
  });

  it("the search gets its share; finalization the rest minus the tail; MILPs split their share", () => {
    expect(searchDeadlineAt(1000, 10_000)).toBe(1000 + TUNING.budgetSearchShare * 10_000);
    expect(finalizationLeftMs(1000, 10_000, 8000)).toBe(1000 + 10_000 - TUNING.budgetTailMs - 8000);
    expect(milpTimeLimitS(2000, 4)).toBeCloseTo((TUNING.budgetMilpShare * 2000) / 4 / 1e3);
    expect(milpTimeLimitS(50, 5)).toBeUndefined();
    expect(milpTimeLimitS(-100, 1)).toBeUndefined();
  });

  it("a budget already spent ends with a design: exact allocation skipped, only the first finalist simulated", async () => {
    const budgetMs = 2000;
    const ctx = await synthesize({
      model: "alexnet",
      powerW: 49,
      seed: 1,
      workers: 1,
      space: { crossbarSizes: [256], cellBits: [2, 4], dacBits: [1, 2], ratios: [0.2, 0.3] },
      candidates: 3,
      eaGenerations: 4,
      finalists: 3,
      timeBudgetMs: budgetMs,
      startedAt: Date.now() - budgetMs, // as if start-up had used it all
      outDir: mkdtempSync(join(tmpdir(), "pimsyn-budget-")),
    });
    expect(ctx.timeBudgetHit).toBe(true);
    expect(ctx.best.metrics.mapping!.gopsPerW).toBeGreaterThan(0);
    expect(ctx.finalists.length).toBeGreaterThanOrEqual(1);
    for (const f of ctx.finalists) expect(f.exact?.status).toBe("skipped (time budget)");
    expect(ctx.finalists[0].simulatedLatencyNs).toBeGreaterThan(0);
    for (const f of ctx.finalists.slice(1)) expect(f.simulatedLatencyNs).toBeUndefined();
    expect(ctx.best.simulatedLatencyNs).toBeDefined(); // chosen among the simulated
  });
});
