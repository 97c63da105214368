/**
 * `npm run bench:dataflow`: MIREDO on ResNet-18, all conv/FC layers, EDP objective, default hardware and options.
 * Prints wall time, MILPs solved, schemes pruned, variables/constraints per MILP, median and max solve time, peak
 * RSS, the whole-model EDP gains and the analytic-vs-simulated agreement. Sequential (one MILP at a time).
 * Options: --milp-time-limit S (default: the CLI's), --max-schemes N, --workers N (default 1).
 */
import { loadNetwork } from "../src/network/load.ts";
import { DEFAULT_LAYER_OPTIONS } from "../src/methods/miredo/optimize.ts";
import { runDataflow } from "../src/methods/miredo/run.ts";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const options = {
  ...DEFAULT_LAYER_OPTIONS,
  milpTimeLimitS: Number(arg("--milp-time-limit") ?? DEFAULT_LAYER_OPTIONS.milpTimeLimitS),
  maxSchemes: Number(arg("--max-schemes") ?? DEFAULT_LAYER_OPTIONS.maxSchemes),
};
const { network } = await loadNetwork("resnet18");
let peakRss = process.memoryUsage().rss;
const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const t0 = performance.now();
const workers = Number(arg("--workers") ?? 1);
const ctx = await runDataflow({ model: network, hardware: "miredo-8core-28nm", options, workers }, () => ({ html: "", md: "" }));
const wallS = (performance.now() - t0) / 1000;
clearInterval(timer);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const milps = ctx.mapping.layers.flatMap((l) => l.milps);
const unique = new Map(ctx.outcomes.map((o) => [o.result, o.result]));
const solveMs = [...unique.keys()].flatMap((r) => r.milps.map((m) => m.solveMs)).sort((a, b) => a - b);
const sizes = [...unique.keys()].flatMap((r) => r.milps);
const med = (xs: number[]) => (xs.length ? xs[Math.floor(xs.length / 2)] : 0);
const vars = sizes.map((m) => m.variables).sort((a, b) => a - b);
const rows = sizes.map((m) => m.constraints).sort((a, b) => a - b);
const m = ctx.metrics;
console.log(`ResNet-18, ${m.layers.length} conv/FC layers (${unique.size} distinct loop nests), EDP objective, miredo-8core-28nm, MILP limit ${options.milpTimeLimitS}s, ≤ ${options.maxSchemes} schemes per layer, ${workers} worker${workers === 1 ? "" : "s"}`);
console.log(`  wall               ${wallS.toFixed(1)} s`);
console.log(`  MILPs solved       ${solveMs.length} distinct (${milps.length} counting repeated layers), ${m.milp.timeLimitHits} at the time limit`);
console.log(`  schemes            ${m.milp.schemesPruned} pruned by roofline bounds, ${m.milp.schemesSkipped} beyond the scheme budget`);
console.log(`  MILP size          variables median ${med(vars)} max ${vars[vars.length - 1] ?? 0}; constraints median ${med(rows)} max ${rows[rows.length - 1] ?? 0}`);
console.log(`  solve time         median ${(med(solveMs) / 1000).toFixed(2)} s, max ${((solveMs[solveMs.length - 1] ?? 0) / 1000).toFixed(2)} s`);
console.log(`  peak RSS           ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
console.log(`  whole-model EDP    gain ${m.edpGain.vsGreedy.toFixed(2)}× over greedy, ${m.edpGain.vsWs.toFixed(2)}× over weight-stationary`);
console.log(`  agreement          mean ${m.agreement.meanErrorPct.toFixed(2)} %, worst ${m.agreement.worstLayer} ${m.agreement.worstErrorPct.toFixed(2)} %`);
console.log(`  layers from MILP   ${m.layers.filter((l) => l.origin === "milp").length} of ${m.layers.length}; proven optimal ${m.milp.layersProven}`);
console.log(`  per layer          proven over every loop order? gap vs the roofline bound (HiGHS's JS API gives no dual bound)`);
for (const l of ctx.mapping.layers) {
  const order = l.milps.filter((x) => x.order === "milp").map((x) => `${x.objective} ${x.status}`).join(", ");
  console.log(`    ${l.name.padEnd(22)} ${l.proven ? "proven " : "open   "} gap ≤ ${(100 * l.gapBound).toFixed(1).padStart(5)} %  EDP ×${(l.baselines.greedy.edp / l.predicted.edp).toFixed(2)} vs greedy  order MILPs: ${order || "-"}`);
}
