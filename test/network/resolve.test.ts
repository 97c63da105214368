import { describe, expect, it } from "vitest";
import { resolveNetwork } from "../../src/network/resolve.ts";
import type { LayerSpec } from "../../src/network/types.ts";
import { spec, userError } from "./helpers.ts";

const conv = (name: string, outChannels: number, k: number, extra: Partial<LayerSpec> = {}): LayerSpec =>
  ({ name, kind: "conv", outChannels, kernel: [k, k], ...extra }) as LayerSpec;
const out = (layers: LayerSpec[], shape?: [number, number, number]) => resolveNetwork(spec(layers, shape)).layers.at(-1)!.outShape;

describe("shape inference", () => {
  it("conv: floor((H + pads − dilation·(k−1) − 1) / stride) + 1, weights and MACs", () => {
    const n = resolveNetwork(spec([conv("c", 64, 11, { stride: [4, 4], pad: [2, 2, 2, 2] })], [3, 224, 224]));
    const c = n.layers[0];
    expect(c.outShape).toEqual({ c: 64, h: 55, w: 55 });
    expect(c.weights).toBe(11 * 11 * 3 * 64);
    expect(c.macs).toBe(11 * 11 * 3 * 64 * 55 * 55);
    expect(c.ops).toBe(2 * c.macs);
    expect(c.matrix).toEqual({ rows: 363, cols: 64, groups: 1 });
  });

  it("conv: asymmetric pads, rectangular stride and dilation", () => {
    // H: 10 + 1 + 0 − 2·2 − 1 = 6 → 6/1 + 1 = 7; W: 9 + 0 + 2 − 1·2 − 1 = 8 → 8/3 = 2 + 1 = 3
    expect(out([conv("c", 4, 3, { pad: [1, 0, 0, 2], stride: [1, 3], dilation: [2, 1] })], [2, 10, 9])).toEqual({ c: 4, h: 7, w: 3 });
  });

  it("conv: groups split the matrix; depthwise has one column per group", () => {
    const g = resolveNetwork(spec([conv("g", 64, 3, { groups: 4, pad: [1, 1, 1, 1] })], [32, 8, 8])).layers[0];
    expect(g.matrix).toEqual({ rows: 3 * 3 * 8, cols: 16, groups: 4 });
    expect(g.weights).toBe(3 * 3 * 8 * 64);
    const dw = resolveNetwork(spec([conv("dw", 32, 3, { groups: 32, pad: [1, 1, 1, 1] })], [32, 8, 8])).layers[0];
    expect(dw.matrix).toEqual({ rows: 9, cols: 1, groups: 32 });
    expect(dw.macs).toBe(9 * 32 * 64);
  });

  it("pool: stride defaults to the kernel; global pool gives C×1×1", () => {
    expect(out([{ name: "p", kind: "pool", method: "max", kernel: [2, 2] }], [8, 9, 9])).toEqual({ c: 8, h: 4, w: 4 });
    expect(out([{ name: "p", kind: "pool", method: "avg", global: true }], [8, 9, 7])).toEqual({ c: 8, h: 1, w: 1 });
  });

  it("pool ceilMode follows PyTorch, including dropping a last window that starts in the right padding", () => {
    const pool = (h: number, k: number, s: number, p: number, ceilMode: boolean) =>
      out([{ name: "p", kind: "pool", method: "max", kernel: [k, k], stride: [s, s], pad: [p, p, p, p], ceilMode }], [1, h, h]).h;
    expect(pool(112, 3, 2, 0, false)).toBe(55);
    expect(pool(112, 3, 2, 0, true)).toBe(56); // GoogLeNet's pool1
    expect(pool(6, 3, 2, 1, true)).toBe(4);
    expect(pool(6, 3, 2, 1, false)).toBe(3);
    // ceil((5 + 2 − 2) / 2) + 1 = 4, but the 4th window would start at 6 − 1 = 5 ≥ 5 + 1 − 1: PyTorch drops it.
    expect(pool(5, 2, 2, 1, true)).toBe(3);
  });

  it("fc reads any input as a vector of C·H·W", () => {
    const fc = resolveNetwork(spec([{ name: "f", kind: "fc", outFeatures: 10 }], [4, 3, 2])).layers[0];
    expect(fc.outShape).toEqual({ c: 10, h: 1, w: 1 });
    expect(fc.matrix).toEqual({ rows: 24, cols: 10, groups: 1 });
    expect([fc.weights, fc.macs]).toEqual([240, 240]);
  });

  it("spp, flatten, upsample, reduceMean, activation, affine", () => {
    expect(out([{ name: "s", kind: "spp", method: "max", bins: [4, 2, 1] }], [16, 13, 13])).toEqual({ c: 16 * 21, h: 1, w: 1 });
    expect(out([{ name: "f", kind: "flatten" }], [4, 3, 2])).toEqual({ c: 24, h: 1, w: 1 });
    expect(out([{ name: "u", kind: "upsample", scale: [2, 3] }], [4, 3, 2])).toEqual({ c: 4, h: 6, w: 6 });
    expect(out([{ name: "r", kind: "reduceMean" }], [4, 3, 2])).toEqual({ c: 4, h: 1, w: 1 });
    expect(out([{ name: "a", kind: "activation", fn: "sigmoid" }], [4, 3, 2])).toEqual({ c: 4, h: 3, w: 2 });
    expect(out([{ name: "b", kind: "affine" }], [4, 3, 2])).toEqual({ c: 4, h: 3, w: 2 });
  });

  it("add, mul (same shape and channel scaling), concat, slice", () => {
    const layers: LayerSpec[] = [
      conv("a", 8, 1),
      conv("b", 8, 1, { inputs: ["x"] }),
      { name: "sum", kind: "add", inputs: ["a", "b"] },
      { name: "gate", kind: "reduceMean" },
      { name: "se", kind: "mul", inputs: ["sum", "gate"] },
      { name: "sq", kind: "mul", inputs: ["se", "se"] },
      { name: "cat", kind: "concat", inputs: ["sq", "a", "x"] },
      { name: "part", kind: "slice", channelStart: 3, channelEnd: 19 },
    ];
    const n = resolveNetwork(spec(layers, [3, 5, 5]));
    const byName = Object.fromEntries(n.layers.map((l) => [l.name, l.outShape]));
    expect(byName.se).toEqual({ c: 8, h: 5, w: 5 });
    expect(byName.cat).toEqual({ c: 19, h: 5, w: 5 });
    expect(byName.part).toEqual({ c: 16, h: 5, w: 5 });
    expect(n.totals.macs).toBe(2 * 3 * 8 * 25);
  });

  it("sorts topologically, keeping file order among ready layers; inputs are indices (−1 = input)", () => {
    const n = resolveNetwork(
      spec([
        { name: "late", kind: "activation", fn: "relu", inputs: ["early"] },
        conv("early", 4, 1, { inputs: ["x"] }),
        conv("side", 4, 1, { inputs: ["x"] }),
        { name: "sum", kind: "add", inputs: ["late", "side"] },
      ]),
    );
    expect(n.layers.map((l) => l.name)).toEqual(["early", "late", "side", "sum"]);
    expect(n.layers.map((l) => l.inputs)).toEqual([[-1], [0], [-1], [1, 2]]);
    expect(n.layers.map((l) => l.index)).toEqual([0, 1, 2, 3]);
  });

  it("omitted inputs mean the previous layer in the file", () => {
    const n = resolveNetwork(spec([conv("a", 4, 1), conv("b", 4, 1, { inputs: ["x"] }), { name: "r", kind: "activation", fn: "relu" }]));
    expect(n.layers.find((l) => l.name === "r")!.inputs).toEqual([n.layers.findIndex((l) => l.name === "b")]);
  });

  it("totals split conv and fc MACs", () => {
    const n = resolveNetwork(spec([conv("c", 4, 3), { name: "f", kind: "fc", outFeatures: 5 }], [1, 4, 4]));
    expect(n.totals).toEqual({ convMacs: 9 * 4 * 4, fcMacs: 16 * 5, matrixMacs: 0, macs: 144 + 80, weights: 36 + 80, ops: 2 * 224 });
  });
});

