/** --workers is capped at the useful parallelism (cores, tasks at a time), and the cap is recorded. */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { usefulWorkers } from "../../src/flow/workers.ts";
import { synthesize } from "../../src/api/synthesize.ts";

describe("usefulWorkers", () => {
  it("caps at the cores, then at the tasks run at a time, naming the tighter limit", () => {
    expect(usefulWorkers(64, 8, 2)).toEqual({ workers: 2, cappedBy: "2 cores" });
    expect(usefulWorkers(16, 3, 32)).toEqual({ workers: 3, cappedBy: "3 tasks at a time" });
    expect(usefulWorkers(4, 8, 8)).toEqual({ workers: 4, cappedBy: undefined });
    expect(usefulWorkers(5, 0, 8)).toEqual({ workers: 1, cappedBy: "0 tasks at a time" });
    expect(usefulWorkers(1, 8, 1)).toEqual({ workers: 1, cappedBy: undefined });
  });

  it("never exceeds any limit and never drops below one (all small cases)", () => {
    for (let r = 1; r <= 20; r++)
      for (let t = 0; t <= 10; t++)
        for (let c = 1; c <= 10; c++) {
          const { workers, cappedBy } = usefulWorkers(r, t, c);
          expect(workers).toBe(Math.max(1, Math.min(r, t, c)));
          expect(cappedBy === undefined).toBe(workers === r);
        }
  });

  it("a synthesis asked for 64 workers runs at most as many as there are cores and says why", async () => {
    const ctx = await synthesize({
      model: "specs/networks/chain4.json",
      powerW: 5,
      workers: 64,
      space: { crossbarSizes: [128], cellBits: [1], dacBits: [1], ratios: [0.3] },
      candidates: 2,
      eaGenerations: 2,
      outDir: mkdtempSync(join(tmpdir(), "pimsyn-workers-")),
    });
    expect(ctx.workerStats.workers).toBe(1); // one feasible point: one task at a time
    expect(ctx.workerStats.workers).toBeLessThanOrEqual(availableParallelism());
    expect(ctx.workerStats).toMatchObject({ requested: 64, cappedBy: expect.stringMatching(/cores|at a time/) });
  });
});
