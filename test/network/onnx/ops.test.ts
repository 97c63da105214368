/** Operator mapping rules on hand-built models: padding, folding, fusion, routing and opset variants. */
import { describe, expect, it } from "vitest";
import { importOnnxBytes } from "../../../src/network/onnx/import.ts";
import { resolveNetwork } from "../../../src/network/resolve.ts";
import type { LayerSpec } from "../../../src/network/types.ts";
import {
  buildModel, float, floats, floatTensor, int, int64Tensor, ints, node, str, weight, type ModelSpec, type NodeSpec,
} from "./builder.ts";

function imp(m: ModelSpec, inputShape?: { c: number; h: number; w: number }) {
  const { spec, warnings } = importOnnxBytes(buildModel(m), "t.onnx", { inputShape });
  return { spec, warnings, network: resolveNetwork(spec) };
}

/** x: 1×C×H×W (default 1×4×8×8), the given nodes, output `y`. */
function net(nodes: NodeSpec[], extra: Partial<ModelSpec> = {}, dims = [1, 4, 8, 8]): ModelSpec {
  return { inputs: [{ name: "x", dims }, ...(extra.inputs ?? [])], nodes, outputs: ["y"], ...extra, ...(extra.inputs ? { inputs: [{ name: "x", dims }, ...extra.inputs] } : {}) };
}

const strip = (layers: LayerSpec[]) => layers.map(({ name: _n, inputs: _i, ...rest }) => rest);

describe("padding", () => {
  it("folds a Pad into the next conv's pads (opset 11+: pads as an input)", () => {
    const { spec, network } = imp(net([node("Pad", ["x", "p"], ["xp"]), node("Conv", ["xp", "w"], ["y"])], {
      inputs: [weight("w", [2, 4, 3, 3])],
      initializers: [int64Tensor("p", [0, 0, 1, 2, 0, 0, 1, 2])],
    }));
    expect(strip(spec.layers)).toEqual([{ kind: "conv", outChannels: 2, kernel: [3, 3], pad: [1, 2, 1, 2], bias: false }]);
    expect(network.layers[0].outShape).toEqual({ c: 2, h: 8, w: 10 });
  });

  it("folds a Pad given as an attribute (opset 10) and adds it to the conv's own pads", () => {
    const { spec } = imp(net([node("Pad", ["x"], ["xp"], { pads: ints([0, 0, 1, 1, 0, 0, 1, 1]) }), node("Conv", ["xp", "w"], ["y"], { pads: ints([1, 0, 1, 0]) })], {
      opset: 10,
      inputs: [weight("w", [2, 4, 3, 3])],
    }));
    expect(spec.layers[0]).toMatchObject({ kind: "conv", pad: [2, 1, 2, 1] });
  });

  it("a Pad folded into AveragePool counts the padded zeros (PyTorch's count_include_pad export)", () => {
    const { spec } = imp(net([node("Pad", ["x", "p"], ["xp"]), node("AveragePool", ["xp"], ["y"], { kernel_shape: ints([3, 3]), strides: ints([1, 1]) })], {
      initializers: [int64Tensor("p", [0, 0, 1, 1, 0, 0, 1, 1], [8], true)],
    }));
    expect(strip(spec.layers)).toEqual([{ kind: "pool", method: "avg", kernel: [3, 3], stride: [1, 1], pad: [1, 1, 1, 1], countIncludePad: true }]);
  });

  it.each([
    ["SAME_UPPER", [0, 0, 1, 1]],
    ["SAME_LOWER", [1, 1, 0, 0]],
    ["VALID", undefined],
  ])("auto_pad %s becomes explicit pads", (autoPad, pads) => {
    const { spec, network } = imp(net([node("Conv", ["x", "w"], ["y"], { auto_pad: str(autoPad as string), strides: ints([2, 2]) })], { inputs: [weight("w", [2, 4, 3, 3])] }));
    expect((spec.layers[0] as { pad?: number[] }).pad).toEqual(pads);
    // SAME: ceil(8 / 2) = 4; VALID: floor((8 - 3) / 2) + 1 = 3
    expect(network.layers[0].outShape.h).toBe(autoPad === "VALID" ? 3 : 4);
  });

  it("ceil_mode drops a last window that would start in the padding, as PyTorch does", () => {
    const { network } = imp(net([node("MaxPool", ["x"], ["y"], { kernel_shape: ints([2, 2]), strides: ints([2, 2]), pads: ints([1, 1, 1, 1]), ceil_mode: int(1) })], {}, [1, 4, 5, 5]));
    // ceil((5 + 2 − 2) / 2) + 1 = 4 windows, but the 4th would start at 6 ≥ 5 + 1: 3 remain.
    expect(network.layers[0].outShape).toEqual({ c: 4, h: 3, w: 3 });
    expect(network.layers[0].spec).toMatchObject({ ceilMode: true });
  });
});