describe("input shape override and hash", () => {
  const base = spec([conv("c", 4, 3, { pad: [1, 1, 1, 1] }), { name: "f", kind: "fc", outFeatures: 2 }], [3, 8, 8]);

  it("re-infers shapes and changes the hash to that of the overridden spec", () => {
    const a = resolveNetwork(base);
    const b = resolveNetwork(base, { inputShape: { c: 3, h: 16, w: 16 } });
    expect(b.inputShape).toEqual({ c: 3, h: 16, w: 16 });
    expect(b.layers[1].matrix!.rows).toBe(4 * 16 * 16);
    expect(b.spec.input.shape).toEqual([3, 16, 16]);
    expect(base.input.shape).toEqual([3, 8, 8]); // not mutated
    expect(b.hash).not.toBe(a.hash);
    expect(b.hash).toBe(resolveNetwork({ ...base, input: { name: "x", shape: [3, 16, 16] } }).hash);
  });

  it("the hash ignores key order but not values", () => {
    const reordered = JSON.parse(JSON.stringify({ layers: base.layers.map((l) => Object.fromEntries(Object.entries(l).reverse())), input: base.input, name: base.name, schemaVersion: 1 }));
    expect(resolveNetwork(reordered).hash).toBe(resolveNetwork(base).hash);
    expect(resolveNetwork({ ...base, name: "u" }).hash).not.toBe(resolveNetwork(base).hash);
  });

  it("an override with a different channel count surfaces the downstream error", () => {
    const e = userError(() => resolveNetwork(spec([conv("c", 4, 3, { groups: 3 })], [3, 8, 8]), { inputShape: { c: 4, h: 8, w: 8 } }));
    expect(e.pointer).toBe("/layers/0/groups");
    expect(e.message).toBe("groups 3 does not divide input channels 4");
  });
});

