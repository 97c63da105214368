/**
 * Element-wise operators: activations (fused into the producing conv/fc/add/affine when it has no other
 * consumer), Add/Sum/Sub/Mul/Div between activations (add, mul) or with a constant (a per-channel affine,
 * or a bias folded into the conv/fc before it), Concat along channels, and nearest upsampling.
 */
import type { ActivationFn } from "../types.ts";
import { attrFloat, attrFloats, attrInt, attrInts, attrString } from "./attributes.ts";
import type { Act, Const, Ctx, Value } from "./context.ts";
import { affine } from "./ops-compute.ts";
import { broadcastDims, elementCount, foldBinary, isIntegerType, normalizeAxis, type BinaryOp } from "./tensor.ts";

const SIMPLE_ACTIVATIONS: Record<string, ActivationFn> = {
  Relu: "relu",
  LeakyRelu: "leakyRelu",
  Sigmoid: "sigmoid",
  Tanh: "tanh",
  HardSigmoid: "hardSigmoid",
  HardSwish: "hardSwish",
};

export function activationOp(ctx: Ctx): void {
  ctx.activation(ctx.act(0), SIMPLE_ACTIVATIONS[ctx.node.op_type]);
}

/** Clip(0, 6) is ReLU6 (MobileNetV2), Clip(0, ∞) is ReLU; other bounds stay a generic clip. */
export function clip(ctx: Ctx): void {
  const x = ctx.act(0);
  let min: number;
  let max: number;
  if (ctx.opset < 11) {
    min = attrFloat(ctx.node, "min", -Infinity);
    max = attrFloat(ctx.node, "max", Infinity);
  } else {
    min = ctx.optionalValues(1, "min bound")?.[0] ?? -Infinity;
    max = ctx.optionalValues(2, "max bound")?.[0] ?? Infinity;
  }
  const unbounded = max === Infinity || max >= 3.4e38;
  const fn: ActivationFn = min === 0 && max === 6 ? "relu6" : min === 0 && unbounded ? "relu" : "clip";
  ctx.activation(x, fn);
}

/** A final Softmax only normalizes the scores: no MACs, nothing to map; anywhere else it is an error. */
export function softmax(ctx: Ctx): void {
  const x = ctx.act(0);
  const out = ctx.output();
  if (!ctx.graph.outputs.has(out) || ctx.uses(out) !== 1) ctx.fail("is supported only as the network's final output");
  ctx.warn("the final normalization is dropped (no MACs; pimsyn has no softmax layer)");
  ctx.alias(x, x.shape);
}

function knownValues(ctx: Ctx, c: Const): number[] | undefined {
  if (c.values) return c.values;
  if (!c.tensor || elementCount(c.dims) > 4096) return undefined;
  return ctx.valuesOf(c, "constant");
}

function foldConstants(ctx: Ctx, op: BinaryOp, consts: Const[]): void {
  let acc = consts[0];
  for (const next of consts.slice(1)) {
    const dims = broadcastDims(acc.dims, next.dims);
    if (!dims) ctx.fail(`constant dims [${acc.dims.join(", ")}] and [${next.dims.join(", ")}] do not broadcast`);
    const a = knownValues(ctx, acc);
    const b = knownValues(ctx, next);
    const integer = isIntegerType(acc.dataType);
    const values = a && b ? foldBinary(op, { dims: acc.dims, values: a }, { dims: next.dims, values: b }, dims, integer) : undefined;
    acc = { kind: "const", name: ctx.output(), dims, dataType: acc.dataType, values };
  }
  ctx.set(0, { ...acc, name: ctx.output() });
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, k) => v === b[k]);
}

/** Channel scaling as in squeeze-and-excite: the small operand is 1×C×1×1 against 1×C×H×W. */
function isChannelScale(big: Act, small: Act): boolean {
  return big.shape.length === 4 && sameDims(small.shape, [1, big.shape[1], 1, 1]);
}

