/**
 * Shape inference and work counts of one layer, given the shapes of its inputs. PyTorch/ONNX semantics:
 * floor by default; ceilMode for pools with PyTorch's rule that the last window must start inside the input
 * or its left padding. Pure functions: a problem is reported through `fail`, which the caller turns into a
 * UserError pointing at the layer's field.
 */
import type { LayerSpec, Shape } from "./types.ts";

/** Reports a problem with one field of the current layer (a JSON-pointer path below the layer); never returns. */
export type Fail = (field: (string | number)[], message: string) => never;

export interface LayerMetrics {
  outShape: Shape;
  weights: number;
  macs: number;
  matrix?: { rows: number; cols: number; groups: number };
}

export function formatShape(s: Shape): string {
  return `${s.c}×${s.h}×${s.w}`;
}

/** How many inputs each kind takes: [min, max]. */
const ARITY: Record<LayerSpec["kind"], [number, number]> = {
  conv: [1, 1],
  fc: [1, 1],
  pool: [1, 1],
  spp: [1, 1],
  activation: [1, 1],
  add: [2, Infinity],
  mul: [2, 2],
  concat: [2, Infinity],
  slice: [1, 1],
  flatten: [1, 1],
  upsample: [1, 1],
  reduceMean: [1, 1],
  affine: [1, 1],
  linear: [1, 1],
  matmul: [2, 2],
  splitHeads: [1, 1],
  mergeHeads: [1, 1],
  softmax: [1, 1],
  layerNorm: [1, 1],
  kvCache: [1, 1],
};

function checkArity(spec: LayerSpec, count: number, fail: Fail): void {
  const [min, max] = ARITY[spec.kind];
  if (count >= min && count <= max) return;
  const expected = min === max ? `${min} input${min === 1 ? "" : "s"}` : `at least ${min} inputs`;
  fail(["inputs"], `${spec.kind} expects ${expected}, found ${count}`);
}

/**
 * Output length of a sliding window along one axis. Returns the raw (possibly non-positive) floor-mode value
 * when the dilated kernel does not fit, so the caller can say what the output would have been.
 */
function windowLength(size: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation: number, ceil: boolean): number {
  const span = dilation * (kernel - 1) + 1;
  const room = size + padBefore + padAfter - span;
  if (room < 0 || !ceil) return Math.floor(room / stride) + 1;
  let out = Math.ceil(room / stride) + 1;
  // PyTorch: the last pooling window must start inside the input or the left padding.
  if ((out - 1) * stride >= size + padBefore) out -= 1;
  return out;
}

interface Window {
  kernel: [number, number];
  stride: [number, number];
  pad: [number, number, number, number];
  dilation: [number, number];
  ceil: boolean;
}

function slide(input: Shape, win: Window, fail: Fail): { h: number; w: number } {
  const [kh, kw] = win.kernel;
  const [sh, sw] = win.stride;
  const [pt, pl, pb, pr] = win.pad;
  const [dh, dw] = win.dilation;
  const h = windowLength(input.h, kh, sh, pt, pb, dh, win.ceil);
  const w = windowLength(input.w, kw, sw, pl, pr, dw, win.ceil);
  if (h < 1 || w < 1) {
    const [k, d, padded] = h < 1 ? [kh, dh, input.h + pt + pb] : [kw, dw, input.w + pl + pr];
    const what = d > 1 ? `dilated kernel ${d * (k - 1) + 1}` : `kernel ${k}`;
    fail(["kernel"], `output would be ${h}×${w}: ${what} larger than padded input ${padded}`);
  }
  return { h, w };
}

function conv(spec: Extract<LayerSpec, { kind: "conv" }>, input: Shape, fail: Fail): LayerMetrics {
  const groups = spec.groups ?? 1;
  const ci = input.c;
  const co = spec.outChannels;
  if (ci % groups !== 0) fail(["groups"], `groups ${groups} does not divide input channels ${ci}`);
  if (co % groups !== 0) fail(["groups"], `groups ${groups} does not divide output channels ${co}`);
  const { h, w } = slide(
    input,
    {
      kernel: spec.kernel,
      stride: spec.stride ?? [1, 1],
      pad: spec.pad ?? [0, 0, 0, 0],
      dilation: spec.dilation ?? [1, 1],
      ceil: false,
    },
    fail,
  );
  const rows = spec.kernel[0] * spec.kernel[1] * (ci / groups);
  const weights = rows * co;
  return { outShape: { c: co, h, w }, weights, macs: weights * h * w, matrix: { rows, cols: co / groups, groups } };
}

function pool(spec: Extract<LayerSpec, { kind: "pool" }>, input: Shape, fail: Fail): LayerMetrics {
  if (spec.global) return { outShape: { c: input.c, h: 1, w: 1 }, weights: 0, macs: 0 };
  if (!spec.kernel) return fail(["kernel"], "is missing (required unless global is true)");
  const { h, w } = slide(
    input,
    {
      kernel: spec.kernel,
      // As in PyTorch, a pool without a stride steps by its kernel.
      stride: spec.stride ?? spec.kernel,
      pad: spec.pad ?? [0, 0, 0, 0],
      dilation: [1, 1],
      ceil: spec.ceilMode ?? false,
    },
    fail,
  );
  return { outShape: { c: input.c, h, w }, weights: 0, macs: 0 };
}

