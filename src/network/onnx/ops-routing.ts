/**
 * Operators that move data without computing: Identity/Dropout/Cast, the view changes (Reshape, Flatten,
 * Transpose, Squeeze, Unsqueeze), Split/Slice along channels (→ slice layers), Pad (folded into the next
 * conv/pool), and the constant-folding of the small int64 shape programs exporters write (Shape → Gather →
 * Unsqueeze → Concat → Reshape): every activation shape is known, so these evaluate statically.
 *
 * Channel shuffle (ShuffleNet: Reshape N×C×H×W → N×g×C/g×H×W, Transpose(0,2,1,3,4), Reshape back) permutes
 * channels and changes neither shapes nor MACs; the IR has no routing kind for it, so it maps to nothing
 * (the tensor passes through). Reshapes are accepted only when they are a flatten, a no-op for the IR view,
 * or such a channel-group view; anything else would silently change what the layers compute.
 */
import { attrFloat, attrInt, attrInts, attrString, attrTensor, constantAttribute } from "./attributes.ts";
import { irView, sameShape, type Act, type Const, type Ctx, type Value } from "./context.ts";
import { toNumber } from "./decode.ts";
import { DataType, elementCount, isIntegerType, MAX_FOLDED_ELEMENTS, normalizeAxis, sliceBounds } from "./tensor.ts";

function anyInput(ctx: Ctx, slot: number): Value {
  const v = ctx.input(slot);
  if (!v) ctx.fail(`input ${slot} is missing`);
  return v;
}

function setConst(ctx: Ctx, dims: number[], dataType: number, values?: number[]): void {
  ctx.set(0, { kind: "const", name: ctx.output(), dims, dataType, values });
}

/** Identity, Dropout (inference: identity) and Cast (the IR has no data types). */
export function passThrough(ctx: Ctx): void {
  ctx.onlyFirstOutput();
  const v = anyInput(ctx, 0);
  if (v.kind === "act") return void ctx.alias(v, v.shape);
  if (ctx.node.op_type !== "Cast") return ctx.set(0, { ...v, name: ctx.output() });
  const to = attrInt(ctx.node, "to", v.dataType);
  const values = v.values ?? (v.tensor && elementCount(v.dims) <= MAX_FOLDED_ELEMENTS ? ctx.valuesOf(v, "tensor") : undefined);
  setConst(ctx, v.dims, to, values && isIntegerType(to) ? values.map(Math.trunc) : values);
}

function checkedDims(ctx: Ctx, dims: number[], what: string): number[] {
  if (!dims.every((d) => Number.isInteger(d) && d >= 0)) ctx.fail(`${what} has invalid dims [${dims.join(", ")}]`);
  return dims;
}

export function constant(ctx: Ctx): void {
  const a = constantAttribute(ctx.node);
  if (!a) ctx.fail("has no value attribute");
  switch (a.name) {
    case "value": {
      const t = attrTensor(ctx.node, "value");
      if (!t) ctx.fail("has an empty value tensor");
      const dims = checkedDims(ctx, t.dims.map(toNumber), "the value tensor");
      return ctx.set(0, { kind: "const", name: ctx.output(), dims, dataType: t.data_type, tensor: t });
    }
    case "value_int": return setConst(ctx, [], DataType.INT64, [toNumber(a.i)]);
    case "value_ints": return setConst(ctx, [a.ints.length], DataType.INT64, a.ints.map(toNumber));
    case "value_float": return setConst(ctx, [], DataType.FLOAT, [a.f]);
    case "value_floats": return setConst(ctx, [a.floats.length], DataType.FLOAT, [...a.floats]);
    default: ctx.fail(`attribute '${a.name}' is not supported (string and sparse constants)`);
  }
}

export function constantOfShape(ctx: Ctx): void {
  const dims = checkedDims(ctx, ctx.valuesOf(ctx.constant(0, "shape"), "shape"), "the output");
  const t = attrTensor(ctx.node, "value");
  const fill = t ? ctx.valuesOf({ kind: "const", name: "value", dims: [1], dataType: t.data_type, tensor: t }, "value")[0] : 0;
  const n = elementCount(dims);
  setConst(ctx, dims, t?.data_type ?? DataType.FLOAT, n <= MAX_FOLDED_ELEMENTS ? new Array<number>(n).fill(fill) : undefined);
}

export function shape(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  const full = v.kind === "act" ? v.shape : v.dims;
  const rank = full.length;
  const clampAxis = (a: number) => Math.min(Math.max(a < 0 ? a + rank : a, 0), rank);
  const values = full.slice(clampAxis(attrInt(ctx.node, "start", 0)), clampAxis(attrInt(ctx.node, "end", rank)));
  setConst(ctx, [values.length], DataType.INT64, values);
}

