/**
 * Operators that become IR compute layers: Conv, Gemm/MatMul (fc), pooling, ReduceMean, and BatchNormalization
 * (folded into the conv/fc it follows, else an affine layer). Output sizes follow ONNX/PyTorch: floor by
 * default; ceil_mode drops a last window that would start in the right padding, as PyTorch does.
 */
import type { Shape } from "../types.ts";
import { attrInt, attrInts, attrString } from "./attributes.ts";
import type { Act, Ctx, Pads } from "./context.ts";
import { normalizeAxis } from "./tensor.ts";

function positiveInts(ctx: Ctx, values: number[], what: string, length: number): number[] {
  if (values.length !== length || !values.every((v) => Number.isInteger(v) && v >= 1)) {
    ctx.fail(`${what} must be ${length} positive integers; found [${values.join(", ")}]`);
  }
  return values;
}

function image(ctx: Ctx, slot = 0): Act {
  const x = ctx.act(slot);
  if (x.shape.length !== 4 || x.shape[0] !== 1) ctx.fail(`expects a 4-D N×C×H×W input; found shape [${x.shape.join(", ")}]`);
  return x;
}

/**
 * Explicit pads [top, left, bottom, right] of a conv/pool window, from `pads` or `auto_pad`, plus a Pad node
 * folded from the input. `size` is the (already padded) input H, W.
 */
