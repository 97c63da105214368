/**
 * Evaluator throughput on varied VGG16 mappings (issue: ≥ 100,000 lean evaluations/s on one core; ≥ 5,000/s for
 * the full evaluator with breakdowns; the Python reference needs about 2 s per VGG13 evaluation).
 * `npm run bench` (prints figures; nothing is asserted). Rates are steady-state medians on the CLI's loader
 * (tools/register-ts.js); under the `tsx` CLI the lean rate is about 13 % lower.
 */
import { loadNetwork } from "../src/network/load.ts";
import { loadPreset } from "../src/hardware/preset.ts";
import { buildNetworkModel } from "../src/mapping/layer-model.ts";
import { clonePlan, type Plan } from "../src/mapping/plan.ts";
import { pointCosts } from "../src/cost/point-costs.ts";
import { newPipelineResult, runPipeline } from "../src/cost/pipeline-model.ts";
import { evaluate } from "../src/cost/evaluate.ts";
import { designPoint } from "../src/methods/pimsyn/space.ts";
import { basePlan } from "../src/methods/pimsyn/base-plan.ts";
import { layoutPlan } from "../src/mapping/layout.ts";
import { designToArch } from "../src/methods/pimsyn/design.ts";
import { createRng } from "../src/search/rng.ts";

const { network } = await loadNetwork("vgg16");
const preset = loadPreset("pimsyn-date24");
const point = designPoint(256, 4, 1, preset);
const model = buildNetworkModel(network, point);
const costs = pointCosts(preset, point, 256, 0);
const rng = createRng(7);

// 64 varied mappings: random duplication (1–64 per conv layer), macros and allocations.
const plans: Plan[] = [];
for (let k = 0; k < 64; k++) {
  const dup = model.layers.map((L) => (L.role === "mvm" && L.outPixels > 1 ? rng.int(1, 64) : 1));
  const plan = basePlan(model, dup);
  for (const L of model.layers) {
    const i = L.index;
    if (L.role === "mvm") {
      plan.macros[i] = rng.int(1, 8);
      plan.adc[i] = rng.int(8, 512);
      plan.shiftAdd[i] = rng.int(2, 64);
      plan.add[i] = rng.int(1, 8);
      plan.act[i] = L.aluOp ? rng.int(1, 8) : 0;
    } else if (L.role === "vector") plan.vec[i] = rng.int(1, 8);
  }
  layoutPlan(model, plan);
  plans.push(plan);
}

/** Steady-state rate: 0.5 s of warm-up (the JIT's optimising tier settles), then the median of 5 rounds of 1 s. */
function rate(label: string, fn: (k: number) => void, rounds = 5, roundMs = 1000): number {
  let n = 0;
  for (const t0 = performance.now(); performance.now() - t0 < 500; ) fn(n++);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let k = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < roundMs) fn(n + k++);
    n += k;
    rates.push(k / ((performance.now() - t0) / 1e3));
  }
  rates.sort((x, y) => x - y);
  const median = rates[rates.length >> 1];
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(`${label.padEnd(52)} ${fmt(median).padStart(10)} /s  (median of ${rounds} × ${roundMs / 1000} s; ${fmt(rates[0])}–${fmt(rates[rates.length - 1])})`);
  return median;
}

if (process.execArgv.some((a) => a.includes("tsx/dist/preflight") || a.includes("tsx/dist/loader"))) {
  console.log("note: run through the tsx CLI, whose CommonJS hooks slow typed-array code (tools/register-ts.js); use `npm run bench`");
}
console.log(`VGG16 (${model.layers.length} layers) on 256x256 crossbars, 4-bit cells, 1-bit DAC; 64 varied mappings; one core`);
const res = newPipelineResult(model.layers.length);
const lean = rate("lean scoring (runPipeline: latency, period, energy)", (k) => runPipeline(model, costs, plans[k & 63], res));
const archs = plans.map((p, k) =>
  designToArch(network, model, { point, ratio: 0.3, macroMode: "specified", scratchpadKb: 256, plan: clonePlan(p) }, preset, `bench-${k}`),
);
const full = rate("full evaluator with breakdowns (evaluate(arch))", (k) => evaluate(archs[k & 63], preset, network));
console.log(`targets: lean ≥ 100,000/s (${lean >= 1e5 ? "met" : "NOT met"}), full ≥ 5,000/s (${full >= 5e3 ? "met" : "NOT met"})`);
