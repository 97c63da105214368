/**
 * Scratchpads that hold the simulated occupancy (issue 12 item 5): on synthesized zoo designs, the block-level
 * simulator's peak buffer occupancy per macro is at most the allocated scratchpad, or the shortfall is reported
 * (metrics summary and a note naming both sizes); a re-sized design stays within the budget.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize } from "../../../src/api/synthesize.ts";
import { buildMetrics } from "../../../src/methods/pimsyn/results.ts";

const NETS: [string, number][] = [
  ["alexnet", 49],
  ["vgg8", 20],
  ["resnet18", 49],
  ["tinyyolov4", 49],
];

describe("scratchpad against the simulated occupancy", () => {
  it(`fits or reports the shortfall on ${NETS.map(([m]) => m).join(", ")}`, async () => {
    const rows: string[] = [];
    let resized = 0;
    for (const [model, powerW] of NETS) {
      const ctx = await synthesize({
        model,
        powerW,
        seed: 1,
        workers: 1,
        maxEvaluations: 150,
        candidates: 2,
        finalists: 2,
        space: { crossbarSizes: [256], cellBits: [2, 4], dacBits: [1], ratios: [0.2, 0.3] },
        outDir: mkdtempSync(join(tmpdir(), "pimsyn-spm-")),
      });
      for (const f of ctx.finalists) {
        const fit = f.scratchpad!;
        expect(fit.simulatedKbNeeded).toBe(f.simulation!.scratchpadKbNeeded);
        expect(fit.allocatedKb).toBe(f.design.scratchpadKb);
        if (fit.shortfallKb === undefined) expect(fit.simulatedKbNeeded).toBeLessThanOrEqual(fit.allocatedKb);
        else {
          expect(fit.shortfallKb).toBe(fit.simulatedKbNeeded - fit.allocatedKb);
          expect(fit.shortfallReason).toMatch(/\S/);
        }
        if (fit.allocatedKb !== fit.analyticKb) {
          resized++;
          expect(fit.allocatedKb).toBeGreaterThan(fit.analyticKb);
          expect(f.metrics.hardware.peakPowerW).toBeLessThanOrEqual(powerW * (1 + 1e-9));
          expect(f.arch.hardware.chip.children.every((m) => m.components.some((c) => c.kind === "scratchpad" && c.select?.capacityKb === fit.allocatedKb))).toBe(true);
        }
      }
      const s = buildMetrics(ctx).summary;
      const fit = ctx.best.scratchpad!;
      expect(s.scratchpadKb).toBe(fit.allocatedKb);
      expect(s.analyticScratchpadKb).toBe(fit.analyticKb);
      if (fit.shortfallKb !== undefined) {
        expect(s.scratchpadShortfallKb).toBe(fit.shortfallKb);
        expect(s.scratchpadNote).toContain(`${fit.simulatedKbNeeded} KB`);
        expect(s.scratchpadNote).toContain("stall");
      } else {
        expect(s.scratchpadShortfallKb).toBeUndefined();
        expect(s.simulatedScratchpadKbNeeded!).toBeLessThanOrEqual(s.scratchpadKb);
      }
      rows.push(`${model.padEnd(11)} analytic ${fit.analyticKb} KB, allocated ${fit.allocatedKb} KB, simulated ${fit.simulatedKbNeeded} KB` + (fit.shortfallKb ? `, shortfall ${fit.shortfallKb} KB` : ""));
    }
    console.log(rows.join("\n") + `\nfinalists re-sized: ${resized}`);
  }, 300_000);
});