describe("activations and folding", () => {
  const convThen = (act: NodeSpec[], extra: Partial<ModelSpec> = {}) =>
    net([node("Conv", ["x", "w"], ["c"], {}, "conv"), ...act], { inputs: [weight("w", [2, 4, 1, 1])], ...extra });

  it.each([
    [11, [0, 6], "relu6"],
    [11, [0, undefined], "relu"],
    [11, [-1, 1], "clip"],
  ])("opset %i Clip%j fuses into the conv as %s", (opset, [min, max], fn) => {
    const inputs = ["c", min === undefined ? "" : "min", max === undefined ? "" : "max"];
    const initializers = [floatTensor("min", [min ?? 0], []), floatTensor("max", [max ?? 0], [])];
    const { spec } = imp(convThen([node("Clip", inputs, ["y"])], { opset, initializers }));
    expect(spec.layers).toHaveLength(1);
    expect(spec.layers[0]).toMatchObject({ kind: "conv", activation: fn });
  });

  it("opset 10 Clip reads min/max attributes", () => {
    const { spec } = imp(convThen([node("Clip", ["c"], ["y"], { min: float(0), max: float(6) })], { opset: 10 }));
    expect(spec.layers[0]).toMatchObject({ activation: "relu6" });
  });

  it("an activation stays a layer when the conv output has another consumer", () => {
    const { spec } = imp(convThen([node("LeakyRelu", ["c"], ["r"], { alpha: float(0.1) }, "leaky"), node("Add", ["r", "c"], ["y"], {}, "add")]));
    expect(spec.layers.map((l) => l.kind)).toEqual(["conv", "activation", "add"]);
    expect(spec.layers[1]).toMatchObject({ fn: "leakyRelu" });
    expect(spec.layers[1].inputs).toBeUndefined(); // the previous layer: omitted
    expect(spec.layers[2].inputs).toEqual(["leaky", "conv"]);
  });

  it("x·hardσ(x) is HardSwish; the HardSwish op too", () => {
    const gated = imp(convThen([node("HardSigmoid", ["c"], ["h"]), node("Mul", ["c", "h"], ["y"])]));
    expect(gated.spec.layers).toEqual([expect.objectContaining({ kind: "conv", activation: "hardSwish" })]);
    const op = imp(convThen([node("HardSwish", ["c"], ["y"])]));
    expect(op.spec.layers[0]).toMatchObject({ activation: "hardSwish" });
  });

  it("BatchNormalization after a conv with another consumer is an affine layer", () => {
    const bn = (x: string, y: string) => node("BatchNormalization", [x, "s", "b", "m", "v"], [y], {}, "bn");
    const params = ["s", "b", "m", "v"].map((n) => weight(n, [2]));
    const { spec } = imp(net([node("Conv", ["x", "w"], ["c"], {}, "conv"), bn("c", "n"), node("Add", ["n", "c"], ["y"], {}, "add")], {
      inputs: [weight("w", [2, 4, 1, 1]), ...params],
    }));
    expect(spec.layers.map((l) => l.kind)).toEqual(["conv", "affine", "add"]);
    expect(spec.layers[0]).toMatchObject({ bias: false });
  });

  it("input normalization (x − mean) / std merges into one affine layer", () => {
    const { spec } = imp(net([node("Sub", ["x", "mean"], ["s"]), node("Div", ["s", "std"], ["d"]), node("Conv", ["d", "w"], ["y"])], {
      inputs: [weight("w", [2, 4, 1, 1])],
      initializers: [floatTensor("mean", [0.4, 0.4, 0.4, 0.4], [1, 4, 1, 1]), floatTensor("std", [0.2, 0.2, 0.2, 0.2], [1, 4, 1, 1])],
    }));
    expect(spec.layers.map((l) => l.kind)).toEqual(["affine", "conv"]);
  });

  it("MatMul + Add(bias) is one fc with a bias; Gemm transB reads the weight transposed", () => {
    const mm = imp(net([node("MatMul", ["x", "W"], ["m"]), node("Add", ["m", "B"], ["y"])], { inputs: [weight("W", [16, 5]), weight("B", [5])] }, [1, 16]));
    expect(strip(mm.spec.layers)).toEqual([{ kind: "fc", outFeatures: 5, bias: true }]);
    const gemm = imp(net([node("Gemm", ["x", "W", "B"], ["y"], { transB: int(1) })], { inputs: [weight("W", [7, 16]), weight("B", [7])] }, [1, 16]));
    expect(strip(gemm.spec.layers)).toEqual([{ kind: "fc", outFeatures: 7, bias: true }]);
    expect(gemm.network.totals.fcMacs).toBe(16 * 7);
  });

  it("a final Softmax is dropped with a warning", () => {
    const { spec, warnings } = imp(net([node("Gemm", ["x", "W"], ["g"]), node("Softmax", ["g"], ["y"], {}, "softmax")], { inputs: [weight("W", [16, 3])] }, [1, 16]));
    expect(spec.layers.map((l) => l.kind)).toEqual(["fc"]);
    expect(warnings).toEqual(["node 'softmax' (Softmax): the final normalization is dropped (no MACs; pimsyn has no softmax layer)"]);
  });
});