export function elementwise(ctx: Ctx): void {
  const op = ctx.node.op_type;
  const gate = ctx.graph.gates.get(ctx.node);
  if (gate) {
    const x = ctx.values.get(gate.x);
    if (x?.kind !== "act") ctx.fail(`gates the constant '${gate.x}'`);
    ctx.activation(x, gate.fn);
    return;
  }
  const inputs: Value[] = ctx.node.input.map((_, k) => {
    const v = ctx.input(k);
    if (!v) ctx.fail(`input ${k} is missing`);
    return v;
  });
  if (inputs.length === 0) ctx.fail("has no inputs");
  const binary: BinaryOp = op === "Sum" ? "Add" : (op as BinaryOp);
  const acts = inputs.filter((v): v is Act => v.kind === "act");
  if (acts.length === 0) return foldConstants(ctx, binary, inputs as Const[]);
  if (acts.length === inputs.length) return betweenActivations(ctx, binary, acts);
  if (inputs.length !== 2) ctx.fail("mixes activations and constants in more than two inputs");
  const x = acts[0];
  const c = inputs.find((v): v is Const => v.kind === "const")!;
  const constFirst = inputs[0].kind === "const";
  if (!sameDims(broadcastDims(x.shape, c.dims) ?? [], x.shape)) {
    ctx.fail(`the constant '${c.name}' with dims [${c.dims.join(", ")}] does not broadcast to the activation [${x.shape.join(", ")}]`);
  }
  if (binary === "Div" && constFirst) ctx.fail("dividing a constant by an activation is not supported");
  // MatMul + Add(bias) is how some exporters write a Linear layer: the bias belongs to the fc.
  const target = ctx.fusionTarget(x);
  const perChannel = elementCount(c.dims) === 1 || elementCount(c.dims) === x.shape[1];
  if (binary === "Add" && perChannel && (target?.kind === "fc" || target?.kind === "conv") && !target.activation && !target.bias) {
    target.bias = true;
    ctx.alias(x, x.shape);
    return;
  }
  affine(ctx, x);
}

function betweenActivations(ctx: Ctx, op: BinaryOp, acts: Act[]): void {
  if (op === "Add") {
    const first = acts[0];
    for (const x of acts) {
      if (!sameDims(x.shape, first.shape)) ctx.fail(`adds activations of different shapes [${first.shape.join(", ")}] and [${x.shape.join(", ")}]`);
    }
    if (acts.length === 1) return void ctx.alias(first, first.shape);
    ctx.emit({ kind: "add" }, acts, first.ir, first.shape);
    return;
  }
  if (op === "Mul" && acts.length === 2) {
    const [a, b] = acts;
    if (sameDims(a.shape, b.shape)) return void ctx.emit({ kind: "mul" }, [a, b], a.ir, a.shape);
    if (isChannelScale(a, b)) return void ctx.emit({ kind: "mul" }, [a, b], a.ir, a.shape);
    if (isChannelScale(b, a)) return void ctx.emit({ kind: "mul" }, [b, a], b.ir, b.shape);
    ctx.fail(`multiplies activations of shapes [${a.shape.join(", ")}] and [${b.shape.join(", ")}]; same shape or 1×C×1×1 channel scaling expected`);
  }
  ctx.fail(`${ctx.node.op_type} of two activations is not supported (only Add and Mul)`);
}

function foldConcat(ctx: Ctx, consts: Const[], axisAttr: number): void {
  const rank = consts[0].dims.length;
  const axis = normalizeAxis(axisAttr, rank);
  if (axis === undefined) ctx.fail(`axis ${axisAttr} is out of range for rank ${rank}`);
  const dims = [...consts[0].dims];
  dims[axis] = 0;
  for (const c of consts) {
    if (c.dims.length !== rank || c.dims.some((d, k) => k !== axis && d !== consts[0].dims[k])) ctx.fail("concatenates constants of incompatible dims");
    dims[axis] += c.dims[axis];
  }
  const all = consts.map((c) => knownValues(ctx, c));
  // Values are only needed for 1-D shape vectors; larger constants keep just their dims.
  const values = rank === 1 && all.every((v) => v !== undefined) ? all.flat() as number[] : undefined;
  ctx.set(0, { kind: "const", name: ctx.output(), dims, dataType: consts[0].dataType, values });
}

