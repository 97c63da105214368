/**
 * ONNX import: a .onnx file → NetworkSpec (pimsyn's IR) plus warnings. Works on graph-only exports
 * (export_params=False: weights are graph inputs and only their declared dims are read) and on files with
 * initializers (read as views of the file buffer; only dims are used, so weights are never copied).
 * Shapes come from pimsyn's own inference (resolveNetwork), not from the file; the file's value_info is only
 * cross-checked. Every problem with the file is a one-line UserError naming it.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { UserError } from "../../errors.ts";
import { resolveNetwork } from "../resolve.ts";
import { NETWORK_SCHEMA_VERSION, type Network, type NetworkSpec, type Shape } from "../types.ts";
import { irView, sameShape, type Act, type Ctx, type Value } from "./context.ts";
import { convertGraph } from "./convert.ts";
import { decodeModel, toNumber, type GraphMsg, type ValueInfoMsg } from "./decode.ts";
import { prepareGraph } from "./graph.ts";

export interface ImportOptions {
  /** C×H×W of the data input; required when the file's input has symbolic or zero dims. */
  inputShape?: Shape;
  /** Network name; default: the file name without `.onnx`. */
  name?: string;
}

export interface ImportResult {
  spec: NetworkSpec;
  warnings: string[];
}

const MAX_NAME_LENGTH = 200;

