/**
 * Random valid networks for property tests: chains and DAGs (residual adds, concats of two branches), random
 * shapes, kernels, strides and groups, ending in an fc layer. Built as NetworkSpec; validity by construction.
 */
import fc from "fast-check";
import type { LayerSpec, NetworkSpec } from "../../src/network/types.ts";

interface Tensor {
  name: string;
  c: number;
  h: number;
  w: number;
}

export const arbNetwork: fc.Arbitrary<NetworkSpec> = fc
  .record({
    c: fc.integer({ min: 1, max: 8 }),
    hw: fc.integer({ min: 6, max: 28 }),
    ops: fc.array(
      fc.record({
        kind: fc.constantFrom("conv", "conv", "conv", "dwconv", "pool", "residual", "concat"),
        out: fc.integer({ min: 1, max: 48 }),
        k: fc.constantFrom(1, 3, 5),
        s: fc.constantFrom(1, 1, 2),
      }),
      { minLength: 1, maxLength: 7 },
    ),
    classes: fc.integer({ min: 2, max: 20 }),
  })
  .map(({ c, hw, ops, classes }) => {
    const layers: LayerSpec[] = [];
    let t: Tensor = { name: "x", c, h: hw, w: hw };
    let n = 0;
    const conv = (from: Tensor, out: number, k: number, s: number, groups = 1): Tensor => {
      const name = `l${n++}`;
      const pad = Math.floor(k / 2);
      layers.push({ name, inputs: [from.name], kind: "conv", outChannels: out, kernel: [k, k], stride: [s, s], pad: [pad, pad, pad, pad], groups, activation: "relu" });
      const h = Math.floor((from.h + 2 * pad - k) / s) + 1;
      const w = Math.floor((from.w + 2 * pad - k) / s) + 1;
      return { name, c: out, h, w };
    };
    for (const op of ops) {
      const s = t.h >= 8 ? op.s : 1;
      if (op.kind === "conv") t = conv(t, op.out, Math.min(op.k, t.h), s);
      else if (op.kind === "dwconv") t = conv(t, t.c, Math.min(3, t.h), 1, t.c);
      else if (op.kind === "pool" && t.h >= 4) {
        const name = `l${n++}`;
        layers.push({ name, inputs: [t.name], kind: "pool", method: "max", kernel: [2, 2], stride: [2, 2] });
        t = { name, c: t.c, h: Math.floor(t.h / 2), w: Math.floor(t.w / 2) };
      } else if (op.kind === "residual") {
        const a = conv(t, t.c, 3, 1);
        const b = conv(a, t.c, 3, 1);
        const name = `l${n++}`;
        layers.push({ name, inputs: [b.name, t.name], kind: "add", activation: "relu" });
        t = { ...b, name };
      } else if (op.kind === "concat") {
        const a = conv(t, Math.max(1, op.out >> 1), 1, 1);
        const b = conv(t, Math.max(1, op.out >> 1), 3, 1);
        const name = `l${n++}`;
        layers.push({ name, inputs: [a.name, b.name], kind: "concat" });
        t = { name, c: a.c + b.c, h: a.h, w: a.w };
      }
    }
    layers.push({ name: "fc", inputs: [t.name], kind: "fc", outFeatures: classes });
    return { schemaVersion: 1, name: `rand${n}`, input: { name: "x", shape: [c, hw, hw] }, layers } as NetworkSpec;
  });