export function concat(ctx: Ctx): void {
  const inputs = ctx.node.input.map((_, k) => ctx.input(k)).filter((v): v is Value => v !== undefined);
  if (inputs.length === 0) ctx.fail("has no inputs");
  const axisAttr = attrInt(ctx.node, "axis", 1);
  if (inputs.every((v) => v.kind === "const")) return foldConcat(ctx, inputs as Const[], axisAttr);
  if (inputs.some((v) => v.kind === "const")) ctx.fail("concatenates activations with constants");
  const acts = inputs as Act[];
  const rank = acts[0].shape.length;
  if (!(rank === 4 || rank === 2) || normalizeAxis(axisAttr, rank) !== 1) {
    ctx.fail(`only concatenation along channels (axis 1 of a 4-D or 2-D tensor) is supported; axis ${axisAttr}, rank ${rank}`);
  }
  for (const x of acts) {
    if (x.shape.length !== rank || x.shape.some((d, k) => k !== 1 && d !== acts[0].shape[k])) {
      ctx.fail(`concatenates shapes [${acts[0].shape.join(", ")}] and [${x.shape.join(", ")}], which differ outside the channel axis`);
    }
  }
  const c = acts.reduce((s, x) => s + x.shape[1], 0);
  const shape = [1, c, ...acts[0].shape.slice(2)];
  if (acts.length === 1) return void ctx.alias(acts[0], acts[0].shape);
  ctx.emit({ kind: "concat" }, acts, { c, h: acts[0].ir.h, w: acts[0].ir.w }, shape);
}

/** Scales [N, C, H, W] of a Resize/Upsample, from `scales` or from `sizes` relative to the input. */
function resizeScales(ctx: Ctx, x: Act): number[] {
  const present = (v: number[] | undefined) => (v && v.length > 0 ? v : undefined);
  let scales: number[] | undefined;
  let sizes: number[] | undefined;
  if (ctx.node.op_type === "Upsample") {
    scales = ctx.opset < 9 ? attrFloats(ctx.node, "scales") : ctx.optionalValues(1, "scales");
  } else if (ctx.opset < 11) {
    scales = ctx.optionalValues(1, "scales");
  } else {
    scales = present(ctx.optionalValues(2, "scales"));
    sizes = present(ctx.optionalValues(3, "sizes"));
  }
  const axes = (attrInts(ctx.node, "axes") ?? [0, 1, 2, 3]).map((a) => normalizeAxis(a, 4));
  const full = (partial: number[], fill: (axis: number) => number) => {
    if (partial.length !== axes.length || axes.some((a) => a === undefined)) ctx.fail(`has ${partial.length} scales/sizes for axes [${axes.join(", ")}]`);
    const out = [0, 1, 2, 3].map(fill);
    axes.forEach((a, k) => { out[a!] = partial[k]; });
    return out;
  };
  if (scales) return full(scales, () => 1);
  if (sizes) return full(sizes, (a) => x.shape[a]).map((s, a) => s / x.shape[a]);
  ctx.fail("has neither scales nor sizes");
}

export function resize(ctx: Ctx): void {
  const x = ctx.act(0);
  if (x.shape.length !== 4) ctx.fail(`expects a 4-D input; found shape [${x.shape.join(", ")}]`);
  const scales = resizeScales(ctx, x);
  if (scales[0] !== 1 || scales[1] !== 1) ctx.fail(`scales the batch or channel axis (scales [${scales.join(", ")}])`);
  const [sh, sw] = [scales[2], scales[3]];
  if (!(Number.isInteger(sh) && Number.isInteger(sw) && sh >= 1 && sw >= 1)) {
    ctx.fail(`only integer upsampling factors are supported; found ${sh} × ${sw}`);
  }
  const mode = attrString(ctx.node, "mode", "nearest");
  if (mode !== "nearest") ctx.warn(`mode '${mode}' is modeled as nearest-neighbour upsampling (same output shape, no MACs)`);
  if (sh === 1 && sw === 1) return void ctx.alias(x, x.shape);
  const [c, h, w] = [x.shape[1], x.shape[2] * sh, x.shape[3] * sw];
  ctx.emit({ kind: "upsample", scale: [sh, sw] }, [x], { c, h, w }, [1, c, h, w]);
}
