/** The progress line: elapsed time, estimated time left and the best efficiency so far (issue 18, item 12). */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { progressText } from "../../src/cli/progress.ts";
import { synthesize } from "../../src/api/synthesize.ts";

describe("progressText", () => {
  it("shows points, elapsed, an estimate from the rate so far, and the best design", () => {
    expect(progressText({ done: 24, total: 63, label: "outer points", elapsedMs: 12_000, bestGopsPerW: 412.66 })).toBe(
      "24/63 outer points · 0:12 elapsed · ~0:20 left · best 412.7 GOPS/W",
    );
  });

  it("before the first point, at the end, past an hour, and capped by the time budget", () => {
    expect(progressText({ done: 0, total: 63, label: "outer points", elapsedMs: 1500 })).toBe("0/63 outer points · 0:02 elapsed · estimating · no design yet");
    expect(progressText({ done: 63, total: 63, label: "outer points", elapsedMs: 61_000, bestGopsPerW: 1 })).toBe("63/63 outer points · 1:01 elapsed · done · best 1.0 GOPS/W");
    expect(progressText({ done: 1, total: 3, label: "p", elapsedMs: 3_700_000 })).toContain("1:01:40 elapsed · ~2:03:20 left");
    expect(progressText({ done: 1, total: 63, label: "p", elapsedMs: 10_000, budgetLeftMs: 5_000 })).toContain("~0:05 left");
    expect(progressText({ done: 0, total: 63, label: "p", elapsedMs: 10_000, budgetLeftMs: -50 })).toContain("~0:00 left");
  });
});

describe("the synthesis reports the best efficiency so far with its progress", () => {
  it("undefined until a design exists, never decreasing, ending at the best point's efficiency", async () => {
    const seen: { done: number; best?: number }[] = [];
    const ctx = await synthesize({
      model: "alexnet",
      powerW: 49,
      workers: 1,
      space: { crossbarSizes: [256], cellBits: [2, 4], dacBits: [1], ratios: [0.2, 0.3] },
      candidates: 2,
      eaGenerations: 3,
      outDir: mkdtempSync(join(tmpdir(), "pimsyn-progress-")),
      onProgress: (done, _total, _label, best) => seen.push({ done, best }),
    });
    expect(seen.length).toBeGreaterThan(1);
    const bests = seen.map((s) => s.best).filter((b): b is number => b !== undefined);
    for (let i = 1; i < bests.length; i++) expect(bests[i]).toBeGreaterThanOrEqual(bests[i - 1]);
    const pointBest = Math.max(...ctx.pointResults.filter((r) => r.best).map((r) => r.best!.scored.gopsPerW));
    expect(bests.at(-1)).toBe(pointBest);
  });
});
