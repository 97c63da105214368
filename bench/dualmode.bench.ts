/**
 * CMSwitch compile speed (issue targets: vgg16 ≤ 2 s; OPT-13B, all 40 blocks, seq 2048 ≤ 10 s thanks to the
 * signature cache). `npm run bench:dualmode` prints figures (wall and this process's CPU seconds: the machine
 * is shared, so CPU time is the figure to compare); nothing is asserted. Each run is a fresh compile
 * (dual-mode plan and baseline) in this process, so later runs reuse the loaded HiGHS runtime only.
 */
import { loadDeha } from "../src/hardware/deha.ts";
import { compileNetwork } from "../src/methods/cmswitch/compile.ts";
import { loadNetwork } from "../src/network/load.ts";

const hw = loadDeha("dynaplasia");
const cases: { model: string; seq?: number; batch?: number; target?: string }[] = [
  { model: "vgg16", target: "≤ 2 s" },
  { model: "resnet18" },
  { model: "opt-13b", seq: 2048, batch: 1, target: "≤ 10 s" },
  { model: "opt-6.7b", seq: 64, batch: 8 },
  { model: "bert-large", seq: 512, batch: 8 },
];
console.log("model                      wall     MILPs  bound closed  cache hits  DP states  operators  segments  speedup  peak RSS");
let peak = 0;
for (const c of cases) {
  const { network } = await loadNetwork(c.model, c.seq ? { transformer: { seq: c.seq, batch: c.batch } } : {});
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await compileNetwork(network, hw);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  const s = [r.ours.plan.stats, r.baseline.plan.stats];
  const label = `${c.model}${c.seq ? ` seq ${c.seq} batch ${c.batch}` : ""}`;
  console.log(
    `${label.padEnd(26)} ${(ms / 1e3).toFixed(2).padStart(6)} s (CPU ${cpuS.toFixed(2)} s) ${String(s[0].milps + s[1].milps).padStart(7)} ${String(s[0].pruned).padStart(6)} ${String(s[0].separable).padStart(6)} ${String(s[0].cacheHits + s[1].cacheHits).padStart(11)} ${String(s[0].dpStates + s[1].dpStates).padStart(10)} ${String(r.ours.operators.ops.length).padStart(10)} ${String(r.metrics.segments).padStart(9)} ${r.metrics.speedup.toFixed(3).padStart(8)}  ${(peak / 2 ** 20).toFixed(0)} MiB${c.target ? `   (target ${c.target})` : ""}`,
  );
}