function windowPads(ctx: Ctx, x: Act, kernel: number[], strides: number[], dilations: number[]): Pads {
  const size = [x.shape[2], x.shape[3]];
  const autoPad = attrString(ctx.node, "auto_pad", "NOTSET");
  let own: Pads;
  if (autoPad === "NOTSET") {
    const p = attrInts(ctx.node, "pads") ?? [0, 0, 0, 0];
    if (p.length !== 4 || !p.every((v) => Number.isInteger(v) && v >= 0)) ctx.fail(`pads must be 4 non-negative integers; found [${p.join(", ")}]`);
    own = [p[0], p[1], p[2], p[3]];
  } else if (autoPad === "VALID") {
    own = [0, 0, 0, 0];
  } else if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") {
    const begin: number[] = [];
    const end: number[] = [];
    for (let k = 0; k < 2; k++) {
      const out = Math.ceil(size[k] / strides[k]);
      const total = Math.max(0, (out - 1) * strides[k] + (kernel[k] - 1) * dilations[k] + 1 - size[k]);
      const small = Math.floor(total / 2);
      begin.push(autoPad === "SAME_UPPER" ? small : total - small);
      end.push(total - begin[k]);
    }
    own = [begin[0], begin[1], end[0], end[1]];
  } else {
    ctx.fail(`auto_pad '${autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
  }
  const folded = x.pad?.pads ?? [0, 0, 0, 0];
  return [own[0] + folded[0], own[1] + folded[1], own[2] + folded[2], own[3] + folded[3]];
}

/** The input without its pending Pad: the IR conv/pool reads the unpadded tensor and pads itself. */
function unpadded(x: Act): Act {
  if (!x.pad) return x;
  const [t, l, b, r] = x.pad.pads;
  return { ...x, pad: undefined, shape: [1, x.shape[1], x.shape[2] - t - b, x.shape[3] - l - r] };
}

function windowOutput(ctx: Ctx, inSize: number, padBegin: number, padEnd: number, k: number, s: number, d: number, ceil: boolean): number {
  const span = inSize + padBegin + padEnd - (d * (k - 1) + 1);
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= inSize + padBegin) out--;
  if (!(out >= 1)) ctx.fail(`the window (kernel ${k}, dilation ${d}) is larger than the padded input ${inSize + padBegin + padEnd}`);
  return out;
}

function isDefault(values: number[], fill: number): boolean {
  return values.every((v) => v === fill);
}

export function conv(ctx: Ctx): void {
  const x = image(ctx);
  const w = ctx.constant(1, "weight");
  if (w.dims.length !== 4) ctx.fail(`only 2-D convolutions are supported; the weight has dims [${w.dims.join(", ")}]`);
  const [outChannels, inPerGroup, kh, kw] = positiveInts(ctx, w.dims, "weight dims", 4);
  const groups = attrInt(ctx.node, "group", 1);
  const inChannels = x.shape[1];
  if (!(groups >= 1) || inPerGroup * groups !== inChannels || outChannels % groups !== 0) {
    ctx.fail(`weight [${w.dims.join(", ")}] with group ${groups} does not fit ${inChannels} input channels`);
  }
  const kernel = attrInts(ctx.node, "kernel_shape") ?? [kh, kw];
  if (kernel.length !== 2 || kernel[0] !== kh || kernel[1] !== kw) ctx.fail(`kernel_shape [${kernel.join(", ")}] differs from the weight's [${kh}, ${kw}]`);
  const strides = positiveInts(ctx, attrInts(ctx.node, "strides") ?? [1, 1], "strides", 2);
  const dilations = positiveInts(ctx, attrInts(ctx.node, "dilations") ?? [1, 1], "dilations", 2);
  const pads = windowPads(ctx, x, kernel, strides, dilations);
  const input = unpadded(x);
  const h = windowOutput(ctx, input.shape[2], pads[0], pads[2], kh, strides[0], dilations[0], false);
  const wo = windowOutput(ctx, input.shape[3], pads[1], pads[3], kw, strides[1], dilations[1], false);
  ctx.emit(
    {
      kind: "conv",
      outChannels,
      kernel: [kh, kw],
      ...(isDefault(strides, 1) ? {} : { stride: [strides[0], strides[1]] as [number, number] }),
      ...(isDefault(pads, 0) ? {} : { pad: pads }),
      ...(isDefault(dilations, 1) ? {} : { dilation: [dilations[0], dilations[1]] as [number, number] }),
      ...(groups === 1 ? {} : { groups }),
      bias: ctx.input(2) !== undefined,
    },
    [input],
    { c: outChannels, h, w: wo },
    [1, outChannels, h, wo],
  );
}

function vectorInput(ctx: Ctx): Act {
  const x = ctx.act(0);
  if (x.shape.length !== 2 || x.shape[0] !== 1) ctx.fail(`expects a 2-D 1×F input (flatten first); found shape [${x.shape.join(", ")}]`);
  return x;
}

function fc(ctx: Ctx, x: Act, inFeatures: number, outFeatures: number, bias: boolean): void {
  if (inFeatures !== x.shape[1]) ctx.fail(`the weight expects ${inFeatures} input features; the input has ${x.shape[1]}`);
  if (!(Number.isInteger(outFeatures) && outFeatures >= 1)) ctx.fail(`the weight gives ${outFeatures} output features`);
  ctx.emit({ kind: "fc", outFeatures, bias }, [x], { c: outFeatures, h: 1, w: 1 }, [1, outFeatures]);
}

export function gemm(ctx: Ctx): void {
  const x = vectorInput(ctx);
  if (attrInt(ctx.node, "transA", 0) !== 0) ctx.fail("transA = 1 (a transposed activation) is not supported");
  const b = ctx.constant(1, "weight");
  if (b.dims.length !== 2) ctx.fail(`the weight must be 2-D; found dims [${b.dims.join(", ")}]`);
  const [k, n] = attrInt(ctx.node, "transB", 0) ? [b.dims[1], b.dims[0]] : [b.dims[0], b.dims[1]];
  fc(ctx, x, k, n, ctx.input(2) !== undefined);
}

export function matMul(ctx: Ctx): void {
  const x = vectorInput(ctx);
  const b = ctx.constant(1, "weight");
  if (b.dims.length !== 2) ctx.fail(`the weight must be 2-D; found dims [${b.dims.join(", ")}]`);
  fc(ctx, x, b.dims[0], b.dims[1], false);
}

/** Per-channel scale and shift not folded into a layer; consecutive ones merge (x − mean) / std → one. */
export function affine(ctx: Ctx, x: Act): void {
  const target = ctx.fusionTarget(x);
  if (target?.kind === "affine" && !target.activation) {
    ctx.alias(x, x.shape);
    return;
  }
  ctx.emit({ kind: "affine" }, [x], x.ir, x.shape);
}

export function batchNorm(ctx: Ctx): void {
  const x = ctx.act(0);
  ctx.onlyFirstOutput();
  if (x.shape.length < 2) ctx.fail(`expects an N×C×... input; found shape [${x.shape.join(", ")}]`);
  const c = x.shape[1];
  for (let slot = 1; slot <= 4; slot++) {
    const p = ctx.constant(slot, ["", "scale", "bias", "mean", "variance"][slot]);
    if (p.dims.length !== 1 || p.dims[0] !== c) ctx.fail(`input ${slot} must have dims [${c}]; found [${p.dims.join(", ")}]`);
  }
  // y = γ(x − μ)/σ + β is an affine map per channel: into a conv/fc it only rescales weights and adds a bias.
  const target = ctx.fusionTarget(x);
  if ((target?.kind === "conv" || target?.kind === "fc") && !target.activation) {
    target.bias = true;
    ctx.alias(x, x.shape);
    return;
  }
  affine(ctx, x);
}

export function pool(ctx: Ctx, method: "max" | "avg"): void {
  const x = image(ctx);
  ctx.onlyFirstOutput();
  const kernel = positiveInts(ctx, attrInts(ctx.node, "kernel_shape") ?? [], "kernel_shape", 2);
  const strides = positiveInts(ctx, attrInts(ctx.node, "strides") ?? [1, 1], "strides", 2);
  const dilations = positiveInts(ctx, attrInts(ctx.node, "dilations") ?? [1, 1], "dilations", 2);
  if (!isDefault(dilations, 1)) ctx.fail(`dilated pooling (dilations [${dilations.join(", ")}]) is not supported`);
  const ceil = attrInt(ctx.node, "ceil_mode", 0) !== 0;
  const ownPadsZero = isDefault(windowPads(ctx, { ...x, pad: undefined }, kernel, strides, dilations), 0);
  const pads = windowPads(ctx, x, kernel, strides, dilations);
  const input = unpadded(x);
  // PyTorch exports AvgPool2d(padding=p, count_include_pad=True) as Pad + AveragePool: the folded zeros count.
  const countIncludePad = method === "avg" && (attrInt(ctx.node, "count_include_pad", 0) !== 0 || (x.pad !== undefined && ownPadsZero));
  const h = windowOutput(ctx, input.shape[2], pads[0], pads[2], kernel[0], strides[0], 1, ceil);
  const w = windowOutput(ctx, input.shape[3], pads[1], pads[3], kernel[1], strides[1], 1, ceil);
  const c = x.shape[1];
  ctx.emit(
    {
      kind: "pool",
      method,
      kernel: [kernel[0], kernel[1]],
      stride: [strides[0], strides[1]],
      ...(isDefault(pads, 0) ? {} : { pad: pads }),
      ...(ceil ? { ceilMode: true } : {}),
      ...(countIncludePad && !isDefault(pads, 0) ? { countIncludePad: true } : {}),
    },
    [input],
    { c, h, w },
    [1, c, h, w],
  );
}

export function globalPool(ctx: Ctx, method: "max" | "avg"): void {
  const x = image(ctx);
  const c = x.shape[1];
  ctx.emit({ kind: "pool", method, global: true }, [x], { c, h: 1, w: 1 }, [1, c, 1, 1]);
}

export function reduceMean(ctx: Ctx): void {
  const x = image(ctx);
  const axes = ctx.opset >= 18 ? ctx.optionalValues(1, "axes") : attrInts(ctx.node, "axes");
  const normalized = (axes ?? [0, 1, 2, 3]).map((a) => normalizeAxis(a, 4)).sort();
  if (normalized.length !== 2 || normalized[0] !== 2 || normalized[1] !== 3) {
    ctx.fail(`only the mean over the spatial axes [2, 3] is supported; axes are [${(axes ?? ["all"]).join(", ")}]`);
  }
  const c = x.shape[1];
  const keep = attrInt(ctx.node, "keepdims", 1) !== 0;
  const out: Shape = { c, h: 1, w: 1 };
  ctx.emit({ kind: "reduceMean" }, [x], out, keep ? [1, c, 1, 1] : [1, c]);
}
