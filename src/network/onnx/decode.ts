/**
 * Decode ONNX bytes into ModelProto messages with protobufjs and the vendored onnx.proto (loaded once,
 * at first use). Every decode failure becomes a one-line UserError naming the file.
 *
 * Memory: protobufjs hands `bytes` fields out as views of the input buffer, so `raw_data` costs nothing.
 * The packed numeric fields `float_data`/`double_data` would instead become JS number arrays (8 bytes per
 * element plus array overhead: a 45 MB weight file would need ~100 MB more), so the runtime schema reads
 * them as `bytes` too. The wire format of a packed float field is exactly the little-endian float32
 * payload, so the view is read like `raw_data` when a value is needed (tensor.ts).
 */
import { packagePath } from "../../paths.ts";
import { readFileSync } from "node:fs";
import protobuf from "protobufjs";
import { UserError } from "../../errors.ts";

/** protobufjs decodes int64 as Long objects when the `long` package is present, else as numbers. */
export type Int64 = number | { toNumber(): number };

export interface TensorMsg {
  name: string;
  dims: Int64[];
  data_type: number;
  raw_data?: Uint8Array;
  /** Packed float32 payload as bytes (see the module comment). */
  float_data?: Uint8Array;
  /** Packed float64 payload as bytes. */
  double_data?: Uint8Array;
  int32_data: number[];
  int64_data: Int64[];
  uint64_data: Int64[];
  data_location: number;
}

export interface AttributeMsg {
  name: string;
  type: number;
  f: number;
  i: Int64;
  s: Uint8Array;
  t?: TensorMsg;
  floats: number[];
  ints: Int64[];
}

export interface NodeMsg {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  domain: string;
  attribute: AttributeMsg[];
}

export interface DimMsg {
  value?: "dim_value" | "dim_param";
  dim_value?: Int64;
  dim_param?: string;
}

export interface ValueInfoMsg {
  name: string;
  type?: { value?: string; tensor_type?: { elem_type: number; shape?: { dim: DimMsg[] } } };
}

export interface GraphMsg {
  node: NodeMsg[];
  name: string;
  initializer: TensorMsg[];
  input: ValueInfoMsg[];
  output: ValueInfoMsg[];
  value_info: ValueInfoMsg[];
}

export interface ModelMsg {
  ir_version: Int64;
  opset_import: { domain: string; version: Int64 }[];
  producer_name: string;
  producer_version: string;
  graph?: GraphMsg;
}

let modelType: protobuf.Type | undefined;

function loadModelType(): protobuf.Type {
  if (modelType) return modelType;
  const protoText = readFileSync(packagePath("src", "network", "onnx", "onnx.proto"), "utf8");
  const root = protobuf.parse(protoText, { keepCase: true }).root;
  const tensor = root.lookupType("onnx.TensorProto");
  for (const [name, id] of [["float_data", 4], ["double_data", 10]] as const) {
    tensor.remove(tensor.fields[name]);
    tensor.add(new protobuf.Field(name, id, "bytes"));
  }
  modelType = root.lookupType("onnx.ModelProto");
  return modelType;
}

export function toNumber(v: Int64 | undefined): number {
  if (v === undefined || v === null) return 0;
  return typeof v === "number" ? v : v.toNumber();
}

/** Decode a ModelProto; truncated or non-protobuf bytes become a UserError. */
export function decodeModel(bytes: Uint8Array, file: string): ModelMsg {
  const type = loadModelType();
  let model: ModelMsg;
  try {
    model = type.decode(bytes) as unknown as ModelMsg;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new UserError(`not a valid ONNX model: protobuf decoding failed (${why}); is the file truncated?`, { file });
  }
  if (!model.graph) throw new UserError("not a valid ONNX model: it has no graph", { file });
  return model;
}
