/**
 * Search quality on a space small enough to enumerate: chain4 (conv, pool, conv, fc) on one design point
 * (128×128 crossbars, 4-bit cells, 1-bit DAC, one RatioRram), at most 4 macros per layer, no sharing. The
 * exhaustive optimum enumerates every duplication vector within the crossbar budget and every macro partition,
 * each allocated and scored exactly as the synthesis scores them; then synthesis runs with 10 seeds.
 * Target: the worst seed ≥ 0.99 of the optimum.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadNetwork } from "../src/network/load.ts";
import { loadPreset } from "../src/hardware/preset.ts";
import { buildNetworkModel } from "../src/mapping/layer-model.ts";
import { basePlan } from "../src/methods/pimsyn/base-plan.ts";
import { PartitionEvaluator } from "../src/methods/pimsyn/partition.ts";
import { designPoint } from "../src/methods/pimsyn/space.ts";
import { synthesize } from "../src/api/synthesize.ts";

const NET = new URL("../specs/networks/chain4.json", import.meta.url).pathname;
const POWER_W = 2;
const RATIO = 0.1;
const MAX_MACROS = 4;

export async function exhaustiveCheck(print = console.log): Promise<{ optimum: number; worst: number; ratio: number }> {
  const { network } = await loadNetwork(NET);
  const preset = loadPreset("pimsyn-date24");
  const point = designPoint(128, 4, 1, preset);
  const model = buildNetworkModel(network, point);
  const xbarMw = preset.crossbar.find((r) => r.size === 128)!.peakPowerMw;
  const budget = Math.floor((POWER_W * RATIO * 1e3) / xbarMw + 1e-9);
  const conv = model.mvmLayers.filter((i) => model.layers[i].outPixels > 1);
  const fixed = model.mvmLayers.filter((i) => model.layers[i].outPixels <= 1).reduce((s, i) => s + model.layers[i].set, 0);
  let optimum = -Infinity, evaluated = 0;
  const t0 = performance.now();
  const dup = model.layers.map(() => 1);
  const visit = (k: number, left: number): void => {
    if (k === conv.length) {
      const ev = new PartitionEvaluator({ model, preset, powerW: POWER_W, base: basePlan(model, dup), mode: "specified", sharing: false, maxMacrosPerLayer: MAX_MACROS });
      const macros = ev.choices.map(() => 0);
      const walk = (j: number): void => {
        if (j === macros.length) {
          evaluated++;
          const s = ev.score({ macros: macros.slice(), share: macros.map(() => -1), size: 0 });
          if (s && s.scored.gopsPerW > optimum) optimum = s.scored.gopsPerW;
          return;
        }
        for (const m of ev.choices[j]) {
          macros[j] = m;
          walk(j + 1);
        }
      };
      walk(0);
      return;
    }
    const L = model.layers[conv[k]];
    for (let d = 1; d * L.set <= left && d <= L.outPixels; d++) {
      dup[conv[k]] = d;
      visit(k + 1, left - d * L.set);
    }
    dup[conv[k]] = 1;
  };
  visit(0, budget - fixed);
  print(`exhaustive: ${evaluated.toLocaleString("en-US")} designs in ${((performance.now() - t0) / 1e3).toFixed(1)} s, optimum ${optimum.toFixed(2)} GOPS/W (budget ${budget} crossbars)`);
  let worst = Infinity;
  for (let seed = 1; seed <= 10; seed++) {
    const ctx = await synthesize({
      model: NET,
      powerW: POWER_W,
      seed,
      workers: 1,
      space: { crossbarSizes: [128], cellBits: [4], dacBits: [1], ratios: [RATIO] },
      sharing: false,
      maxMacrosPerLayer: MAX_MACROS,
      outDir: mkdtempSync(join(tmpdir(), "pimsyn-exh-")),
    });
    // Compare like with like: the analytic score of the chosen design (the exhaustive side is analytic too).
    const found = Math.max(...ctx.pointResults.map((r) => r.best?.scored.gopsPerW ?? -Infinity));
    worst = Math.min(worst, found);
    print(`  seed ${seed}: ${found.toFixed(2)} GOPS/W (${((100 * found) / optimum).toFixed(2)} % of the optimum)`);
  }
  const ratio = worst / optimum;
  print(`worst of 10 seeds: ${(100 * ratio).toFixed(2)} % of the exhaustive optimum (target ≥ 99 %)`);
  return { optimum, worst, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) await exhaustiveCheck();
