/**
 * Block-level simulator cost: compile + schedule time, node count and graph size for VGG16 and ResNet18 at
 * duplication all-ones (the largest DAGs: one block per output pixel) and at the WO·HO-proportional seed.
 * `npm run bench:simulate` (prints figures; nothing is asserted).
 */
import { buildNetworkModel } from "../src/mapping/layer-model.ts";
import { newPipelineResult, runPipeline } from "../src/cost/pipeline-model.ts";
import { pointCosts } from "../src/cost/point-costs.ts";
import { loadPreset } from "../src/hardware/preset.ts";
import { loadNetwork } from "../src/network/load.ts";
import { compileDataflow, type DataflowGraph } from "../src/schedule/compile.ts";
import { simulateGraph } from "../src/schedule/simulate.ts";
import { allocate, convSetSum, POINT, proportionalDup } from "../test/schedule/design.ts";

function graphBytes(g: DataflowGraph): number {
  let bytes = 0;
  for (const v of Object.values(g)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  for (const s of g.sources) bytes += s.hi.byteLength + s.lo.byteLength;
  return bytes;
}

function best(fn: () => void, runs = 3): number {
  let min = Infinity;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const preset = loadPreset("pimsyn-date24");
const costs = pointCosts(preset, POINT, 64, 0);
console.log("pimsyn-date24, 256x256 crossbars, 2-bit cells, 1-bit DAC (16 bit iterations); best of 3, one core");
console.log("network   duplication   nodes       graph MB  compile ms  schedule ms  +buffers ms  latency us  analytic us");
for (const name of ["vgg16", "resnet18"]) {
  const { network } = await loadNetwork(name);
  const model = buildNetworkModel(network, POINT);
  for (const [label, dup] of [
    ["all ones", model.layers.map(() => 1)],
    ["WO·HO seed", proportionalDup(model, 8 * convSetSum(model))],
  ] as const) {
    const plan = allocate(model, costs, [...dup]);
    let g = compileDataflow(model, costs, plan);
    const compileMs = best(() => (g = compileDataflow(model, costs, plan)));
    const scheduleMs = best(() => simulateGraph(g, { buffers: false }));
    const fullMs = best(() => simulateGraph(g));
    const sim = simulateGraph(g);
    const analytic = runPipeline(model, costs, plan, newPipelineResult(model.layers.length)).latencyNs;
    console.log(
      `${name.padEnd(9)} ${label.padEnd(13)} ${String(g.nodeCount).padStart(9)}  ${(graphBytes(g) / 2 ** 20).toFixed(1).padStart(8)}` +
        `  ${compileMs.toFixed(0).padStart(10)}  ${scheduleMs.toFixed(0).padStart(11)}  ${fullMs.toFixed(0).padStart(11)}` +
        `  ${(sim.latencyNs / 1e3).toFixed(1).padStart(10)}  ${(analytic / 1e3).toFixed(1).padStart(11)}`,
    );
  }
}
console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
