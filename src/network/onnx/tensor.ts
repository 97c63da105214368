/**
 * Constant tensors of an ONNX graph: their dims (always needed: weight shapes) and, for the small ones that
 * feed shape computations (Reshape targets, Slice bounds, Resize scales, Clip bounds), their values.
 * Values are read lazily, only when an operator asks, so weight payloads are never touched.
 */
import { toNumber, type TensorMsg } from "./decode.ts";

/** ONNX TensorProto.DataType codes this module reads. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
} as const;

const BYTES_PER_ELEMENT: Record<number, number> = {
  1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8,
};

/** Shape computations never need more than this many values; larger tensors are weights. */
export const MAX_FOLDED_ELEMENTS = 1 << 16;

export function isIntegerType(dataType: number): boolean {
  return dataType !== DataType.FLOAT && dataType !== DataType.DOUBLE && dataType !== DataType.FLOAT16;
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Why a tensor's values cannot be read (the caller names the node), or the values. */
export type ReadResult = { values: number[] } | { error: string };

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function readLittleEndian(bytes: Uint8Array, dataType: number, n: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    switch (dataType) {
      case DataType.FLOAT: out[k] = view.getFloat32(4 * k, true); break;
      case DataType.DOUBLE: out[k] = view.getFloat64(8 * k, true); break;
      case DataType.INT64: out[k] = Number(view.getBigInt64(8 * k, true)); break;
      case DataType.UINT64: out[k] = Number(view.getBigUint64(8 * k, true)); break;
      case DataType.INT32: out[k] = view.getInt32(4 * k, true); break;
      case DataType.UINT32: out[k] = view.getUint32(4 * k, true); break;
      case DataType.INT16: out[k] = view.getInt16(2 * k, true); break;
      case DataType.UINT16: out[k] = view.getUint16(2 * k, true); break;
      case DataType.FLOAT16: out[k] = halfToFloat(view.getUint16(2 * k, true)); break;
      case DataType.INT8: out[k] = view.getInt8(k); break;
      default: out[k] = view.getUint8(k); // UINT8, BOOL
    }
  }
  return out;
}

/** Read the values of a (small) TensorProto. */
export function readTensorValues(t: TensorMsg, dims: readonly number[]): ReadResult {
  const n = elementCount(dims);
  if (n > MAX_FOLDED_ELEMENTS) return { error: `tensor '${t.name}' is too large (${n} elements) to be a shape constant` };
  if (t.data_location === 1) return { error: `tensor '${t.name}' stores its data in an external file` };
  const size = BYTES_PER_ELEMENT[t.data_type];
  if (size === undefined) return { error: `tensor '${t.name}' has unsupported data type ${t.data_type}` };
  const raw = t.raw_data && t.raw_data.length > 0 ? t.raw_data : undefined;
  const packed =
    t.data_type === DataType.FLOAT ? t.float_data : t.data_type === DataType.DOUBLE ? t.double_data : undefined;
  const bytes = raw ?? (packed && packed.length > 0 ? packed : undefined);
  let values: number[];
  if (bytes) {
    if (bytes.length !== n * size) {
      return { error: `tensor '${t.name}' has ${bytes.length} bytes of data; ${n * size} expected for dims [${dims.join(",")}]` };
    }
    values = readLittleEndian(bytes, t.data_type, n);
  } else if (t.data_type === DataType.INT64) {
    values = t.int64_data.map(toNumber);
  } else if (t.data_type === DataType.UINT64 || t.data_type === DataType.UINT32) {
    values = t.uint64_data.map(toNumber);
  } else if (t.data_type === DataType.FLOAT16) {
    values = t.int32_data.map(halfToFloat);
  } else {
    values = [...t.int32_data];
  }
  if (values.length !== n) {
    return { error: `tensor '${t.name}' has ${values.length} values; ${n} expected for dims [${dims.join(",")}]` };
  }
  return { values };
}

/** numpy-style broadcast of two shapes, or undefined when they do not broadcast. */
export function broadcastDims(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 0; k < rank; k++) {
    const x = a[a.length - rank + k] ?? 1;
    const y = b[b.length - rank + k] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** Element of `values` (laid out with `dims`) at the broadcast position `index` of `outDims`. */
function broadcastIndex(index: number, outDims: readonly number[], dims: readonly number[]): number {
  let src = 0;
  let stride = 1;
  let rest = index;
  const offset = outDims.length - dims.length;
  const coords: number[] = new Array(outDims.length);
  for (let k = outDims.length - 1; k >= 0; k--) {
    coords[k] = rest % outDims[k];
    rest = Math.floor(rest / outDims[k]);
  }
  for (let k = dims.length - 1; k >= 0; k--) {
    const c = dims[k] === 1 ? 0 : coords[k + offset];
    src += c * stride;
    stride *= dims[k];
  }
  return src;
}

export type BinaryOp = "Add" | "Sub" | "Mul" | "Div";

/** Element-wise arithmetic with broadcasting; integer Div truncates toward zero as ONNX specifies. */
export function foldBinary(
  op: BinaryOp,
  a: { dims: number[]; values: number[] },
  b: { dims: number[]; values: number[] },
  outDims: number[],
  integer: boolean,
): number[] {
  const n = elementCount(outDims);
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const x = a.values[broadcastIndex(k, outDims, a.dims)];
    const y = b.values[broadcastIndex(k, outDims, b.dims)];
    let r: number;
    switch (op) {
      case "Add": r = x + y; break;
      case "Sub": r = x - y; break;
      case "Mul": r = x * y; break;
      case "Div": r = integer ? (y === 0 ? 0 : Math.trunc(x / y)) : x / y; break;
    }
    out[k] = r;
  }
  return out;
}

/** Normalize a possibly negative axis; undefined when out of range. */
export function normalizeAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  return Number.isInteger(a) && a >= 0 && a < rank ? a : undefined;
}

/** Clamp ONNX Slice bounds (start, end, step > 0) to a dimension of size `size`; returns [start, end). */
export function sliceBounds(start: number, end: number, size: number): [number, number] {
  const s = start < 0 ? Math.max(0, start + size) : Math.min(start, size);
  const e = end < 0 ? Math.max(0, end + size) : Math.min(end, size);
  return [s, Math.max(s, e)];
}