export function gather(ctx: Ctx): void {
  const data = anyInput(ctx, 0);
  if (data.kind === "act") ctx.fail("gathering from an activation is not supported");
  const indices = ctx.constant(1, "indices");
  if (data.dims.length !== 1 || attrInt(ctx.node, "axis", 0) !== 0) ctx.fail("only gathering from a 1-D constant (a shape) is supported");
  const values = ctx.valuesOf(data, "data");
  const picked = ctx.valuesOf(indices, "indices").map((i) => {
    const k = normalizeAxis(i, values.length);
    if (k === undefined) ctx.fail(`index ${i} is out of range for ${values.length} values`);
    return values[k];
  });
  setConst(ctx, indices.dims, data.dataType, picked);
}

export function rounding(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  if (v.kind === "act") ctx.fail("is supported only in shape computations (on constants)");
  const fn = ctx.node.op_type === "Floor" ? Math.floor : Math.ceil;
  setConst(ctx, v.dims, v.dataType, v.values?.map(fn) ?? (v.tensor ? ctx.valuesOf(v, "tensor").map(fn) : undefined));
}

/** Give an activation a new ONNX shape: a no-op for the IR, a flatten layer, or a channel-group view. */
function reshapeActivation(ctx: Ctx, x: Act, target: number[]): void {
  if (target[0] !== 1) ctx.fail(`reshapes the batch axis ([${x.shape.join(", ")}] → [${target.join(", ")}])`);
  if (x.pad) ctx.fail(`the Pad node '${x.pad.node}' before it cannot be folded: only Conv, MaxPool and AveragePool absorb padding`);
  if (sameShape(irView(target), x.ir)) return void ctx.alias(x, target);
  if (target.length === 2) {
    ctx.emit({ kind: "flatten" }, [x], { c: target[1], h: 1, w: 1 }, target);
    return;
  }
  const rank = target.length;
  if (rank >= 5 && target[rank - 2] === x.ir.h && target[rank - 1] === x.ir.w) return void ctx.alias(x, target);
  ctx.fail(`reshape [${x.shape.join(", ")}] → [${target.join(", ")}] is not supported (only flatten, channel shuffle and reshapes that keep C×H×W)`);
}

function resolveTarget(ctx: Ctx, from: number[], requested: number[], allowZero: boolean): number[] {
  const target = requested.map((d, k) => (d === 0 && !allowZero ? from[k] : d));
  if (target.some((d) => d === undefined || !Number.isInteger(d) || d < -1)) ctx.fail(`shape [${requested.join(", ")}] is invalid for input [${from.join(", ")}]`);
  const total = elementCount(from);
  const inferred = target.filter((d) => d === -1).length;
  if (inferred > 1) ctx.fail(`shape [${requested.join(", ")}] has more than one -1`);
  if (inferred === 1) {
    const known = elementCount(target.filter((d) => d !== -1));
    if (known === 0 || total % known !== 0) ctx.fail(`cannot reshape [${from.join(", ")}] to [${requested.join(", ")}]`);
    target[target.indexOf(-1)] = total / known;
  }
  if (elementCount(target) !== total) ctx.fail(`cannot reshape [${from.join(", ")}] (${total} elements) to [${target.join(", ")}]`);
  return target;
}

function dimsOf(v: Value): number[] {
  return v.kind === "act" ? v.shape : v.dims;
}

function reshapeTo(ctx: Ctx, v: Value, target: number[]): void {
  if (v.kind === "act") return reshapeActivation(ctx, v, target);
  ctx.set(0, { ...v, name: ctx.output(), dims: target });
}

export function reshape(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  const requested = ctx.valuesOf(ctx.constant(1, "target shape"), "target shape");
  reshapeTo(ctx, v, resolveTarget(ctx, dimsOf(v), requested, attrInt(ctx.node, "allowzero", 0) !== 0));
}

export function flatten(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  const dims = dimsOf(v);
  const axisAttr = attrInt(ctx.node, "axis", 1);
  const axis = axisAttr < 0 ? axisAttr + dims.length : axisAttr;
  if (!(axis >= 0 && axis <= dims.length)) ctx.fail(`axis ${axisAttr} is out of range for rank ${dims.length}`);
  reshapeTo(ctx, v, [elementCount(dims.slice(0, axis)), elementCount(dims.slice(axis))]);
}

