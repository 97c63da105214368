/**
 * CLSA-CIM scheduling speed and gains (brief: tinyyolov4 at row granularity with greedy duplication in ≤ 2 s).
 * `npm run bench:schedule` prints figures; nothing is asserted. The chip is the trend tests' fixed tiled
 * architecture (128×128 crossbars, 2-bit cells, 1-bit DACs, 16-bit data, isaac-isca16 figures) at 1×, 1.5×,
 * 2× and 4× the crossbars that hold one copy of the network.
 */
import { listZoo } from "../src/network/zoo/zoo.ts";
import { loadNetwork } from "../src/network/load.ts";
import { runSchedule } from "../src/methods/clsa/schedule.ts";
import { schedulePolicy } from "../src/methods/clsa/asap.ts";
import { FACTORS, minCrossbars, preset, tiledArch } from "../test/methods/clsa/fixture.ts";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// 1. Speed: tinyyolov4, row sets, greedy duplication on 4× the minimum crossbars.
{
  const { network } = await loadNetwork("tinyyolov4");
  const arch = tiledArch(Math.ceil(minCrossbars(network) * 4));
  const times: number[] = [];
  let run = runSchedule(network, arch, preset, { duplication: "greedy" });
  for (let k = 0; k < 10; k++) {
    const t0 = performance.now();
    run = runSchedule(network, arch, preset, { duplication: "greedy" });
    times.push(performance.now() - t0);
  }
  const pass: number[] = [];
  for (let k = 0; k < 20; k++) {
    const t0 = performance.now();
    schedulePolicy(run.plan, "cross-layer");
    pass.push(performance.now() - t0);
  }
  const sets = run.result.sets;
  console.log(`tinyyolov4, row sets, greedy on ${arch.hardware.chip.children[0].count} crossbars: ${sets} sets, ${run.result.dependencies} dependencies`);
  console.log(`  whole call (copies, sets, deps, both policies, baseline)  ${median(times).toFixed(1)} ms  (target ≤ 2000 ms)`);
  console.log(`  one cross-layer pass                                      ${median(pass).toFixed(2)} ms  → ${Math.round(sets / (median(pass) / 1e3)).toLocaleString("en-US")} sets/s`);
  const traced: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    runSchedule(network, arch, preset, { duplication: "greedy", granularity: "block", baseline: false });
    traced.push(performance.now() - t0);
  }
  console.log(`  block sets, both policies                                 ${median(traced).toFixed(1)} ms`);
}

// 2. Gains over the zoo.
console.log(`\n${"model".padEnd(12)} ${"×min".padStart(5)} ${"crossbars".padStart(10)} ${"same map".padStart(9)} ${"vs LBL/1".padStart(9)} ${"util×".padStart(8)} ${"used util×".padStart(10)} ${"CL util".padStart(8)}`);
for (const name of listZoo()) {
  const { network } = await loadNetwork(name);
  const min = minCrossbars(network);
  for (const f of FACTORS) {
    const arch = tiledArch(Math.ceil(min * f));
    const r = runSchedule(network, arch, preset, { duplication: "greedy" }).result;
    const b = r.baseline!;
    console.log(
      `${name.padEnd(12)} ${String(f).padStart(5)} ${r.arch.crossbars.toLocaleString("en-US").padStart(10)} ${r.speedup!.toFixed(2).padStart(9)} ` +
        `${b.speedup.toFixed(2).padStart(9)} ${b.utilisationGain.toFixed(2).padStart(8)} ${b.mappedUtilisationGain.toFixed(2).padStart(10)} ${(100 * r.runs[0].utilisation).toFixed(1).padStart(7)}%`,
    );
  }
}
console.log("\nsame map: layer-by-layer / cross-layer on the greedy mapping; vs LBL/1: layer-by-layer with one copy per layer / cross-layer + greedy;");
console.log("util×: utilisation gain over the chip's crossbars (= vs LBL/1); used util×: over the crossbars each mapping uses.");
