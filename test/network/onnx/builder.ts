/**
 * Hand-built ONNX models for the tests, encoded with protobufjs from the vendored onnx.proto (a root of its
 * own: the importer's root reads float_data as bytes, this one writes the schema as published).
 */
import { readFileSync } from "node:fs";
import protobuf from "protobufjs";

const root = protobuf.parse(readFileSync(new URL("../../../src/network/onnx/onnx.proto", import.meta.url), "utf8"), { keepCase: true }).root;
const ModelProto = root.lookupType("onnx.ModelProto");

export const FLOAT = 1;
export const INT64 = 7;

type Attr = Record<string, unknown>;
export const int = (i: number): Attr => ({ type: 2, i });
export const ints = (v: number[]): Attr => ({ type: 7, ints: v });
export const float = (f: number): Attr => ({ type: 1, f });
export const floats = (v: number[]): Attr => ({ type: 6, floats: v });
export const str = (s: string): Attr => ({ type: 3, s: Buffer.from(s) });
export const tensorAttr = (t: Record<string, unknown>): Attr => ({ type: 4, t });

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<string, Attr>;
}

export function node(op: string, inputs: string[], outputs: string[], attrs: Record<string, Attr> = {}, name?: string): NodeSpec {
  return { op, inputs, outputs, attrs, name: name ?? outputs[0] };
}

export type Dims = (number | string)[];

export function valueInfo(name: string, dims: Dims, elemType = FLOAT) {
  const dim = dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

/** An int64 tensor stored in int64_data (or raw_data when `raw`), e.g. a Reshape target. */
export function int64Tensor(name: string, values: number[], dims: number[] = [values.length], raw = false) {
  if (raw) return { name, dims, data_type: INT64, raw_data: Buffer.from(new BigInt64Array(values.map(BigInt)).buffer) };
  return { name, dims, data_type: INT64, int64_data: values };
}

export function floatTensor(name: string, values: number[], dims: number[] = [values.length]) {
  return { name, dims, data_type: FLOAT, raw_data: Buffer.from(new Float32Array(values).buffer) };
}

/** A weight given only by its dims (graph-only export): a graph input. */
export interface ModelSpec {
  opset?: number;
  opsetDomain?: string;
  /** Data input and weight inputs. */
  inputs: { name: string; dims: Dims }[];
  nodes: NodeSpec[];
  outputs: (string | { name: string; dims: Dims })[];
  initializers?: Record<string, unknown>[];
  valueInfo?: { name: string; dims: Dims }[];
  omitGraph?: boolean;
}

export function modelObject(m: ModelSpec): Record<string, unknown> {
  const graph = {
    name: "test",
    node: m.nodes.map((n) => ({
      op_type: n.op,
      name: n.name,
      domain: n.domain,
      input: n.inputs,
      output: n.outputs,
      attribute: Object.entries(n.attrs ?? {}).map(([name, a]) => ({ name, ...a })),
    })),
    input: m.inputs.map((i) => valueInfo(i.name, i.dims)),
    output: m.outputs.map((o) => (typeof o === "string" ? { name: o } : valueInfo(o.name, o.dims))),
    initializer: m.initializers ?? [],
    value_info: (m.valueInfo ?? []).map((v) => valueInfo(v.name, v.dims)),
  };
  return {
    ir_version: 8,
    producer_name: "pimsyn-test",
    opset_import: [{ domain: m.opsetDomain ?? "", version: m.opset ?? 17 }],
    ...(m.omitGraph ? {} : { graph }),
  };
}

export function encode(obj: Record<string, unknown>): Uint8Array {
  return ModelProto.encode(ModelProto.fromObject(obj)).finish();
}

export function buildModel(m: ModelSpec): Uint8Array {
  return encode(modelObject(m));
}

/** A conv weight input [co, ci/g, k, k] for graph-only models. */
export function weight(name: string, dims: number[]): { name: string; dims: Dims } {
  return { name, dims };
}
