/**
 * Hand-computed CLSA-CIM schedules of 2–3 layer networks, and the small pieces (receptive spans, round-robin
 * tasks, greedy duplication, range maximum) checked against definitions restated here.
 *
 * All networks run on the fixture chip (128×128 crossbars, 2-bit cells, 1-bit DACs, 16-bit data, isaac
 * preset: 100 ns reads) so t_MVM = 16 bit iterations × 100 ns = 1600 ns per output pixel per copy.
 */
import { describe, expect, it } from "vitest";
import { resolveNetwork } from "../../../src/network/resolve.ts";
import type { LayerSpec, Network } from "../../../src/network/types.ts";
import { buildNetworkModel, receptiveField } from "../../../src/mapping/layer-model.ts";
import { scheduleNetwork } from "../../../src/methods/clsa/schedule.ts";
import { producerSpan } from "../../../src/methods/clsa/deps.ts";
import { pixelsPerCopy, taskCopy, taskPixels, tasksOf } from "../../../src/methods/clsa/intra.ts";
import { greedyDuplication } from "../../../src/methods/clsa/greedy.ts";
import { RangeMax } from "../../../src/methods/clsa/range-max.ts";
import { setsOf } from "../../../src/methods/clsa/sets.ts";
import type { ScheduleOptions, ScheduleResult } from "../../../src/methods/clsa/types.ts";
import { POINT, preset, tiledArch } from "./fixture.ts";

const T_MVM = 16 * preset.globals.crossbarReadNs;

function net(name: string, layers: LayerSpec[], shape: [number, number, number] = [1, 4, 4]): Network {
  return resolveNetwork({ schemaVersion: 1, name, input: { name: "x", shape }, layers });
}

const conv = (name: string, extra: Partial<LayerSpec> = {}): LayerSpec =>
  ({ name, kind: "conv", outChannels: 4, kernel: [3, 3], pad: [1, 1, 1, 1], ...extra }) as LayerSpec;

// conv1 → conv2, both 3×3 pad 1 on 4×4 maps (each copy: 9 rows × 4 columns × 8 bit slices = 8 crossbars).
const chain2 = net("chain2", [conv("conv1"), conv("conv2")]);
// conv1 → 2×2/2 max pool → conv2 (3×3 pad 1 on the 2×2 pooled map).
const chain3 = net("chain3", [conv("conv1"), { name: "pool", kind: "pool", method: "max", kernel: [2, 2], stride: [2, 2] }, conv("conv2")]);
// conv1 → conv2 → add(conv2, conv1): a residual skip.
const residual = net("residual", [conv("conv1"), conv("conv2"), { name: "add", kind: "add", inputs: ["conv2", "conv1"] }]);

const arch = tiledArch(64);
const makespans = (r: ScheduleResult) => Object.fromEntries(r.runs.map((x) => [x.policy, x.makespanNs]));
const run = (n: Network, o: ScheduleOptions) => scheduleNetwork(n, arch, preset, { duplication: "none", ...o });

describe("golden schedules (hand-computed)", () => {
  it("t_MVM is bit iterations × read latency", () => {
    expect(run(chain2, {}).timing.mvmRoundNs).toBe(1600);
  });

  it("two convs, one copy each, row sets", () => {
    // conv1 rows (4 pixels = 6400 ns each) end at 6400, 12800, 19200, 25600.
    // conv2 row y needs conv1 rows y−1..y+1: row 0 ready 12800 → 19200; row 1 ready 19200 → 25600;
    // row 2 ready 25600 → 32000; row 3 ready 25600 but its copy is busy until 32000 → 38400.
    // Layer by layer: conv1 0–25600, conv2 25600–51200.
    expect(makespans(run(chain2, {}))).toEqual({ "cross-layer": 38400, "layer-by-layer": 51200 });
  });

  it("two copies of conv1: each row is split over both copies", () => {
    // conv1: pixel q on copy q mod 2, so a row is 2 pixels per copy = 3200 ns; rows end 3200, 6400, 9600, 12800.
    // conv2 (one copy): row 0 ready 6400 → 12800; row 1 ready 9600, copy free 12800 → 19200; rows 2, 3 → 25600, 32000.
    // Layer by layer: conv1 8 pixels per copy = 12800, then conv2 16 pixels = 25600 → 38400.
    expect(makespans(run(chain2, { duplication: [2, 1] }))).toEqual({ "cross-layer": 32000, "layer-by-layer": 38400 });
  });

  it("a 100 ns transfer on every edge", () => {
    // conv2 rows: ready 12900 → 19300; ready 19300 → 25700; ready 25700 → 32100; copy free 32100 → 38500.
    // Layer by layer: 25600 + 100 + 25600 = 51300.
    expect(makespans(run(chain2, { transferNs: 100 }))).toEqual({ "cross-layer": 38500, "layer-by-layer": 51300 });
  });

  it("block sets (one pixel per copy and MVM round) pipeline finer than rows", () => {
    // conv1 pixel k ends at (k+1)·1600. conv2 pixel (y, x) waits for conv1 pixel min(3, y+1)·4 + min(3, x+1):
    // pixels 0–3 wait for conv1 pixels 5, 6, 7, 7 → run 9600–16000; pixels 4–7 wait for 9, 10, 11, 11 → 16000–22400;
    // pixels 8–11 wait for 13, 14, 15, 15 → 22400 (ready) … 28800; pixels 12–15 wait for 13–15, all done → 28800–35200.
    expect(makespans(run(chain2, { granularity: "block" }))).toEqual({ "cross-layer": 35200, "layer-by-layer": 51200 });
  });

  it("layer sets: cross-layer is layer-by-layer", () => {
    expect(makespans(run(chain2, { granularity: "layer" }))).toEqual({ "cross-layer": 51200, "layer-by-layer": 51200 });
  });

  it("a pool between the convs, fixed 1000 ns per GPEU set", () => {
    // pool row 0 needs conv1 rows 0–1 → 12800–13800; pool row 1 needs rows 2–3 → 25600–26600.
    // conv2 (2×2 map, rows of 2 pixels = 3200 ns) needs both pool rows for each of its rows: 26600 → 29800 → 33000.
    // Layer by layer: conv1 25600, pool 2 sets → 27600, conv2 4 pixels → 34000.
    expect(makespans(run(chain3, { gpeuNsPerSet: 1000 }))).toEqual({ "cross-layer": 33000, "layer-by-layer": 34000 });
  });

  it("a pool costed from the preset's ALU row", () => {
    // One pool unit: 4 channels × 2×2 window = 16 elements per output pixel at vectorWidth × rate elements per ns.
    const row = preset.alu.find((r) => r.op === "pool")!;
    const poolPixelNs = 16 / (row.vectorWidth * row.rateGhz!);
    const r = run(chain3, { policy: "layer-by-layer" });
    expect(r.runs[0].makespanNs).toBeCloseTo(25600 + 4 * poolPixelNs + 4 * T_MVM, 9);
  });

  it("a residual add waits for both inputs", () => {
    // add row y needs conv1 row y (ends 6400·(y+1)) and conv2 row y (ends 19200, 25600, 32000, 38400): +1000 each.
    // Layer by layer: 51200 + 4 × 1000.
    expect(makespans(run(residual, { gpeuNsPerSet: 1000 }))).toEqual({ "cross-layer": 39400, "layer-by-layer": 55200 });
  });

  it("reports per-copy busy time and utilisation from the busy crossbars", () => {
    const r = run(chain2, { duplication: [3, 1] });
    const conv1 = r.layers[0];
    // 16 pixels dealt to 3 copies: 6, 5, 5.
    expect(conv1.copyBusyNs).toEqual([6 * T_MVM, 5 * T_MVM, 5 * T_MVM]);
    const busy = (16 * 8 + 16 * 8) * T_MVM;
    expect(r.mapping.crossbarBusyNs).toBe(busy);
    for (const x of r.runs) {
      expect(x.utilisation).toBeCloseTo(busy / (64 * x.makespanNs), 12);
      expect(x.mappedUtilisation).toBeCloseTo(busy / (32 * x.makespanNs), 12);
    }
  });
});

