/** ONNX graph → IR layers: one handler per operator type, run over the nodes in topological order. */
import { UserError } from "../../errors.ts";
import type { GraphMsg } from "./decode.ts";
import { Ctx, type Act, type Value } from "./context.ts";
import type { PreparedGraph } from "./graph.ts";
import { batchNorm, conv, gemm, globalPool, matMul, pool, reduceMean } from "./ops-compute.ts";
import { activationOp, clip, concat, elementwise, resize, softmax } from "./ops-elementwise.ts";
import { layerNormalization, matrixElementwise, matrixMatMul, matrixReshape, matrixSoftmax, matrixTranspose, tokenAct } from "./ops-matrix.ts";
import {
  constant, constantOfShape, flatten, gather, pad, passThrough, reshape, rounding, shape, slice, split, squeeze,
  transpose, unsqueeze,
} from "./ops-routing.ts";

type Handler = (ctx: Ctx) => void;

/** The transformer handler when the node reads a token tensor, else the CNN one. */
const tokens = (matrix: Handler, image: Handler): Handler => (ctx) => (tokenAct(ctx) ? matrix(ctx) : image(ctx));

const HANDLERS: Record<string, Handler> = {
  Conv: conv,
  Gemm: gemm,
  MatMul: tokens(matrixMatMul, matMul),
  LayerNormalization: layerNormalization,
  BatchNormalization: batchNorm,
  MaxPool: (ctx) => pool(ctx, "max"),
  AveragePool: (ctx) => pool(ctx, "avg"),
  GlobalAveragePool: (ctx) => globalPool(ctx, "avg"),
  GlobalMaxPool: (ctx) => globalPool(ctx, "max"),
  ReduceMean: reduceMean,
  Relu: activationOp,
  LeakyRelu: activationOp,
  Sigmoid: activationOp,
  Tanh: activationOp,
  HardSigmoid: activationOp,
  HardSwish: activationOp,
  Clip: clip,
  Softmax: tokens(matrixSoftmax, softmax),
  LogSoftmax: softmax,
  Add: tokens(matrixElementwise, elementwise),
  Sum: elementwise,
  Sub: tokens(matrixElementwise, elementwise),
  Mul: tokens(matrixElementwise, elementwise),
  Div: tokens(matrixElementwise, elementwise),
  Concat: concat,
  Resize: resize,
  Upsample: resize,
  Identity: passThrough,
  Dropout: passThrough,
  Cast: passThrough,
  Constant: constant,
  ConstantOfShape: constantOfShape,
  Shape: shape,
  Gather: gather,
  Floor: rounding,
  Ceil: rounding,
  Reshape: tokens(matrixReshape, reshape),
  Flatten: flatten,
  Transpose: tokens(matrixTranspose, transpose),
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Split: split,
  Slice: slice,
  Pad: pad,
};

export interface Conversion {
  ctx: Ctx;
  /** The activation each graph output carries. */
  outputs: Act[];
}

/**
 * Convert the graph. `input` is the data input's activation; `weights` the constants known before any node
 * runs (initializers and weight graph inputs).
 */
export function convertGraph(graph: GraphMsg, prepared: PreparedGraph, file: string, input: Act, weights: Map<string, Value>): Conversion {
  const ctx = new Ctx(file, prepared, input.ref);
  for (const [name, v] of weights) ctx.values.set(name, v);
  ctx.values.set(input.ref, input);
  for (const { node, index } of prepared.order) {
    if (prepared.absorbed.has(node)) continue;
    ctx.node = node;
    ctx.index = index;
    const handler = HANDLERS[node.op_type];
    // checkSupportedOps has already rejected every op without a handler; this guards the two lists' agreement.
    if (!handler) throw new Error(`no handler for supported op ${node.op_type}`);
    handler(ctx);
  }
  const outputs = graph.output.map((o) => {
    const v = ctx.values.get(o.name);
    if (v?.kind === "act") return v;
    const why = v ? "is a constant, not computed from the input" : "is not produced by any node";
    throw new UserError(`graph output '${o.name}' ${why}`, { file, pointer: "/graph/output" });
  });
  return { ctx, outputs };
}
