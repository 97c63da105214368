/** Every way an ONNX file can be rejected: one UserError naming the file, never a stack trace. */
import { describe, expect, it } from "vitest";
import type { UserError } from "../../../src/errors.ts";
import { userError } from "../helpers.ts";
import { importOnnx, importOnnxBytes } from "../../../src/network/onnx/import.ts";
import { buildModel, encode, ints, modelObject, node, weight, type ModelSpec } from "./builder.ts";

const FILE = "bad.onnx";


/** x (1×3×8×8) → Conv 3×3 → Relu: valid; tests change one thing. */
function base(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    inputs: [{ name: "x", dims: [1, 3, 8, 8] }, weight("w", [4, 3, 3, 3])],
    nodes: [node("Conv", ["x", "w"], ["c"], { pads: ints([1, 1, 1, 1]) }, "conv"), node("Relu", ["c"], ["y"], {}, "relu")],
    outputs: ["y"],
    ...overrides,
  };
}

function rejects(m: ModelSpec | Uint8Array): UserError {
  const bytes = m instanceof Uint8Array ? m : buildModel(m);
  const e = userError(() => importOnnxBytes(bytes, FILE));
  expect(e.file).toBe(FILE);
  expect(e.toLine()).not.toContain("\n");
  return e;
}

describe("ONNX import errors", () => {
  it("the base model is valid (so each case below fails for its one change)", () => {
    const { spec } = importOnnxBytes(buildModel(base()), FILE);
    expect(spec.layers).toEqual([{ name: "conv", kind: "conv", outChannels: 4, kernel: [3, 3], pad: [1, 1, 1, 1], bias: false, activation: "relu" }]);
  });

  it("lists every unsupported op type with its count and first node names", () => {
    const m = base();
    m.nodes.push(
      node("LSTM", ["y"], ["l0"], {}, "lstm_0"),
      node("LSTM", ["l0"], ["l1"], {}, "lstm_1"),
      node("GRU", ["l1"], ["g"], {}, "gru_0"),
      { op: "FusedConv", inputs: ["g"], outputs: ["f"], name: "fc_ms", domain: "com.microsoft" },
    );
    const e = rejects(m);
    expect(e.message).toBe("unsupported ONNX ops: LSTM ×2 (nodes lstm_0, lstm_1); GRU ×1 (node gru_0); com.microsoft.FusedConv ×1 (node fc_ms)");
  });

  it("shortens long lists of node names", () => {
    const m = base();
    for (let k = 0; k < 5; k++) m.nodes.push(node("Einsum", ["y"], [`e${k}`], {}, `einsum_${k}`));
    expect(rejects(m).message).toBe("unsupported ONNX ops: Einsum ×5 (nodes einsum_0, einsum_1, einsum_2, …)");
  });

  it.each([6, 22])("rejects ai.onnx opset %i", (opset) => {
    const e = rejects(base({ opset }));
    expect(e.message).toMatch(new RegExp(`^ai.onnx opset ${opset} is not supported; pimsyn reads opsets 7 to 21`));
    expect(e.pointer).toBe("/opset_import");
  });

  it("rejects a model without a default-domain opset", () => {
    expect(rejects(base({ opsetDomain: "com.example" })).message).toMatch(/imports no ai.onnx opset/);
  });

  it("rejects a model without a graph", () => {
    expect(rejects(base({ omitGraph: true })).message).toBe("not a valid ONNX model: it has no graph");
  });

  it("asks for --input-shape when the input has dynamic dims", () => {
    const m = base({ inputs: [{ name: "x", dims: ["N", 3, "H", "W"] }, weight("w", [4, 3, 3, 3])] });
    const e = rejects(m);
    expect(e.message).toBe("input 'x' has dynamic shape [N,3,H,W]; pass --input-shape CxHxW");
    expect(e.pointer).toBe("--input-shape");
    // ...and imports once it is given.
    const { spec } = importOnnxBytes(buildModel(m), FILE, { inputShape: { c: 3, h: 16, w: 16 } });
    expect(spec.input.shape).toEqual([3, 16, 16]);
  });

  it("treats a zero dim as dynamic", () => {
    const m = base({ inputs: [{ name: "x", dims: [1, 3, 0, 8] }, weight("w", [4, 3, 3, 3])] });
    expect(rejects(m).message).toBe("input 'x' has dynamic shape [1,3,?,8]; pass --input-shape CxHxW");
  });

  it("rejects truncated bytes", () => {
    const bytes = buildModel(base());
    const e = rejects(bytes.slice(0, bytes.length - 7));
    expect(e.message).toMatch(/^not a valid ONNX model: protobuf decoding failed \(.+\); is the file truncated\?$/);
  });

  it("rejects bytes that are not protobuf", () => {
    expect(rejects(new TextEncoder().encode("this is a text file, not a model\n")).message).toMatch(/^not a valid ONNX model/);
  });

  it("rejects a node reading a tensor nothing provides", () => {
    const m = base();
    m.nodes[1] = node("Add", ["c", "ghost"], ["y"], {}, "add");
    const e = rejects(m);
    expect(e.message).toBe("node 'add' (Add) reads 'ghost', which no node, initializer or graph input provides");
    expect(e.pointer).toBe("/graph/node/1");
  });

  it("rejects a cycle", () => {
    const m = base();
    m.nodes = [node("Add", ["x", "b"], ["a"], {}, "first"), node("Relu", ["a"], ["b"], {}, "second")];
    m.outputs = ["b"];
    expect(rejects(m).message).toMatch(/^the graph has a cycle through node '(first|second)'/);
  });

  it("rejects a tensor written twice", () => {
    const m = base();
    m.nodes.push(node("Relu", ["c"], ["y"], {}, "again"));
    expect(rejects(m).message).toBe("node 'again' (Relu) writes 'y', which another node, initializer or graph input already provides");
  });

  it("rejects a Pad that no conv or pool can absorb", () => {
    const m = base();
    m.nodes = [node("Pad", ["x", "p"], ["xp"], {}, "pad"), node("Relu", ["xp"], ["y"], {}, "relu")];
    m.initializers = [{ name: "p", dims: [8], data_type: 7, int64_data: [0, 0, 1, 1, 0, 0, 1, 1] }];
    expect(rejects(m).message).toBe("node 'relu' (Relu): the Pad node 'pad' before it cannot be folded: only Conv, MaxPool and AveragePool absorb padding");
  });

  it("rejects a conv whose weight does not fit the input channels", () => {
    const m = base({ inputs: [{ name: "x", dims: [1, 3, 8, 8] }, weight("w", [4, 2, 3, 3])] });
    const e = rejects(m);
    expect(e.message).toBe("node 'conv' (Conv): weight [4, 2, 3, 3] with group 1 does not fit 3 input channels");
    expect(e.pointer).toBe("/graph/node/0");
  });

  it("rejects a reshape that would change what layers compute", () => {
    const m = base();
    m.nodes.push(node("Reshape", ["y", "shape"], ["r"], {}, "reshape"));
    m.initializers = [{ name: "shape", dims: [4], data_type: 7, int64_data: [1, 8, 8, 4] }];
    m.outputs = ["r"];
    expect(rejects(m).message).toMatch(/^node 'reshape' \(Reshape\): reshape \[1, 4, 8, 8\] → \[1, 8, 8, 4\] is not supported/);
  });

  it("rejects a model with two data inputs", () => {
    const m = base();
    m.inputs.push({ name: "x2", dims: [1, 4, 8, 8] });
    m.nodes.push(node("Add", ["y", "x2"], ["s"], {}, "add"));
    m.outputs = ["s"];
    expect(rejects(m).message).toBe("the model has 2 data inputs ('x', 'x2'); pimsyn supports exactly one");
  });

  it("rejects an input that is neither an image nor a vector", () => {
    expect(rejects(base({ inputs: [{ name: "x", dims: [1, 3, 8] }, weight("w", [4, 3, 3, 3])] })).message).toMatch(/^input 'x' has rank 3/);
  });

  it("rejects a Softmax inside the network", () => {
    const m = base();
    m.nodes.splice(1, 0, node("Softmax", ["c"], ["s"], {}, "softmax"));
    m.nodes[2] = node("Relu", ["s"], ["y"], {}, "relu");
    expect(rejects(m).message).toBe("node 'softmax' (Softmax): is supported only as the network's final output");
  });

  it("rejects fractional upsampling", () => {
    const m = base();
    m.nodes.push(node("Resize", ["y", "", "scales"], ["u"], {}, "resize"));
    m.initializers = [{ name: "scales", dims: [4], data_type: 1, float_data: [1, 1, 1.5, 1.5] }];
    m.outputs = ["u"];
    expect(rejects(m).message).toBe("node 'resize' (Resize): only integer upsampling factors are supported; found 1.5 × 1.5");
  });

  it("rejects a graph output that does not depend on the input", () => {
    const m = base();
    m.outputs = ["y", "w"];
    expect(rejects(m).message).toBe("graph output 'w' is a constant, not computed from the input");
  });

  it("rejects an activation that is gathered from", () => {
    const m = base();
    m.nodes.push(node("Gather", ["y", "idx"], ["g"], {}, "gather"));
    m.initializers = [{ name: "idx", dims: [1], data_type: 7, int64_data: [0] }];
    m.outputs = ["g"];
    expect(rejects(m).message).toBe("node 'gather' (Gather): gathering from an activation is not supported");
  });

  it("names a missing file", () => {
    const e = userError(() => importOnnx("/nonexistent/model.onnx"));
    expect(e.toLine()).toBe("/nonexistent/model.onnx: no such file");
  });

  it("rejects an initializer with negative dims", () => {
    const obj = modelObject(base());
    (obj.graph as { initializer: unknown[] }).initializer = [{ name: "w", dims: [4, -3, 3, 3], data_type: 1 }];
    expect(rejects(encode(obj)).message).toBe("initializer 'w' has invalid dims [4, -3, 3, 3]");
  });
});
