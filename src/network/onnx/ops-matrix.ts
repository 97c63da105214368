/**
 * Transformer graphs: activations of rank 3 [B, S, F] read as F × S × B (features × tokens × stack), and the
 * attention idiom around them: Reshape [B, S, H, dh] then Transpose to [B, H, S, dh] (splitHeads; to
 * [B, H, dh, S] for Kᵀ), MatMul of two activations (matmul), Transpose back and Reshape to [B, S, F]
 * (mergeHeads), MatMul by a constant weight (linear), Softmax over the last axis, LayerNormalization, bias and
 * residual Adds, and scaling by a constant (no MACs: folded away). Only activations that carry a token view use
 * these handlers; image graphs keep the CNN handlers.
 */
import { attrInt, attrInts } from "./attributes.ts";
import type { Act, Const, Ctx, TokenView, Value } from "./context.ts";
import { elementCount } from "./tensor.ts";

/** The handler's token-mode input, if the node's first activation input is a token tensor. */
export function tokenAct(ctx: Ctx): Act | undefined {
  for (const name of ctx.node.input) {
    // Peek without failing: absorbed inputs (a gate's sigmoid) have no value, and the CNN handler reports them.
    const v = name === "" ? undefined : ctx.values.get(name);
    if (v?.kind === "act" && v.tok) return v;
  }
  return undefined;
}

function withTok(out: Act, tok: TokenView): Act {
  out.tok = tok;
  return out;
}

function lastAxis(ctx: Ctx, x: Act, what: string): void {
  const axis = attrInt(ctx.node, "axis", -1);
  if (axis !== -1 && axis !== x.shape.length - 1) ctx.fail(`${what} over axis ${axis} is not supported (only the last axis)`);
}

export function matrixMatMul(ctx: Ctx): void {
  const a = ctx.act(0);
  const b = ctx.input(1);
  if (!a.tok || !b) return ctx.fail("expects a token tensor as its first input");
  if (b.kind === "const") {
    if (b.dims.length !== 2 || b.dims[0] !== a.ir.c) ctx.fail(`the weight dims [${b.dims.join(", ")}] do not match ${a.ir.c} input features`);
    const k = b.dims[1];
    const out = ctx.emit({ kind: "linear", outFeatures: k }, [a], { c: k, h: a.ir.h, w: a.ir.w }, [...a.shape.slice(0, -1), k]);
    withTok(out, a.tok);
    return;
  }
  if (!b.tok) ctx.fail("multiplies a token tensor by a tensor pimsyn cannot read as tokens");
  if (a.tok.layout !== "heads") ctx.fail(`the first operand must be split into heads ([B, H, S, d]); found [${a.shape.join(", ")}]`);
  const transposeB = b.tok.layout === "headsT";
  if (!transposeB && b.tok.layout !== "heads") ctx.fail(`the second operand must be split into heads; found [${b.shape.join(", ")}]`);
  if (a.ir.w !== b.ir.w) ctx.fail(`operands stack ${a.ir.w} and ${b.ir.w} matrices`);
  const n = transposeB ? b.ir.h : b.ir.c;
  const out = ctx.emit({ kind: "matmul", ...(transposeB ? { transposeB: true } : {}) }, [a, b], { c: n, h: a.ir.h, w: a.ir.w }, [...a.shape.slice(0, -1), n]);
  withTok(out, { layout: "heads", heads: a.tok.heads });
}

export function matrixReshape(ctx: Ctx): void {
  const x = ctx.act(0);
  const tok = x.tok as TokenView;
  const target = ctx.valuesOf(ctx.constant(1, "target shape"), "target shape").map((d, k) => (d === 0 ? x.shape[k] : d));
  if (target.includes(-1)) {
    const known = elementCount(target.filter((d) => d !== -1));
    target[target.indexOf(-1)] = elementCount(x.shape) / known;
  }
  const [b, s] = x.shape;
  if (tok.layout === "rows" && target.length === 4 && target[0] === b && target[1] === s && target[2] * target[3] === x.ir.c) {
    ctx.alias(x, target).tok = { layout: "grouped", heads: target[2] };
    return;
  }
  if (tok.layout === "merging" && target.length === 3 && target[0] === b && target[1] === s && target[2] === x.shape[2] * x.shape[3]) {
    const heads = tok.heads;
    const out = ctx.emit({ kind: "mergeHeads", heads }, [x], { c: x.ir.c * heads, h: x.ir.h, w: x.ir.w / heads }, target);
    withTok(out, { layout: "rows", heads: 1 });
    return;
  }
  ctx.fail(`reshape [${x.shape.join(", ")}] → [${target.join(", ")}] is not a head split or merge`);
}