export function transpose(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  const dims = dimsOf(v);
  const rank = dims.length;
  const perm = attrInts(ctx.node, "perm") ?? dims.map((_, k) => rank - 1 - k);
  if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((p, k) => p !== k)) ctx.fail(`perm [${perm.join(", ")}] is not a permutation of ${rank} axes`);
  const out = perm.map((p) => dims[p]);
  if (v.kind === "const") return ctx.set(0, { ...v, name: ctx.output(), dims: out, values: rank <= 1 ? v.values : undefined });
  const identity = perm.every((p, k) => p === k);
  const keepsEnds = rank >= 5 && perm[0] === 0 && perm[rank - 2] === rank - 2 && perm[rank - 1] === rank - 1;
  if (identity || keepsEnds || sameShape(irView(out), v.ir)) return void ctx.alias(v, out);
  ctx.fail(`transpose [${dims.join(", ")}] by [${perm.join(", ")}] is not supported (only channel shuffle)`);
}

function axesInput(ctx: Ctx, attrUntilOpset13: boolean): number[] | undefined {
  return attrUntilOpset13 && ctx.opset < 13 ? attrInts(ctx.node, "axes") : ctx.optionalValues(1, "axes");
}

export function squeeze(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  const dims = dimsOf(v);
  const axes = axesInput(ctx, true);
  const drop = new Set((axes ?? dims.map((d, k) => (d === 1 ? k : -1)).filter((k) => k >= 0)).map((a) => normalizeAxis(a, dims.length)));
  for (const a of drop) if (a === undefined || dims[a] !== 1) ctx.fail(`cannot squeeze axes [${(axes ?? []).join(", ")}] of [${dims.join(", ")}]`);
  reshapeTo(ctx, v, dims.filter((_, k) => !drop.has(k)));
}

export function unsqueeze(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  const dims = dimsOf(v);
  const axes = axesInput(ctx, true);
  if (!axes) ctx.fail("has no axes");
  const rank = dims.length + axes.length;
  const positions = new Set(axes.map((a) => normalizeAxis(a, rank)));
  if (positions.has(undefined) || positions.size !== axes.length) ctx.fail(`axes [${axes.join(", ")}] are invalid for rank ${rank}`);
  const out: number[] = [];
  let next = 0;
  for (let k = 0; k < rank; k++) out.push(positions.has(k) ? 1 : dims[next++]);
  reshapeTo(ctx, v, out);
}

/** One slice layer for channels [start, end) of `x`, bound to output `slot`. */
function channelSlice(ctx: Ctx, x: Act, start: number, end: number, slot: number, suffix: string): void {
  if (start === 0 && end === x.shape[1]) return void ctx.alias(x, x.shape, slot);
  if (!(end > start)) ctx.fail(`selects no channels (${start} to ${end})`);
  const shape = [...x.shape];
  shape[1] = end - start;
  ctx.emit({ kind: "slice", channelStart: start, channelEnd: end }, [x], { ...x.ir, c: end - start }, shape, slot, suffix);
}

function channelAxis(ctx: Ctx, x: Act, axisValue: number): void {
  if (!irView(x.shape) || normalizeAxis(axisValue, x.shape.length) !== 1) {
    ctx.fail(`only splitting along channels (axis 1 of a 4-D or 2-D tensor) is supported; axis ${axisValue} of [${x.shape.join(", ")}]`);
  }
}

export function split(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  const dims = dimsOf(v);
  const axisValue = attrInt(ctx.node, "axis", 0);
  const axis = normalizeAxis(axisValue, dims.length);
  if (axis === undefined) ctx.fail(`axis ${axisValue} is out of range for rank ${dims.length}`);
  const n = ctx.node.output.length;
  let sizes = ctx.opset < 13 ? attrInts(ctx.node, "split") : ctx.optionalValues(1, "split sizes");
  if (!sizes || sizes.length === 0) {
    const size = Math.ceil(dims[axis] / n);
    sizes = Array.from({ length: n }, (_, k) => Math.max(0, Math.min(size, dims[axis] - k * size)));
  }
  if (sizes.length !== n || sizes.some((s) => !(Number.isInteger(s) && s >= 0)) || sizes.reduce((a, b) => a + b, 0) !== dims[axis]) {
    ctx.fail(`split sizes [${sizes.join(", ")}] do not divide the ${dims[axis]} elements of axis ${axis} into ${n} outputs`);
  }
  if (v.kind === "const") {
    sizes.forEach((s, k) => ctx.set(k, { kind: "const", name: ctx.output(k), dims: dims.map((d, a) => (a === axis ? s : d)), dataType: v.dataType }));
    return;
  }
  channelAxis(ctx, v, axisValue);
  let start = 0;
  sizes.forEach((s, k) => {
    if (ctx.uses(ctx.output(k)) > 0) channelSlice(ctx, v, start, start + s, k, `:${k}`);
    start += s;
  });
}

