/** Issue 12 item 7b: the search's result hardly depends on the seed (spread of seeds 1–5 ≤ 1 % on a small net). */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize } from "../../../src/api/synthesize.ts";

describe("seed spread", () => {
  it("vgg8 at 20 W on a reduced space: seeds 1–5 within 1 % of the best", async () => {
    const g: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const ctx = await synthesize({
        model: "vgg8",
        powerW: 20,
        seed,
        workers: 1,
        space: { crossbarSizes: [128, 256], cellBits: [2, 4], dacBits: [1, 2], ratios: [0.2, 0.3] }, // default search settings
        finalists: 2,
        outDir: mkdtempSync(join(tmpdir(), "pimsyn-spread-")),
      });
      g.push(ctx.best.metrics.mapping!.gopsPerW);
    }
    const spread = (Math.max(...g) - Math.min(...g)) / Math.max(...g);
    expect(spread, `GOPS/W of seeds 1–5: ${g.map((x) => x.toFixed(2)).join(", ")}`).toBeLessThanOrEqual(0.01);
  }, 60_000);
});