export function matrixTranspose(ctx: Ctx): void {
  const x = ctx.act(0);
  const tok = x.tok as TokenView;
  const perm = (attrInts(ctx.node, "perm") ?? []).join(",");
  const s = x.shape;
  if (tok.layout === "grouped" && (perm === "0,2,1,3" || perm === "0,2,3,1")) {
    const heads = tok.heads;
    const t = perm === "0,2,1,3";
    const onnx = t ? [s[0], s[2], s[1], s[3]] : [s[0], s[2], s[3], s[1]];
    const out = ctx.emit({ kind: "splitHeads", heads }, [x], { c: x.ir.c / heads, h: x.ir.h, w: x.ir.w * heads }, onnx);
    withTok(out, { layout: t ? "heads" : "headsT", heads });
    return;
  }
  if ((tok.layout === "heads" || tok.layout === "headsT") && perm === "0,1,3,2") {
    ctx.alias(x, [s[0], s[1], s[3], s[2]]).tok = { layout: tok.layout === "heads" ? "headsT" : "heads", heads: tok.heads };
    return;
  }
  if (tok.layout === "heads" && perm === "0,2,1,3") {
    ctx.alias(x, [s[0], s[2], s[1], s[3]]).tok = { layout: "merging", heads: tok.heads };
    return;
  }
  ctx.fail(`transpose [${s.join(", ")}] by [${perm}] is not a head split or merge`);
}

export function matrixSoftmax(ctx: Ctx): void {
  const x = ctx.act(0);
  lastAxis(ctx, x, "softmax");
  withTok(ctx.emit({ kind: "softmax" }, [x], x.ir, x.shape), x.tok as TokenView);
}

export function layerNormalization(ctx: Ctx): void {
  const x = ctx.act(0);
  if (!x.tok) ctx.fail("is supported on token tensors [B, S, F] only");
  ctx.onlyFirstOutput();
  lastAxis(ctx, x, "normalization");
  withTok(ctx.emit({ kind: "layerNorm" }, [x], x.ir, x.shape), x.tok);
}

/** Add/Sub/Mul/Div on token tensors: residual adds, biases of linears, scaling by a constant. */
export function matrixElementwise(ctx: Ctx): void {
  const inputs = ctx.node.input.map((_, k) => ctx.input(k)).filter((v): v is Value => v !== undefined);
  const acts = inputs.filter((v): v is Act => v.kind === "act");
  const consts = inputs.filter((v): v is Const => v.kind === "const");
  const op = ctx.node.op_type;
  const x = acts[0];
  if (acts.length === 2 && op === "Add") {
    const [a, b] = acts;
    if (a.shape.join(",") !== b.shape.join(",")) ctx.fail(`adds activations of different shapes [${a.shape.join(", ")}] and [${b.shape.join(", ")}]`);
    withTok(ctx.emit({ kind: "add" }, [a, b], a.ir, a.shape), x.tok as TokenView);
    return;
  }
  if (acts.length === 2 && op === "Mul" && acts[0].shape.join(",") === acts[1].shape.join(",")) {
    withTok(ctx.emit({ kind: "mul" }, acts, x.ir, x.shape), x.tok as TokenView);
    return;
  }
  if (acts.length !== 1 || consts.length !== 1) ctx.fail(`${op} of these operands is not supported on token tensors`);
  const c = consts[0];
  const size = elementCount(c.dims);
  const target = ctx.fusionTarget(x);
  if (op === "Add" && size === x.ir.c && target?.kind === "linear" && !target.bias && !target.activation) {
    target.bias = true;
    ctx.alias(x, x.shape);
    return;
  }
  // A scale by one constant (attention's 1/√d) costs no MACs on the arrays: it folds into the next step.
  if ((op === "Div" || op === "Mul") && size === 1 && inputs[0] === x) {
    ctx.alias(x, x.shape);
    return;
  }
  ctx.fail(`${op} with the constant '${c.name}' (dims [${c.dims.join(", ")}]) is not supported on token tensors`);
}