export function slice(ctx: Ctx): void {
  const v = anyInput(ctx, 0);
  const dims = dimsOf(v);
  let starts: number[], ends: number[], axes: number[] | undefined, steps: number[] | undefined;
  if (ctx.opset < 10) {
    [starts, ends, axes] = [attrInts(ctx.node, "starts") ?? [], attrInts(ctx.node, "ends") ?? [], attrInts(ctx.node, "axes")];
  } else {
    starts = ctx.valuesOf(ctx.constant(1, "starts"), "starts");
    ends = ctx.valuesOf(ctx.constant(2, "ends"), "ends");
    axes = ctx.optionalValues(3, "axes");
    steps = ctx.optionalValues(4, "steps");
  }
  axes ??= starts.map((_, k) => k);
  if (starts.length !== ends.length || axes.length !== starts.length || (steps && steps.length !== starts.length)) {
    ctx.fail("starts, ends, axes and steps differ in length");
  }
  const bounds = dims.map((d) => [0, d, 1]);
  axes.forEach((a, k) => {
    const axis = normalizeAxis(a, dims.length);
    if (axis === undefined) ctx.fail(`axis ${a} is out of range for rank ${dims.length}`);
    const step = steps?.[k] ?? 1;
    if (step !== 1 && v.kind === "act") ctx.fail(`step ${step} is not supported on activations`);
    if (step < 1) ctx.fail(`step ${step} is not supported`);
    const [s, e] = sliceBounds(starts[k], ends[k], dims[axis]);
    bounds[axis] = [s, e, step];
  });
  const outDims = bounds.map(([s, e, step]) => Math.ceil((e - s) / step));
  if (v.kind === "const") {
    const values = dims.length === 1 && (v.values || v.tensor) ? ctx.valuesOf(v, "data") : undefined;
    const [s, e, step] = bounds[0] ?? [0, 0, 1];
    const picked = values ? values.filter((_, k) => k >= s && k < e && (k - s) % step === 0) : undefined;
    return ctx.set(0, { kind: "const", name: ctx.output(), dims: outDims, dataType: v.dataType, values: picked });
  }
  bounds.forEach(([s, e], axis) => {
    if (axis !== 1 && (s !== 0 || e !== dims[axis])) ctx.fail(`slices axis ${axis} of [${dims.join(", ")}]; only channel slices are supported`);
  });
  channelAxis(ctx, v, 1);
  channelSlice(ctx, v, bounds[1][0], bounds[1][1], 0, "");
}

/** Pad becomes pending padding on the activation; the next Conv/MaxPool/AveragePool absorbs it. */
export function pad(ctx: Ctx): void {
  const x = ctx.act(0);
  if (x.shape.length !== 4) ctx.fail(`expects a 4-D input; found shape [${x.shape.join(", ")}]`);
  let pads = ctx.opset < 11 ? attrInts(ctx.node, "pads") : ctx.optionalValues(1, "pads");
  if (!pads) ctx.fail("has no pads");
  const axes = ctx.opset >= 18 ? ctx.optionalValues(3, "axes") : undefined;
  if (axes) {
    const full = new Array<number>(8).fill(0);
    axes.forEach((a, k) => {
      const axis = normalizeAxis(a, 4);
      if (axis === undefined) ctx.fail(`axis ${a} is out of range`);
      full[axis] = pads![k];
      full[axis + 4] = pads![k + axes.length];
    });
    pads = full;
  }
  if (pads.length !== 8 || pads.some((p) => !(Number.isInteger(p) && p >= 0))) ctx.fail(`pads [${pads.join(", ")}] must be 8 non-negative integers`);
  if (pads[0] || pads[1] || pads[4] || pads[5]) ctx.fail(`pads the batch or channel axis (pads [${pads.join(", ")}])`);
  const value = ctx.opset < 11 ? attrFloat(ctx.node, "value", 0) : (ctx.optionalValues(2, "constant value")?.[0] ?? 0);
  const modeName = attrString(ctx.node, "mode", "constant");
  if (modeName !== "constant" || value !== 0) ctx.warn(`${modeName} padding with value ${value} is folded like zero padding (same shapes and MACs)`);
  const prev = x.pad?.pads ?? [0, 0, 0, 0];
  const [t, l, b, r] = [pads[2], pads[3], pads[6], pads[7]];
  const out: Act = {
    ...x,
    shape: [1, x.shape[1], x.shape[2] + t + b, x.shape[3] + l + r],
    pad: { pads: [prev[0] + t, prev[1] + l, prev[2] + b, prev[3] + r], node: ctx.node.name || `#${ctx.index}` },
    exclusive: x.exclusive && ctx.uses(ctx.output()) === 1,
  };
  ctx.set(0, out);
}
