/**
 * Every task of a schedule checked against an independent oracle: which producer pixels a consumer pixel reads
 * is recomputed here from the layer specs (kernel, stride, padding, dilation, upsampling, whole-map layers),
 * not from the scheduler's receptive fields. Checks: no copy runs two tasks at once; every task starts after
 * the producer sets holding the pixels it reads (+ transfer); layer-by-layer starts a layer after all of its
 * producers; and at row granularity a cross-layer task starts exactly when its copy and its inputs are ready
 * (ASAP), i.e. no later than the oracle allows.
 */
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../../src/network/load.ts";
import type { Network, Shape } from "../../../src/network/types.ts";
import { runSchedule, type ScheduleRun } from "../../../src/methods/clsa/schedule.ts";
import type { Granularity } from "../../../src/methods/clsa/types.ts";
import { minCrossbars, preset, tiledArch } from "./fixture.ts";

/** Producer pixels (row-major) that output pixel (y, x) of layer i reads from its k-th input. */
function reads(network: Network, i: number, k: number, y: number, x: number): number[] {
  const layer = network.layers[i];
  const p = layer.inputs[k];
  const m: Shape = p < 0 ? network.inputShape : network.layers[p].outShape;
  const s = layer.spec;
  const window = (kh: number, kw: number, sh: number, sw: number, pad: number[], dh: number, dw: number) => {
    const out: number[] = [];
    for (let a = 0; a < kh; a++)
      for (let b = 0; b < kw; b++) {
        const r = y * sh - pad[0] + a * dh;
        const c = x * sw - pad[1] + b * dw;
        if (r >= 0 && r < m.h && c >= 0 && c < m.w) out.push(r * m.w + c);
      }
    return out;
  };
  const all = () => Array.from({ length: m.h * m.w }, (_, n) => n);
  switch (s.kind) {
    case "conv":
      return window(s.kernel[0], s.kernel[1], (s.stride ?? [1, 1])[0], (s.stride ?? [1, 1])[1], s.pad ?? [0, 0], (s.dilation ?? [1, 1])[0], (s.dilation ?? [1, 1])[1]);
    case "pool":
      if (s.global) return all();
      return window(s.kernel![0], s.kernel![1], (s.stride ?? s.kernel!)[0], (s.stride ?? s.kernel!)[1], s.pad ?? [0, 0], 1, 1);
    case "fc":
    case "flatten":
    case "spp":
    case "reduceMean":
      return all();
    case "upsample":
      return [Math.floor(y / s.scale[0]) * m.w + Math.floor(x / s.scale[1])];
    default:
      // Element-wise and channel routing: the same pixel (a 1×1 map broadcasts).
      return m.h * m.w === 1 ? [0] : [y * m.w + x];
  }
}

const EPS = 1e-6;

function check(network: Network, sr: ScheduleRun, transferNs: number, asap: boolean): void {
  const { plan, runs } = sr;
  for (const run of runs) {
    const log = run.tasks!;
    expect(log.dropped).toBe(0);
    // Set ends and task lists from the log only.
    const setEnd = plan.sets.map((S) => new Float64Array(S.count));
    const byCopy = new Map<string, [number, number][]>();
    for (let t = 0; t < log.count; t++) {
      const end = log.startNs[t] + log.durNs[t];
      setEnd[log.layer[t]][log.set[t]] = Math.max(setEnd[log.layer[t]][log.set[t]], end);
      const key = `${log.layer[t]}/${log.copy[t]}`;
      if (!byCopy.has(key)) byCopy.set(key, []);
      byCopy.get(key)!.push([log.startNs[t], end]);
    }
    const layerEnd = setEnd.map((e) => Math.max(0, ...e));
    // A copy (or GPEU lane) runs one task at a time, in the order of stage 3.
    for (const spans of byCopy.values()) for (let j = 1; j < spans.length; j++) expect(spans[j][0]).toBeGreaterThanOrEqual(spans[j - 1][1] - EPS);
    const copyFree = new Map<string, number>();
    for (let t = 0; t < log.count; t++) {
      const i = log.layer[t];
      const L = plan.model.layers[i];
      const transfer = L.role === "route" ? 0 : transferNs;
      const S = plan.sets[i];
      const s = log.set[t];
      const start = log.startNs[t];
      let ready = 0;
      if (run.policy === "layer-by-layer") {
        for (const p of network.layers[i].inputs) if (p >= 0) ready = Math.max(ready, layerEnd[p] + transfer);
      } else {
        const w = network.layers[i].outShape.w;
        const q0 = s * S.setPixels;
        const q1 = Math.min(S.pixels, q0 + S.setPixels);
        network.layers[i].inputs.forEach((p, k) => {
          if (p < 0) return;
          for (let q = q0; q < q1; q++)
            for (const n of reads(network, i, k, Math.floor(q / w), q % w))
              ready = Math.max(ready, setEnd[p][Math.floor(n / plan.sets[p].setPixels)] + transfer);
        });
      }
      expect(start).toBeGreaterThanOrEqual(ready - EPS);
      const key = `${i}/${log.copy[t]}`;
      const free = copyFree.get(key) ?? 0;
      if (asap || run.policy === "layer-by-layer") expect(start).toBeCloseTo(Math.max(ready, free), 6);
      copyFree.set(key, start + log.durNs[t]);
    }
    expect(run.makespanNs).toBeCloseTo(Math.max(...layerEnd), 6);
  }
}

async function scheduled(name: string, shape: Shape | undefined, granularity: Granularity, factor: number, transferNs: number) {
  const { network } = await loadNetwork(name, { inputShape: shape });
  const arch = tiledArch(Math.ceil(minCrossbars(network) * factor));
  const sr = runSchedule(network, arch, preset, { duplication: "greedy", granularity, transferNs, traceTasks: 1e6, baseline: false });
  // Only the first policy records tasks; schedule the other one on its own to check it too.
  const lbl = runSchedule(network, arch, preset, { duplication: "greedy", granularity, transferNs, traceTasks: 1e6, baseline: false, policy: "layer-by-layer" });
  return { network, sr: { ...sr, runs: [sr.runs[0], lbl.runs[0]] } };
}

describe("schedules obey dependencies, copies and ASAP", () => {
  const cases: [string, Shape | undefined][] = [
    ["specs/networks/tiny-dag.json", undefined],
    ["specs/networks/chain4.json", undefined],
    ["tinyyolov3", { c: 3, h: 96, w: 96 }],
    ["tinyyolov4", { c: 3, h: 96, w: 96 }],
    ["resnet18", { c: 3, h: 64, w: 64 }],
  ];
  for (const [name, shape] of cases) {
    it(`${name}: row sets, exact ASAP`, async () => {
      const { network, sr } = await scheduled(name, shape, "row", 2, 0);
      check(network, sr, 0, true);
    });
    it(`${name}: block sets with a transfer latency`, async () => {
      const { network, sr } = await scheduled(name, shape, "block", 1.5, 250);
      check(network, sr, 250, false);
    });
  }
});