describe("errors", () => {
  const err = (layers: LayerSpec[], shape?: [number, number, number]) => {
    const e = userError(() => resolveNetwork(spec(layers, shape), { file: "net.json" }));
    expect(e.file).toBe("net.json");
    return { pointer: e.pointer, message: e.message };
  };

  it("duplicate names and the input's name", () => {
    expect(err([conv("a", 4, 1), conv("a", 4, 1)])).toEqual({ pointer: "/layers/1/name", message: 'duplicate layer name "a" (also layer 0)' });
    expect(err([conv("x", 4, 1)])).toEqual({ pointer: "/layers/0/name", message: 'name "x" is already the network input\'s name' });
  });

  it("unknown input", () => {
    expect(err([conv("a", 4, 1), { name: "s", kind: "add", inputs: ["a", "foo"] }])).toEqual({ pointer: "/layers/1/inputs/1", message: 'unknown input "foo"' });
  });

  it("cycles, named in data-flow order from the first layer in the file", () => {
    expect(err([conv("a", 4, 1, { inputs: ["b"] }), conv("b", 4, 1, { inputs: ["a"] })])).toEqual({ pointer: "/layers/0/inputs", message: "cycle: a → b → a" });
    expect(err([conv("s", 4, 1), conv("a", 4, 1, { inputs: ["c"] }), conv("b", 4, 1, { inputs: ["a"] }), conv("c", 4, 1, { inputs: ["b"] })])).toEqual({
      pointer: "/layers/1/inputs",
      message: "cycle: a → b → c → a",
    });
    expect(err([conv("a", 4, 1, { inputs: ["a"] })])).toEqual({ pointer: "/layers/0/inputs", message: "cycle: a → a" });
  });

  it("groups must divide input and output channels", () => {
    expect(err([conv("c", 64, 3, { groups: 3 })], [64, 8, 8])).toEqual({ pointer: "/layers/0/groups", message: "groups 3 does not divide input channels 64" });
    expect(err([conv("c", 10, 3, { groups: 4 })], [64, 8, 8])).toEqual({ pointer: "/layers/0/groups", message: "groups 4 does not divide output channels 10" });
  });

  it("a kernel larger than the padded input", () => {
    expect(err([conv("c", 4, 7)], [3, 5, 3])).toEqual({ pointer: "/layers/0/kernel", message: "output would be -1×-3: kernel 7 larger than padded input 5" });
    expect(err([conv("c", 4, 3, { dilation: [1, 3] })], [3, 9, 6])).toEqual({
      pointer: "/layers/0/kernel",
      message: "output would be 7×0: dilated kernel 7 larger than padded input 6",
    });
    expect(err([{ name: "p", kind: "pool", method: "max", kernel: [3, 3], stride: [2, 2] }], [3, 2, 2])).toEqual({
      pointer: "/layers/0/kernel",
      message: "output would be 0×0: kernel 3 larger than padded input 2",
    });
  });

  it("a chain that shrinks to nothing fails at the layer that empties it", () => {
    const layers: LayerSpec[] = [0, 1, 2, 3].map((i) => ({ name: `p${i}`, kind: "pool", method: "max", kernel: [2, 2] }) as LayerSpec);
    expect(err(layers, [1, 8, 8])).toEqual({ pointer: "/layers/3/kernel", message: "output would be 0×0: kernel 2 larger than padded input 1" });
  });

  it("pool without kernel, spp bins, slice bounds", () => {
    expect(err([{ name: "p", kind: "pool", method: "max" }])).toEqual({ pointer: "/layers/0/kernel", message: "is missing (required unless global is true)" });
    expect(err([{ name: "s", kind: "spp", method: "max", bins: [2, 7] }], [3, 6, 6])).toEqual({ pointer: "/layers/0/bins/1", message: "bin 7 larger than input 6×6" });
    expect(err([{ name: "s", kind: "slice", channelStart: 2, channelEnd: 5 }], [4, 2, 2])).toEqual({ pointer: "/layers/0/channelEnd", message: "channelEnd 5 exceeds input channels 4" });
    expect(err([{ name: "s", kind: "slice", channelStart: 3, channelEnd: 3 }], [4, 2, 2])).toEqual({ pointer: "/layers/0/channelStart", message: "channelStart 3 must be below channelEnd 3" });
  });

  it("add, mul and concat shape rules", () => {
    const two = [conv("a", 4, 1), conv("b", 8, 3, { inputs: ["x"] })];
    expect(err([...two, { name: "s", kind: "add", inputs: ["a", "b"] }], [3, 6, 6])).toEqual({ pointer: "/layers/2/inputs", message: 'add needs equal shapes: 4×6×6 ("a") vs 8×4×4 ("b")' });
    expect(err([...two, { name: "m", kind: "mul", inputs: ["a", "b"] }], [3, 6, 6])).toEqual({
      pointer: "/layers/2/inputs",
      message: 'mul needs equal shapes or a second input C×1×1 with the same C: 4×6×6 ("a") vs 8×4×4 ("b")',
    });
    expect(err([...two, { name: "c", kind: "concat", inputs: ["a", "x", "b"] }], [3, 6, 6])).toEqual({ pointer: "/layers/2/inputs", message: 'concat needs equal height×width: 4×6×6 ("a") vs 8×4×4 ("b")' });
  });

  it("input counts", () => {
    expect(err([conv("a", 4, 1), conv("b", 4, 1, { inputs: ["a", "x"] })])).toEqual({ pointer: "/layers/1/inputs", message: "conv expects 1 input, found 2" });
    expect(err([{ name: "s", kind: "add", inputs: ["x"] }])).toEqual({ pointer: "/layers/0/inputs", message: "add expects at least 2 inputs, found 1" });
    expect(err([{ name: "m", kind: "mul", inputs: ["x", "x", "x"] }])).toEqual({ pointer: "/layers/0/inputs", message: "mul expects 2 inputs, found 3" });
  });

  it("bad input shape and empty layer list", () => {
    const e = userError(() => resolveNetwork(spec([conv("a", 4, 1)]), { inputShape: { c: 3, h: 0, w: 4 } }));
    expect([e.pointer, e.message]).toEqual(["/input/shape", "expected [channels, height, width] of positive integers, found [3,0,4]"]);
    expect(userError(() => resolveNetwork(spec([]))).pointer).toBe("/layers");
  });

  it("numbers beyond 2^53 are refused instead of losing precision", () => {
    const e = userError(() => resolveNetwork(spec([{ name: "f", kind: "fc", outFeatures: 2 ** 20 }], [2 ** 12, 2 ** 12, 2 ** 12])));
    expect(e.pointer).toBe("/layers/0");
    expect(e.message).toMatch(/exceeds 2\^53/);
  });
});

describe("specs built in code", () => {
  it("are checked against the schema too (no zero kernels or negative widths reach shape inference)", () => {
    const bad = spec([{ name: "c", kind: "conv", outChannels: -3, kernel: [3, 3] }]);
    const e = userError(() => resolveNetwork(bad, { file: "gen" }));
    expect([e.file, e.pointer]).toEqual(["gen", "/layers/0/outChannels"]);
    const zero = spec([{ name: "c", kind: "conv", outChannels: 3, kernel: [0, 3] }]);
    expect(userError(() => resolveNetwork(zero)).pointer).toBe("/layers/0/kernel/0");
  });
});
