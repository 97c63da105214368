/**
 * The named minimum feasible power is a budget the search actually reaches (issue 12 item 9): a network
 * synthesizes at 1.05 × it (small search settings, full paper space), within that budget. Used by
 * minimum-power-zoo.test.ts and minimum-power-onnx.test.ts.
 */
import { expect } from "vitest";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize } from "../../../src/api/synthesize.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { ZOO } from "../../../src/network/zoo/zoo.ts";
import { minimumPowerFloorW, ModelCache, PAPER_SPACE } from "../../../src/methods/pimsyn/space.ts";
import { findableMinimumPowerW } from "../../../src/methods/pimsyn/minimum-power.ts";
import { requireCnn } from "../../../src/network/workload.ts";
import type { Network } from "../../../src/network/types.ts";

const isCnn = (network: Network): boolean => {
  try {
    requireCnn(network, "pimsyn synth");
    return true;
  } catch {
    return false;
  }
};

const preset = loadPreset("pimsyn-date24");
export const ONNX_FIXTURES = readdirSync("test/fixtures/onnx")
  .filter((f) => f.endsWith(".onnx"))
  .map((f) => join("test/fixtures/onnx", f));
export const ZOO_MODELS = Object.keys(ZOO);

/** Synthesize each model at 1.05 × its named minimum; prints one row per model. */
export async function checkMinimum(models: string[], macroMode: "specified" | "unified" = "specified"): Promise<void> {
  {
    const out = mkdtempSync(join(tmpdir(), "pimsyn-minpower-"));
    const rows: string[] = [];
    try {
      for (const model of models) {
        const inputShape = model.includes("_dynamic") ? { c: 3, h: 224, w: 224 } : undefined; // a dynamic [N,3,H,W] export
        const { network } = await loadNetwork(model, { inputShape });
        if (!isCnn(network)) continue; // transformers: synthesis rejects them (pimsyn dualmode compiles them)
        const cache = new ModelCache(network);
        const minW = findableMinimumPowerW(network, preset, PAPER_SPACE, macroMode, cache);
        const floorW = minimumPowerFloorW(network, preset, PAPER_SPACE, cache);
        expect(minW).toBeGreaterThanOrEqual(floorW * (1 - 1e-12));
        const t0 = performance.now();
        const ctx = await synthesize({
          model,
          inputShape,
          macroMode,
          powerW: 1.05 * minW,
          seed: 1,
          workers: 1,
          candidates: 2,
          saChains: 2,
          saMovesPerLevel: 20,
          eaPopulation: 8,
          eaGenerations: 1,
          finalists: 1,
          outDir: out,
        });
        expect(ctx.best.metrics.hardware.peakPowerW).toBeLessThanOrEqual(1.05 * minW * (1 + 1e-9));
        expect(ctx.minimumFeasiblePowerW).toBeCloseTo(minW, 9);
        rows.push(
          `${network.name.padEnd(22)} ${macroMode.padEnd(9)} floor ${floorW.toFixed(3).padStart(8)} W  named ${minW.toFixed(3).padStart(8)} W  at 1.05×: ` +
            `${ctx.best.metrics.mapping!.gopsPerW.toFixed(1).padStart(6)} GOPS/W, ${ctx.best.metrics.hardware.peakPowerW.toFixed(3)} W  (${((performance.now() - t0) / 1e3).toFixed(1)} s)`,
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
      console.log(rows.join("\n"));
    }
  }
}