export function importOnnx(file: string, opts: ImportOptions = {}): ImportResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(e)})`, { file });
  }
  return importOnnxBytes(bytes, file, opts);
}

/** Dims of a ValueInfo's tensor type; symbolic or non-positive dims are reported as their name (or "?"). */
function declaredDims(v: ValueInfoMsg): (number | string)[] | undefined {
  const dims = v.type?.tensor_type?.shape?.dim;
  if (!dims) return undefined;
  return dims.map((d) => {
    const value = d.value === "dim_value" ? toNumber(d.dim_value) : undefined;
    return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : d.dim_param || "?";
  });
}

/** Initializers and weight graph inputs: constants whose dims are known before any node runs. */
function weightValues(graph: GraphMsg, dataInput: string, file: string): Map<string, Value> {
  const weights = new Map<string, Value>();
  graph.input.forEach((v) => {
    if (v.name === dataInput || v.name === "") return;
    const dims = (declaredDims(v) ?? []).map((d) => (typeof d === "number" ? d : -1));
    weights.set(v.name, { kind: "const", name: v.name, dims, dataType: v.type?.tensor_type?.elem_type ?? 1 });
  });
  graph.initializer.forEach((t, k) => {
    const dims = t.dims.map(toNumber);
    if (!dims.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new UserError(`initializer '${t.name}' has invalid dims [${dims.join(", ")}]`, { file, pointer: `/graph/initializer/${k}` });
    }
    weights.set(t.name, { kind: "const", name: t.name, dims, dataType: t.data_type, tensor: t });
  });
  return weights;
}

function dataInputAct(graph: GraphMsg, name: string, override: Shape | undefined, file: string, warnings: string[]): { input: Act; fileShape?: Shape } {
  const k = graph.input.findIndex((v) => v.name === name);
  const dims = declaredDims(graph.input[k]);
  const pointer = `/graph/input/${k}`;
  if (!dims) throw new UserError(`input '${name}' has no tensor shape`, { file, pointer });
  // Rank 3 is a transformer's [B, S, F] in a graph without image operators.
  if (dims.length === 3 && !graph.node.some((n) => IMAGE_OPS.has(n.op_type))) return tokenInput(name, dims, override, file, pointer);
  if (dims.length !== 4 && dims.length !== 2) {
    throw new UserError(`input '${name}' has rank ${dims.length}; an image N×C×H×W or a vector N×F is expected`, { file, pointer });
  }
  const text = `[${dims.join(",")}]`;
  if (typeof dims[0] === "number" && dims[0] > 1) warnings.push(`input '${name}' has batch ${dims[0]}; pimsyn maps one image (batch 1)`);
  const known = dims.slice(1).every((d) => typeof d === "number");
  const fileShape = known ? irView([1, ...(dims.slice(1) as number[])]) : undefined;
  let shape: Shape;
  if (override) {
    if (dims.length === 2 && (override.h !== 1 || override.w !== 1)) {
      throw new UserError(`input '${name}' is a vector ${text}; --input-shape must be Fx1x1`, { file, pointer: "--input-shape" });
    }
    shape = override;
  } else if (fileShape) {
    shape = fileShape;
  } else {
    throw new UserError(`input '${name}' has dynamic shape ${text}; pass --input-shape CxHxW`, { file, pointer: "--input-shape" });
  }
  const onnxShape = dims.length === 4 ? [1, shape.c, shape.h, shape.w] : [1, shape.c];
  return { input: { kind: "act", ref: name, shape: onnxShape, ir: shape, exclusive: false }, fileShape };
}

const IMAGE_OPS = new Set(["Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization", "Resize", "Upsample"]);

/** A transformer input [B, S, F]: features × tokens × batch in the IR (docs/networks.md). */
function tokenInput(name: string, dims: (number | string)[], override: Shape | undefined, file: string, pointer: string): { input: Act; fileShape?: Shape } {
  if (override) throw new UserError(`input '${name}' is a token tensor [B, S, F]; --input-shape applies to images`, { file, pointer: "--input-shape" });
  if (!dims.every((d) => typeof d === "number" && d >= 1)) {
    throw new UserError(`input '${name}' has dynamic shape [${dims.join(",")}]; export the transformer with fixed batch and sequence length`, { file, pointer });
  }
  const [b, s, f] = dims as number[];
  const ir: Shape = { c: f, h: s, w: b };
  return { input: { kind: "act", ref: name, shape: [b, s, f], ir, exclusive: false, tok: { layout: "rows", heads: 1 } }, fileShape: ir };
}

/** Omit `inputs` where it is the default (the previous layer, or the input for the first layer): easier to read. */
function compactInputs(spec: NetworkSpec): void {
  spec.layers.forEach((layer, i) => {
    const previous = i === 0 ? spec.input.name : spec.layers[i - 1].name;
    if (layer.inputs?.length === 1 && layer.inputs[0] === previous) delete layer.inputs;
  });
}

/** Resolve with pimsyn's inference; errors point at the ONNX node, and the importer's own shapes must agree. */
function resolveChecked(spec: NetworkSpec, ctx: Ctx, file: string): Network {
  let network: Network;
  try {
    network = resolveNetwork(spec, { file });
  } catch (e) {
    const i = e instanceof UserError ? /^\/layers\/(\d+)/.exec(e.pointer ?? "") : null;
    if (!i || !ctx.layerOrigins[Number(i[1])]) throw e;
    const origin = ctx.layerOrigins[Number(i[1])];
    throw new UserError(`${origin.label}: ${(e as UserError).message}`, { file, pointer: origin.pointer });
  }
  const tracked = new Map(spec.layers.map((l, k) => [l.name, ctx.layerShapes[k]]));
  for (const layer of network.layers) {
    const mine = tracked.get(layer.name)!;
    if (!sameShape(mine, layer.outShape)) {
      const s = (x: Shape) => `${x.c}×${x.h}×${x.w}`;
      throw new Error(`ONNX import tracked ${s(mine)} for layer '${layer.name}' but shape inference gives ${s(layer.outShape)}`);
    }
  }
  return network;
}

/** Warn where the file's value_info disagrees with the inferred shape of the layer a tensor comes from. */
function crossCheckValueInfo(graph: GraphMsg, ctx: Ctx, network: Network): void {
  const byName = new Map(network.layers.map((l) => [l.name, l]));
  for (const v of [...graph.value_info, ...graph.output]) {
    const layer = byName.get(ctx.tensorLayers.get(v.name) ?? "");
    const dims = declaredDims(v);
    if (!layer || !dims || !dims.slice(1).every((d) => typeof d === "number")) continue;
    const view = irView([1, ...(dims.slice(1) as number[])]);
    if (view && !sameShape(view, layer.outShape)) {
      const o = layer.outShape;
      ctx.warnings.push(`value_info gives '${v.name}' shape [${dims.join(",")}] but pimsyn infers ${o.c}×${o.h}×${o.w} (layer '${layer.name}')`);
    }
  }
}

export function importOnnxBytes(bytes: Uint8Array, file: string, opts: ImportOptions = {}): ImportResult {
  const model = decodeModel(bytes, file);
  const graph = model.graph!;
  const prepared = prepareGraph(model, file);
  const warnings: string[] = [];
  const { input, fileShape } = dataInputAct(graph, prepared.dataInput, opts.inputShape, file, warnings);
  const { ctx } = convertGraph(graph, prepared, file, input, weightValues(graph, prepared.dataInput, file));
  if (ctx.layers.length === 0) throw new UserError("the graph has no operator pimsyn maps to a layer", { file });
  const producer = [model.producer_name, model.producer_version].filter(Boolean).join(" ");
  const name = opts.name ?? (basename(file).replace(/\.onnx$/i, "") || graph.name || "onnx-model");
  const spec: NetworkSpec = {
    schemaVersion: NETWORK_SCHEMA_VERSION,
    name: name.slice(0, MAX_NAME_LENGTH),
    source: `ONNX file ${basename(file)}${producer ? ` (${producer})` : ""}, opset ${prepared.opset}`,
    input: { name: input.ref, shape: [input.ir.c, input.ir.h, input.ir.w] },
    layers: ctx.layers,
  };
  compactInputs(spec);
  const network = resolveChecked(spec, ctx, file);
  // The file's value_info describes the file's own input shape; with another --input-shape it cannot agree.
  if (!opts.inputShape || (fileShape && sameShape(fileShape, opts.inputShape))) crossCheckValueInfo(graph, ctx, network);
  return { spec, warnings: [...warnings, ...ctx.warnings] };
}
