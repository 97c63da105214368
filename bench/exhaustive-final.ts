/**
 * Search quality on the FINAL objective (issue 12 item 7c): every design of a small space is allocated, built,
 * evaluated and simulated by the very stages a synthesis ends with (exact-allocate → evaluate-finalists →
 * simulate, then the choose stage's score), so the optimum is that of the efficiency a run reports. The space:
 * chain4 (conv, pool, conv, fc) at 128×128 crossbars and 4-bit cells, both DAC resolutions (1 and 2 bits), every
 * duplication vector within the crossbar budget, every macro count up to MAX_MACROS per layer and every sharing
 * pattern the partition allows (pairs, partner earlier). Then synthesis runs over the same space with 10 seeds.
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
import { DEFAULT_OPTIONS, type SynthOptions } from "../src/methods/pimsyn/options.ts";
import type { PointResult } from "../src/methods/pimsyn/context.ts";
import { synthesize } from "../src/api/synthesize.ts";
import { exactAllocate } from "../stages/pimsyn/exact-allocate.ts";
import { evaluateFinalists } from "../stages/pimsyn/evaluate-finalists.ts";
import { simulate } from "../stages/pimsyn/simulate.ts";
import { simulatedGopsPerW } from "../stages/pimsyn/choose.ts";

const NET = new URL("../specs/networks/chain4.json", import.meta.url).pathname;

export interface FinalCheckSpace {
  powerW: number;
  ratio: number;
  maxMacros: number;
  dacBits: number[];
}

export const DEFAULT_FINAL_SPACE: FinalCheckSpace = {
  powerW: Number(process.env.EXH_POWER_W ?? 2),
  ratio: Number(process.env.EXH_RATIO ?? 0.02),
  maxMacros: Number(process.env.EXH_MAX_MACROS ?? 2),
  dacBits: [1, 2],
};

/** Every sharing pattern over n layers: share[k] = an earlier layer j < k not already paired, or −1. */
function sharePatterns(n: number): number[][] {
  const out: number[][] = [];
  const share = new Array<number>(n).fill(-1);
  const walk = (k: number): void => {
    if (k === n) return void out.push(share.slice());
    walk(k + 1);
    for (let j = 0; j < k; j++) {
      if (share[j] >= 0 || share.includes(j)) continue;
      share[k] = j;
      walk(k + 1);
      share[k] = -1;
    }
  };
  walk(0);
  return out;
}