describe("routing and shape programs", () => {
  it("squeeze-excite: Mul(1×C×1×1, 1×C×H×W) becomes mul with the scale second", () => {
    const { spec, network } = imp(net([node("GlobalAveragePool", ["x"], ["g"], {}, "gap"), node("Sigmoid", ["g"], ["s"]), node("Mul", ["s", "x"], ["y"], {}, "scale")]));
    expect(spec.layers.map((l) => l.kind)).toEqual(["pool", "activation", "mul"]);
    expect(spec.layers[2].inputs).toEqual(["x", "s"]);
    expect(network.layers[2].outShape).toEqual({ c: 4, h: 8, w: 8 });
  });

  it("channel shuffle (Reshape → Transpose → Reshape) passes through without a layer", () => {
    const { spec, network } = imp(net([
      node("Conv", ["x", "w"], ["c"], {}, "conv"),
      node("Reshape", ["c", "s5"], ["r5"]),
      node("Transpose", ["r5"], ["t5"], { perm: ints([0, 2, 1, 3, 4]) }),
      node("Reshape", ["t5", "s4"], ["r4"]),
      node("Relu", ["r4"], ["y"]),
    ], { inputs: [weight("w", [6, 4, 1, 1])], initializers: [int64Tensor("s5", [1, 2, 3, 8, 8]), int64Tensor("s4", [1, -1, 8, 8])] }));
    expect(spec.layers).toEqual([expect.objectContaining({ kind: "conv", activation: "relu" })]);
    expect(network.layers[0].outShape).toEqual({ c: 6, h: 8, w: 8 });
  });

  it("Split along channels becomes slices (sizes from the input at opset 13, equal parts at 18)", () => {
    const split13 = imp(net([node("Split", ["x", "sizes"], ["a", "b"], { axis: int(1) }, "split"), node("Add", ["a", "b"], ["y"])], {
      opset: 13,
      initializers: [int64Tensor("sizes", [2, 2])],
    }));
    expect(strip(split13.spec.layers)).toEqual([
      { kind: "slice", channelStart: 0, channelEnd: 2 },
      { kind: "slice", channelStart: 2, channelEnd: 4 },
      { kind: "add" },
    ]);
    const split18 = imp(net([node("Split", ["x"], ["a", "b"], { axis: int(1), num_outputs: int(2) }, "split"), node("Concat", ["b", "a"], ["y"], { axis: int(1) })], { opset: 18 }));
    expect(split18.spec.layers.map((l) => l.kind)).toEqual(["slice", "slice", "concat"]);
    expect(split18.network.layers[2].outShape).toEqual({ c: 4, h: 8, w: 8 });
  });

  it("Shape → Gather → Unsqueeze → Concat → Reshape evaluates statically into a flatten", () => {
    const { spec, network } = imp(net([
      node("Shape", ["x"], ["shape"]),
      node("Gather", ["shape", "zero"], ["n"], { axis: int(0) }),
      node("Unsqueeze", ["n", "axes"], ["n1"]),
      node("Concat", ["n1", "minus1"], ["target"], { axis: int(0) }),
      node("Reshape", ["x", "target"], ["y"], {}, "flatten"),
    ], { initializers: [int64Tensor("zero", [0], []), int64Tensor("axes", [0]), int64Tensor("minus1", [-1])] }));
    expect(strip(spec.layers)).toEqual([{ kind: "flatten" }]);
    expect(network.layers[0].outShape).toEqual({ c: 256, h: 1, w: 1 });
  });

  it("ReduceMean over H, W (axes as attribute before opset 18, as input from 18) then Squeeze/Gemm", () => {
    for (const opset of [17, 18]) {
      const reduce = opset < 18 ? node("ReduceMean", ["x"], ["r"], { axes: ints([2, 3]) }) : node("ReduceMean", ["x", "axes"], ["r"]);
      const { spec } = imp(net([reduce, node("Squeeze", ["r", "axes"], ["s"]), node("Gemm", ["s", "W"], ["y"])], {
        opset,
        inputs: [weight("W", [4, 3])],
        initializers: [int64Tensor("axes", [2, 3])],
      }));
      expect(spec.layers.map((l) => l.kind)).toEqual(["reduceMean", "fc"]);
    }
  });

  it("Resize by sizes, Upsample by attribute (opset 7) and by input (opset 9) give integer upsampling", () => {
    const bySizes = imp(net([node("Resize", ["x", "", "", "sizes"], ["y"])], { initializers: [int64Tensor("sizes", [1, 4, 16, 24])] }));
    expect(strip(bySizes.spec.layers)).toEqual([{ kind: "upsample", scale: [2, 3] }]);
    const v7 = imp(net([node("Upsample", ["x"], ["y"], { scales: floats([1, 1, 2, 2]) })], { opset: 7 }));
    expect(v7.network.layers[0].outShape).toEqual({ c: 4, h: 16, w: 16 });
    const v9 = imp(net([node("Upsample", ["x", "scales"], ["y"], { mode: str("linear") }, "up")], { opset: 9, initializers: [floatTensor("scales", [1, 1, 2, 2])] }));
    expect(v9.spec.layers[0]).toMatchObject({ kind: "upsample", scale: [2, 2] });
    expect(v9.warnings).toEqual(["node 'up' (Upsample): mode 'linear' is modeled as nearest-neighbour upsampling (same output shape, no MACs)"]);
  });

  it("warns where value_info disagrees with pimsyn's shapes", () => {
    const { warnings } = imp(net([node("Conv", ["x", "w"], ["y"], {}, "conv")], {
      inputs: [weight("w", [2, 4, 3, 3])],
      outputs: [{ name: "y", dims: [1, 2, 8, 8] }],
    }));
    expect(warnings).toEqual(["value_info gives 'y' shape [1,2,8,8] but pimsyn infers 2×6×6 (layer 'conv')"]);
  });

  it("warns that a batch above 1 is mapped as one image", () => {
    const { warnings, network } = imp(net([node("Relu", ["x"], ["y"])], {}, [8, 4, 8, 8]));
    expect(warnings).toEqual(["input 'x' has batch 8; pimsyn maps one image (batch 1)"]);
    expect(network.inputShape).toEqual({ c: 4, h: 8, w: 8 });
  });
});
