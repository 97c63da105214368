/**
 * Term-by-term breakdown of CMSwitch's latency model, ours against the CIM-MLC-like baseline: where the cycles
 * go (compute-bound or feed-bound operator time, weight reload, switches, write-back) and the paper's trend
 * cases. Used to find why a trend of the paper does or does not come out (docs/dualmode.md, "Why each trend").
 *
 *   node --import ./tools/register-ts.js tools/dualmode-terms.ts [--hw dynaplasia|file.json] [--set path=value ...] [case ...]
 *
 * A case is `model` (CNN) or `model:seq[:batch]` (transformer prefill, first 2 blocks). `--set` overrides one
 * spec field for a sensitivity run (e.g. --set bandwidth.externalBytesPerCycle=64); nothing is written.
 */
import { deriveDeha, loadDeha, type DehaSpec } from "../src/hardware/deha.ts";
import { compileNetwork, type DualModeResult } from "../src/methods/cmswitch/compile.ts";
import { chipOf } from "../src/methods/cmswitch/operators.ts";
import { opRate } from "../src/cost/dualmode.ts";
import { loadNetwork } from "../src/network/load.ts";

const args = process.argv.slice(2);
let hwName = "dynaplasia";
const sets: [string, number][] = [];
const cases: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--hw") hwName = args[++i];
  else if (args[i] === "--set") {
    const [path, value] = args[++i].split("=");
    sets.push([path, Number(value)]);
  } else cases.push(args[i]);
}
const base = loadDeha(hwName);
const spec = JSON.parse(JSON.stringify(base.spec)) as DehaSpec;
for (const [path, value] of sets) {
  const keys = path.split(".");
  let o = spec as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]] = value;
}
const hw = deriveDeha(spec);
const chip = chipOf(hw);
const defaults = [
  "resnet18", "vgg16", "mobilenetv2",
  "bert-large:32", "bert-large:128", "bert-large:512",
  "opt-6.7b:32", "opt-6.7b:256", "opt-6.7b:2048", "opt-13b:64",
];

/** Cycles of a plan by term: operator time split by what bounds the slowest operator of each segment. */
function terms(side: DualModeResult["ours"]) {
  let computeBound = 0;
  let feedBound = 0;
  for (const s of side.plan.segments) {
    let worst = -1;
    let worstFeed = false;
    for (let i = s.start; i <= s.end; i++) {
      const op = side.operators.ops[i];
      const c = s.allocation.compute[i - s.start];
      const m = s.allocation.memory[i - s.start];
      const t = op.macs / opRate(op, c, m, chip);
      if (t > worst) {
        worst = t;
        worstFeed = c * op.macsPerArrayCycle > opRate(op, c, m, chip) * (1 + 1e-9);
      }
    }
    if (worstFeed) feedBound += s.intraCycles;
    else computeBound += s.intraCycles;
  }
  const sum = (f: (s: DualModeResult["ours"]["plan"]["segments"][number]) => number) => side.plan.segments.reduce((a, s) => a + f(s), 0);
  return { total: side.plan.totalCycles, computeBound, feedBound, reload: sum((s) => s.reloadCycles), switch: sum((s) => s.switchCycles), writeBack: sum((s) => s.writeBackCycles) };
}

const pct = (x: number, t: number) => `${((100 * x) / t).toFixed(0).padStart(3)}%`;
console.log(`chip ${hw.name}${sets.length ? ` with ${sets.map(([p, v]) => `${p}=${v}`).join(", ")}` : ""}: OP_cim ${hw.macsPerCycle} MAC/cycle/array, D_cim ${hw.memoryBytesPerCycle} B/cycle, D_main ${hw.mainBytesPerCycle} B/cycle, write ${hw.writeCyclesPerArray} cycles/array`);
console.log("case                 speedup  mem%  | baseline Mcyc: cmp  feed reload | ours Mcyc: cmp  feed reload  sw+wb");
for (const c of cases.length ? cases : defaults) {
  const [model, seq, batch] = c.split(":");
  const opts = seq ? { transformer: { seq: Number(seq), batch: Number(batch ?? 8), phase: "prefill" as const, blocks: 2 } } : {};
  const { network } = await loadNetwork(model, opts);
  const r = await compileNetwork(network, hw);
  const b = terms(r.baseline);
  const o = terms(r.ours);
  const M = (x: number) => (x / 1e6).toFixed(3).padStart(8);
  console.log(
    `${c.padEnd(20)} ${r.metrics.speedup.toFixed(3).padStart(6)} ${(100 * r.metrics.memoryRatio).toFixed(1).padStart(5)} | ${M(b.total)}: ${pct(b.computeBound, b.total)} ${pct(b.feedBound, b.total)} ${pct(b.reload, b.total)} | ${M(o.total)}: ${pct(o.computeBound, o.total)} ${pct(o.feedBound, o.total)} ${pct(o.reload, o.total)} ${pct(o.switch + o.writeBack, o.total)}`,
  );
}