/** The enumerated optimum of the reported (simulated) efficiency and how many designs it scored. */
export async function finalOptimum(space = DEFAULT_FINAL_SPACE): Promise<{ optimum: number; median: number; worstDesign: number; designs: number; feasible: number; seconds: number }> {
  const { network } = await loadNetwork(NET);
  const preset = loadPreset("pimsyn-date24");
  const options: SynthOptions = { ...DEFAULT_OPTIONS, model: NET, powerW: space.powerW, sharing: true, finalists: Number.MAX_SAFE_INTEGER };
  let designs = 0, feasible = 0;
  const scores: number[] = [];
  const t0 = performance.now();
  for (const dac of space.dacBits) {
    const point = designPoint(128, 4, dac, preset);
    const model = buildNetworkModel(network, point);
    const xbarMw = preset.crossbar.find((r) => r.size === 128)!.peakPowerMw;
    const budget = Math.floor((space.powerW * space.ratio * 1e3) / xbarMw + 1e-9);
    const conv = model.mvmLayers.filter((i) => model.layers[i].outPixels > 1);
    const fixed = model.mvmLayers.filter((i) => model.layers[i].outPixels <= 1).reduce((s, i) => s + model.layers[i].set, 0);
    const shares = sharePatterns(model.mvmLayers.length);
    const dup = model.layers.map(() => 1);
    const batch: PointResult[] = [];
    const flush = async (): Promise<void> => {
      if (!batch.length) return;
      const common = { options, network, preset, interrupted: false, startedAt: Date.now() };
      const { allocated } = await exactAllocate.run({ ...common, pointResults: batch });
      const { evaluated } = await evaluateFinalists.run({ ...common, allocated });
      const { finalists } = await simulate.run({ ...common, evaluated });
      for (const f of finalists) scores.push(simulatedGopsPerW(f));
      batch.length = 0;
    };
    const visit = async (k: number, left: number): Promise<void> => {
      if (k === conv.length) {
        const ev = new PartitionEvaluator({ model, preset, powerW: space.powerW, base: basePlan(model, dup), mode: "specified", sharing: true, maxMacrosPerLayer: space.maxMacros });
        const macros = ev.choices.map(() => 0);
        const walk = async (j: number): Promise<void> => {
          if (j < macros.length) {
            for (const m of ev.choices[j]) {
              macros[j] = m;
              await walk(j + 1);
            }
            return;
          }
          for (const share of shares) {
            designs++;
            const s = ev.score({ macros: macros.slice(), share, size: 0 });
            if (!s) continue;
            feasible++;
            const design = { point, ratio: space.ratio, macroMode: "specified" as const, scratchpadKb: s.scored.scratchpadKb, plan: s.plan };
            batch.push({ index: batch.length, feasible: true, candidates: [], best: { design, scored: s.scored, candidate: 0 }, saTrace: [], saRungs: [], saEvaluations: 0, evaluations: 0, timeBudgetHit: false });
            if (batch.length >= 200) await flush();
          }
        };
        await walk(0);
        return;
      }
      const L = model.layers[conv[k]];
      for (let d = 1; d * L.set <= left && d <= L.outPixels; d++) {
        dup[conv[k]] = d;
        await visit(k + 1, left - d * L.set);
      }
      dup[conv[k]] = 1;
    };
    await visit(0, budget - fixed);
    await flush();
  }
  scores.sort((a, b) => a - b);
  return { optimum: scores[scores.length - 1], median: scores[scores.length >> 1], worstDesign: scores[0], designs, feasible, seconds: (performance.now() - t0) / 1e3 };
}

/** The reported (simulated) efficiency of a synthesis over the same space. */
export async function searchedFinal(seed: number, space = DEFAULT_FINAL_SPACE): Promise<number> {
  const ctx = await synthesize({
    model: NET,
    powerW: space.powerW,
    seed,
    workers: 1,
    space: { crossbarSizes: [128], cellBits: [4], dacBits: space.dacBits, ratios: [space.ratio] },
    sharing: true,
    maxMacrosPerLayer: space.maxMacros,
    outDir: mkdtempSync(join(tmpdir(), "pimsyn-exh-final-")),
  });
  return simulatedGopsPerW(ctx.best);
}

export async function exhaustiveFinalCheck(print = console.log, seeds = 10, space = DEFAULT_FINAL_SPACE): Promise<{ optimum: number; worst: number; ratio: number }> {
  const o = await finalOptimum(space);
  print(`chain4 at ${space.powerW} W, RatioRram ${space.ratio}, ≤ ${space.maxMacros} macros per layer, DAC ${space.dacBits.join('/')} bits, sharing on\nexhaustive (final objective): ${o.designs.toLocaleString("en-US")} designs (${o.feasible.toLocaleString("en-US")} within budget) allocated, built and simulated in ${o.seconds.toFixed(1)} s; optimum ${o.optimum.toFixed(2)} GOPS/W (median design ${o.median.toFixed(2)}, worst ${o.worstDesign.toFixed(2)})`);
  let worst = Infinity;
  for (let seed = 1; seed <= seeds; seed++) {
    const found = await searchedFinal(seed, space);
    worst = Math.min(worst, found);
    print(`  seed ${seed}: ${found.toFixed(2)} GOPS/W (${((100 * found) / o.optimum).toFixed(2)} % of the optimum)`);
  }
  const ratio = worst / o.optimum;
  print(`worst of ${seeds} seeds: ${(100 * ratio).toFixed(2)} % of the exhaustive optimum of the reported efficiency (target ≥ 99 %)`);
  return { optimum: o.optimum, worst, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) await exhaustiveFinalCheck();