function spp(spec: Extract<LayerSpec, { kind: "spp" }>, input: Shape, fail: Fail): LayerMetrics {
  let cells = 0;
  spec.bins.forEach((b, j) => {
    if (b > input.h || b > input.w) fail(["bins", j], `bin ${b} larger than input ${input.h}×${input.w}`);
    cells += b * b;
  });
  return { outShape: { c: input.c * cells, h: 1, w: 1 }, weights: 0, macs: 0 };
}

function same(a: Shape, b: Shape): boolean {
  return a.c === b.c && a.h === b.h && a.w === b.w;
}

/** A (K×M×S) times B (N×K×S), or times Bᵀ when B is K×N×S: one product per stacked matrix. */
function matmul(spec: Extract<LayerSpec, { kind: "matmul" }>, a: Shape, b: Shape, label: (k: number) => string, fail: Fail): LayerMetrics {
  if (a.w !== b.w) fail(["inputs"], `matmul needs equal stacks (w): ${label(0)} vs ${label(1)}`);
  const inner = spec.transposeB ? b.c : b.h;
  if (a.c !== inner) {
    const what = spec.transposeB ? "columns of both inputs" : "columns of the first input and rows of the second";
    fail(["inputs"], `matmul needs equal ${what}: ${label(0)} vs ${label(1)}`);
  }
  const n = spec.transposeB ? b.h : b.c;
  return { outShape: { c: n, h: a.h, w: a.w }, weights: 0, macs: a.w * a.h * a.c * n };
}

/** Infer the output shape, weights and MACs of one layer. `inNames` only serve error messages. */
export function inferLayer(spec: LayerSpec, ins: Shape[], inNames: string[], fail: Fail): LayerMetrics {
  checkArity(spec, ins.length, fail);
  const x = ins[0];
  const label = (k: number) => `${formatShape(ins[k])} ("${inNames[k]}")`;
  const passThrough = { outShape: { ...x }, weights: 0, macs: 0 };
  switch (spec.kind) {
    case "conv":
      return conv(spec, x, fail);
    case "fc": {
      const rows = x.c * x.h * x.w;
      const weights = rows * spec.outFeatures;
      return { outShape: { c: spec.outFeatures, h: 1, w: 1 }, weights, macs: weights, matrix: { rows, cols: spec.outFeatures, groups: 1 } };
    }
    case "pool":
      return pool(spec, x, fail);
    case "spp":
      return spp(spec, x, fail);
    case "activation":
    case "affine":
      return passThrough;
    case "add": {
      const k = ins.findIndex((s) => !same(s, x));
      if (k > 0) fail(["inputs"], `add needs equal shapes: ${label(0)} vs ${label(k)}`);
      return passThrough;
    }
    case "mul": {
      const y = ins[1];
      const scale = y.c === x.c && y.h === 1 && y.w === 1;
      if (!same(x, y) && !scale) {
        fail(["inputs"], `mul needs equal shapes or a second input C×1×1 with the same C: ${label(0)} vs ${label(1)}`);
      }
      return passThrough;
    }
    case "concat": {
      const k = ins.findIndex((s) => s.h !== x.h || s.w !== x.w);
      if (k > 0) fail(["inputs"], `concat needs equal height×width: ${label(0)} vs ${label(k)}`);
      return { outShape: { c: ins.reduce((sum, s) => sum + s.c, 0), h: x.h, w: x.w }, weights: 0, macs: 0 };
    }
    case "slice": {
      if (spec.channelEnd > x.c) fail(["channelEnd"], `channelEnd ${spec.channelEnd} exceeds input channels ${x.c}`);
      if (spec.channelStart >= spec.channelEnd) {
        fail(["channelStart"], `channelStart ${spec.channelStart} must be below channelEnd ${spec.channelEnd}`);
      }
      return { outShape: { c: spec.channelEnd - spec.channelStart, h: x.h, w: x.w }, weights: 0, macs: 0 };
    }
    case "flatten":
      return { outShape: { c: x.c * x.h * x.w, h: 1, w: 1 }, weights: 0, macs: 0 };
    case "upsample":
      return { outShape: { c: x.c, h: x.h * spec.scale[0], w: x.w * spec.scale[1] }, weights: 0, macs: 0 };
    case "reduceMean":
      return { outShape: { c: x.c, h: 1, w: 1 }, weights: 0, macs: 0 };
    case "linear": {
      const weights = x.c * spec.outFeatures;
      return { outShape: { c: spec.outFeatures, h: x.h, w: x.w }, weights, macs: weights * x.h * x.w, matrix: { rows: x.c, cols: spec.outFeatures, groups: 1 } };
    }
    case "matmul":
      return matmul(spec, x, ins[1], label, fail);
    case "splitHeads":
      if (x.c % spec.heads !== 0) fail(["heads"], `heads ${spec.heads} does not divide the ${x.c} columns of ${label(0)}`);
      return { outShape: { c: x.c / spec.heads, h: x.h, w: x.w * spec.heads }, weights: 0, macs: 0 };
    case "mergeHeads":
      if (x.w % spec.heads !== 0) fail(["heads"], `heads ${spec.heads} does not divide the stack of ${x.w} matrices of ${label(0)}`);
      return { outShape: { c: x.c * spec.heads, h: x.h, w: x.w / spec.heads }, weights: 0, macs: 0 };
    case "softmax":
    case "layerNorm":
      return passThrough;
    case "kvCache":
      return { outShape: { c: x.c, h: x.h + spec.pastTokens, w: x.w }, weights: 0, macs: 0 };
    default: {
      const unknown: never = spec;
      return fail(["kind"], `unknown layer kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
    }
  }
}
