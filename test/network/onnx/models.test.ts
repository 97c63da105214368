/**
 * torchvision models exported by tools/export-onnx.py (graph-only, opset 17 unless named otherwise) import
 * with the MACs torchvision's models have, layer by layer where the zoo has the same network.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeModel } from "../../../src/network/onnx/decode.ts";
import { importOnnx, importOnnxBytes } from "../../../src/network/onnx/import.ts";
import { resolveNetwork } from "../../../src/network/resolve.ts";
import type { Layer, Network } from "../../../src/network/types.ts";
import { ZOO } from "../../../src/network/zoo/zoo.ts";

const fixture = (name: string) => new URL(`../../fixtures/onnx/${name}.onnx`, import.meta.url).pathname;

function load(name: string, inputShape?: { c: number; h: number; w: number }): Network {
  const { spec, warnings } = importOnnx(fixture(name), { inputShape });
  expect(warnings).toEqual([]);
  return resolveNetwork(spec);
}

const weighted = (n: Network) => n.layers.filter((l) => l.kind === "conv" || l.kind === "fc");
const profile = (l: Layer) => ({ kind: l.kind, macs: l.macs, weights: l.weights, outShape: l.outShape, matrix: l.matrix });

describe("torchvision models imported from ONNX", () => {
  it.each([
    ["alexnet", 655_566_528, 58_621_952],
    ["resnet18", 1_813_561_344, 512_000],
    ["resnet50", 4_087_136_256, 2_048_000],
    ["vgg16", 15_346_630_656, 123_633_664],
  ])("%s has torchvision's conv and fc MACs", (name, convMacs, fcMacs) => {
    const n = load(name);
    expect(n.totals.convMacs).toBe(convMacs);
    expect(n.totals.fcMacs).toBe(fcMacs);
  });

  it.each([
    ["alexnet", "alexnet"],
    ["resnet18", "resnet18"],
    ["resnet50", "resnet50"],
    ["vgg16", "vgg16"],
    ["mobilenet_v2", "mobilenetv2"],
  ])("%s matches the zoo's %s conv/fc layer by layer", (file, zooName) => {
    const imported = weighted(load(file)).map(profile);
    const zoo = weighted(resolveNetwork(ZOO[zooName].build())).map(profile);
    expect(imported).toEqual(zoo);
  });

  it("mobilenet_v2: 300,774,272 MACs, derived from torchvision's inverted-residual table", () => {
    // Stem conv 3→32 (3×3, stride 2) at 224 → 112; blocks (t, c, n, s); 1×1 conv 320→1280 at 7×7; fc 1280→1000.
    const blocks = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]];
    let hw = 112;
    let c = 32;
    let conv = 32 * 3 * 9 * 112 * 112;
    for (const [t, out, n, s] of blocks) {
      for (let k = 0; k < n; k++) {
        const stride = k === 0 ? s : 1;
        const hidden = c * t;
        const hwOut = Math.floor((hw - 1) / stride) + 1;
        if (t !== 1) conv += hidden * c * hw * hw; // expand 1×1
        conv += hidden * 9 * hwOut * hwOut; // depthwise 3×3
        conv += out * hidden * hwOut * hwOut; // project 1×1
        [c, hw] = [out, hwOut];
      }
    }
    conv += 1280 * 320 * 7 * 7;
    const n = load("mobilenet_v2");
    expect(n.totals.convMacs).toBe(conv);
    expect(n.totals.fcMacs).toBe(1280 * 1000);
    expect(n.totals.macs).toBe(300_774_272);
    expect(n.layers.filter((l) => l.spec.kind === "conv" && l.spec.groups === l.inShapes[0].c && l.spec.groups > 1)).toHaveLength(17);
    expect(n.layers.filter((l) => l.spec.kind === "conv" && l.spec.activation === "relu6")).toHaveLength(35);
  });

  it("squeezenet1_1: 349,151,936 MACs, derived from its fire modules (classifier is a 1×1 conv, no fc)", () => {
    const fire = (inC: number, sq: number, e: number, hw: number) => sq * inC * hw * hw + e * sq * hw * hw + e * sq * 9 * hw * hw;
    const conv =
      64 * 3 * 9 * 111 * 111 + // conv1 3×3 stride 2: 224 → 111; max pool (ceil) → 55
      fire(64, 16, 64, 55) + fire(128, 16, 64, 55) + // max pool → 27
      fire(128, 32, 128, 27) + fire(256, 32, 128, 27) + // max pool → 13
      fire(256, 48, 192, 13) + fire(384, 48, 192, 13) + fire(384, 64, 256, 13) + fire(512, 64, 256, 13) +
      1000 * 512 * 13 * 13; // classifier conv 1×1 → 1000, then global average pool
    const n = load("squeezenet1_1");
    expect(n.totals.convMacs).toBe(conv);
    expect(n.totals.macs).toBe(349_151_936);
    expect(n.totals.fcMacs).toBe(0);
  });

  it("resnet18: every BatchNormalization folds into its conv (no affine layers, every conv gets a bias)", () => {
    const n = load("resnet18");
    expect(n.layers.filter((l) => l.kind === "affine")).toEqual([]);
    const convs = n.layers.filter((l) => l.spec.kind === "conv");
    expect(convs).toHaveLength(20);
    expect(convs.every((l) => l.spec.kind === "conv" && l.spec.bias === true)).toBe(true);
    // ReLU after the residual add fuses into the add (8 blocks); no standalone activation layers remain.
    expect(n.layers.filter((l) => l.spec.kind === "add" && l.spec.activation === "relu")).toHaveLength(8);
    expect(n.layers.filter((l) => l.kind === "activation")).toEqual([]);
  });

  it("resnet18 exported at opset 11 gives the same layers as at opset 17", () => {
    const a = importOnnx(fixture("resnet18")).spec;
    const b = importOnnx(fixture("resnet18_opset11")).spec;
    expect(b.layers).toEqual(a.layers);
    expect(b.source).toMatch(/opset 11$/);
  });

  it("efficientnet_b0: SiLU (x·σ(x)) becomes one activation and squeeze-excite a channel mul", () => {
    const n = load("efficientnet_b0");
    const act = (fn: string) => n.layers.filter((l) => "activation" in l.spec && l.spec.activation === fn);
    // 65 Sigmoid nodes: 49 are SiLU gates (fused into convs), 16 are the SE gates (fused into the SE's 2nd conv).
    expect(act("silu")).toHaveLength(49);
    expect(act("sigmoid")).toHaveLength(16);
    const muls = n.layers.filter((l) => l.kind === "mul");
    expect(muls).toHaveLength(16);
    for (const m of muls) expect(m.inShapes[1]).toEqual({ c: m.inShapes[0].c, h: 1, w: 1 });
    expect(n.layers.filter((l) => l.kind === "activation")).toEqual([]);
    // torchvision documents 0.39 GFLOPS (multiply-adds) for efficientnet_b0.
    expect(n.totals.macs / 1e9).toBeCloseTo(0.39, 2);
  });

  it("shufflenet_v2_x0_5: the channel shuffle maps to nothing, channel splits to slices", () => {
    const n = load("shufflenet_v2_x0_5");
    const count = (kind: string) => n.layers.filter((l) => l.kind === kind).length;
    expect(count("conv")).toBe(56);
    expect(count("concat")).toBe(16); // one per unit: the shuffle's Reshape/Transpose/Reshape left no trace
    expect(count("slice")).toBe(26); // the 13 stride-1 units split their input in two halves
    expect(n.layers.filter((l) => l.spec.kind === "slice").map((l) => l.outShape.c * 2)).toEqual(
      n.layers.filter((l) => l.spec.kind === "slice").map((l) => l.inShapes[0].c),
    );
    // torchvision documents 0.04 GFLOPS for shufflenet_v2_x0_5.
    expect(n.totals.macs / 1e9).toBeCloseTo(0.04, 2);
  });

  it("dynamic-shape shufflenet folds its Shape→Gather→Concat→Reshape chains for any --input-shape", () => {
    const fixed = importOnnx(fixture("shufflenet_v2_x0_5")).spec;
    const dynamic = importOnnx(fixture("shufflenet_v2_x0_5_dynamic"), { inputShape: { c: 3, h: 224, w: 224 } }).spec;
    expect(dynamic.layers).toEqual(fixed.layers);
    const small = load("shufflenet_v2_x0_5_dynamic", { c: 3, h: 96, w: 96 });
    expect(small.inputShape).toEqual({ c: 3, h: 96, w: 96 });
    expect(small.layers.at(-1)!.outShape).toEqual({ c: 1000, h: 1, w: 1 });
  });

  it("a file with real initializers: weights are read for their dims only, as views of the file", () => {
    const bytes = readFileSync(fixture("tiny_cnn_weights"));
    const model = decodeModel(bytes, "tiny.onnx");
    const conv1 = model.graph!.initializer.find((t) => t.name === "conv1.weight")!;
    expect(conv1.raw_data!.length).toBe(8 * 3 * 3 * 3 * 4);
    expect(conv1.raw_data!.buffer).toBe(bytes.buffer); // no copy
    const n = resolveNetwork(importOnnxBytes(bytes, "tiny.onnx").spec);
    // conv 3→8 3×3 pad 1 at 32², max pool 2, conv 8→16 3×3 stride 2 at 16² → 7², global pool, fc 16→10
    expect(weighted(n).map((l) => l.macs)).toEqual([8 * 27 * 32 * 32, 16 * 72 * 7 * 7, 160]);
    expect(n.layers.map((l) => l.kind)).toEqual(["conv", "pool", "conv", "pool", "fc"]);
  });
});