describe("stage pieces", () => {
  const layer = (spec: LayerSpec, shape: [number, number, number]) => net("one", [spec], shape).layers[0];

  it("receptive spans: stride, padding, clipping, upsampling, whole-map layers", () => {
    const c = layer({ name: "c", kind: "conv", outChannels: 1, kernel: [3, 3], stride: [2, 2], pad: [1, 1, 1, 1] }, [1, 8, 8]);
    const rf = receptiveField(c);
    // Output row 0 (4 pixels) reads input rows −1..1 → 0..1, all columns: pixels 0..15.
    expect(producerSpan(rf, 4, 0, 3, { h: 8, w: 8 })).toEqual([0, 15]);
    // Output pixel (1, 2) reads rows 1..3, columns 3..5: pixels 11..29.
    expect(producerSpan(rf, 4, 6, 6, { h: 8, w: 8 })).toEqual([1 * 8 + 3, 3 * 8 + 5]);
    const up = layer({ name: "u", kind: "upsample", scale: [2, 2] }, [1, 3, 3]);
    // Output row 5 of a 2× upsample reads input row 2.
    expect(producerSpan(receptiveField(up), 6, 30, 35, { h: 3, w: 3 })).toEqual([6, 8]);
    const fc = layer({ name: "f", kind: "fc", outFeatures: 3 }, [2, 5, 5]);
    expect(producerSpan(receptiveField(fc), 1, 0, 0, { h: 5, w: 5 })).toEqual([0, 24]);
  });

  it("round-robin tasks deal a set's pixels over the copies", () => {
    // A set of 5 pixels starting at pixel 7 on 3 copies: pixels 7, 8, 9, 10, 11 → copies 1, 2, 0, 1, 2.
    expect(tasksOf(5, 3)).toBe(3);
    expect([0, 1, 2].map((j) => taskCopy(7, j, 3))).toEqual([1, 2, 0]);
    expect([0, 1, 2].map((j) => taskPixels(5, j, 3))).toEqual([2, 2, 1]);
    expect(pixelsPerCopy(setsOf(10, 4), 4)).toEqual([3, 3, 2, 2]);
  });

  it("greedy duplication by hand", () => {
    // chain2: 16 pixels and 8 crossbars per copy for both layers; budget 40 = 16 + 3 copies.
    // (1,1) → conv1 (tie, earlier) → (2,1) → conv2 (16 > 8) → (2,2) → conv1 (tie) → (3,2) → conv2 would need 48.
    const g = greedyDuplication(buildNetworkModel(chain2, POINT), 40);
    expect(g).toMatchObject({ feasible: true, dup: [3, 2], crossbars: 40, minCrossbars: 16, added: 3 });
    expect(greedyDuplication(buildNetworkModel(chain2, POINT), 15).feasible).toBe(false);
  });

  it("range maximum matches a scan", () => {
    const values = Float64Array.from([5, 1, 9, 3, 3, 7, 2, 8, 0, 6, 4]);
    const rm = new RangeMax(values);
    for (let a = 0; a < values.length; a++)
      for (let b = a; b < values.length; b++) expect(rm.max(a, b)).toBe(Math.max(...values.slice(a, b + 1)));
    const up = new RangeMax(Float64Array.from([1, 2, 2, 5]));
    expect(up.max(0, 2)).toBe(2);
  });
});
