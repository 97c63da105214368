/**
 * The conversion state: what each ONNX tensor is (an activation on the data path, or a constant), the IR
 * layers emitted so far, and the helpers every operator handler uses (typed inputs, errors that name the
 * node, layer emission, activation fusion).
 *
 * An activation keeps its ONNX shape (batch taken as 1) next to the IR shape C×H×W of the layer that
 * produced it: routing operators (Reshape, Transpose, Squeeze, ...) change the first but not the second,
 * and the importer only accepts them when the data they route is still that layer's output in some order.
 */
import { UserError } from "../../errors.ts";
import type { ActivationFn, LayerSpec, Shape } from "../types.ts";
import type { NodeMsg, TensorMsg } from "./decode.ts";
import { nodeLabel, type PreparedGraph } from "./graph.ts";
import { readTensorValues } from "./tensor.ts";

/** [top, left, bottom, right], the IR's order. */
export type Pads = [number, number, number, number];

/**
 * How a transformer tensor's ONNX shape maps onto the IR's features × tokens × stack (ops-matrix.ts): rows
 * [B, S, F]; grouped [B, S, H, dh] (heads not yet split); heads [B, H, S, dh]; headsT [B, H, dh, S] (each matrix
 * transposed, Kᵀ); merging [B, S, H, dh] (heads about to be merged).
 */
export interface TokenView {
  layout: "rows" | "grouped" | "heads" | "headsT" | "merging";
  heads: number;
}

export interface Act {
  kind: "act";
  /** Set on transformer tensors (rank-3 inputs and what is computed from them). */
  tok?: TokenView;
  /** IR name of the producer: a layer or the network input. */
  ref: string;
  /** ONNX shape, batch = 1. */
  shape: number[];
  /** IR shape of `ref`'s output. */
  ir: Shape;
  /** Index of `ref` in ctx.layers (undefined for the network input). */
  layer?: number;
  /** Every tensor from the layer's output to this one has exactly one use: safe to fuse into the layer. */
  exclusive: boolean;
  /** A Pad node waiting to be folded into the next Conv or pool. */
  pad?: { pads: Pads; node: string };
}

export interface Const {
  kind: "const";
  name: string;
  dims: number[];
  dataType: number;
  /** Known values (computed by folding, or read from `tensor` on demand). */
  values?: number[];
  tensor?: TensorMsg;
}

export type Value = Act | Const;

/** The IR view of an ONNX activation shape: N×C×H×W → C×H×W, N×F → F×1×1; other ranks have none. */
export function irView(shape: readonly number[]): Shape | undefined {
  if (shape[0] !== 1) return undefined;
  if (shape.length === 4) return { c: shape[1], h: shape[2], w: shape[3] };
  if (shape.length === 2) return { c: shape[1], h: 1, w: 1 };
  return undefined;
}

export function sameShape(a: Shape | undefined, b: Shape): boolean {
  return a !== undefined && a.c === b.c && a.h === b.h && a.w === b.w;
}

type NewLayer = LayerSpec extends infer L ? (L extends LayerSpec ? Omit<L, "name" | "inputs"> : never) : never;

const FUSABLE_KINDS = new Set(["conv", "fc", "add", "affine", "linear"]);
const MAX_NAME_LENGTH = 500;

export class Ctx {
  readonly values = new Map<string, Value>();
  readonly layers: LayerSpec[] = [];
  /** IR output shape the importer tracked for each layer (cross-checked against resolveNetwork). */
  readonly layerShapes: Shape[] = [];
  /** Node label and file pointer each layer came from, for error messages. */
  readonly layerOrigins: { label: string; pointer: string }[] = [];
  /** ONNX tensor → IR layer whose output it is (value_info cross-check). */
  readonly tensorLayers = new Map<string, string>();
  readonly warnings: string[] = [];
  private readonly names = new Set<string>();
  node!: NodeMsg;
  index = 0;

  constructor(
    readonly file: string,
    readonly graph: PreparedGraph,
    inputName: string,
  ) {
    this.names.add(inputName);
  }

  get opset(): number {
    return this.graph.opset;
  }

  label(): string {
    return nodeLabel(this.node, this.index);
  }

  pointer(): string {
    return `/graph/node/${this.index}`;
  }

  fail(message: string): never {
    throw new UserError(`${this.label()}: ${message}`, { file: this.file, pointer: this.pointer() });
  }

  warn(message: string): void {
    this.warnings.push(`${this.label()}: ${message}`);
  }

  uses(name: string | undefined): number {
    return name ? (this.graph.uses.get(name) ?? 0) : 0;
  }

  /** The value at an input slot; undefined when the slot is absent or empty (optional input). */
  input(slot: number): Value | undefined {
    const name = this.node.input[slot];
    if (name === undefined || name === "") return undefined;
    const v = this.values.get(name);
    if (!v) this.fail(`input '${name}' has no value`);
    return v;
  }

  act(slot: number): Act {
    const v = this.input(slot);
    if (!v) this.fail(`input ${slot} is missing`);
    if (v.kind !== "act") this.fail(`input ${slot} ('${v.name}') is a constant; an activation is expected`);
    return v;
  }

  constant(slot: number, what: string): Const {
    const v = this.input(slot);
    if (!v) this.fail(`the ${what} (input ${slot}) is missing`);
    if (v.kind !== "const") this.fail(`the ${what} (input ${slot}) must be a constant or initializer, not a computed activation`);
    return v;
  }

  /** Values of a constant (small tensors only); an error naming the node when they cannot be known. */
  valuesOf(c: Const, what: string): number[] {
    if (c.values) return c.values;
    if (!c.tensor) this.fail(`the ${what} '${c.name}' has no stored values (a graph input cannot be a shape constant)`);
    const r = readTensorValues(c.tensor, c.dims);
    if ("error" in r) this.fail(`cannot read the ${what}: ${r.error}`);
    c.values = r.values;
    return r.values;
  }

  optionalValues(slot: number, what: string): number[] | undefined {
    const v = this.input(slot);
    return v ? this.valuesOf(this.constant(slot, what), what) : undefined;
  }

  output(slot = 0): string {
    return this.node.output[slot] ?? "";
  }

  set(slot: number, value: Value): void {
    const name = this.output(slot);
    if (name !== "") this.values.set(name, value);
  }

  /** Fail when a secondary output (e.g. MaxPool indices, Dropout mask) is consumed. */
  onlyFirstOutput(): void {
    for (let k = 1; k < this.node.output.length; k++) {
      if (this.uses(this.node.output[k]) > 0) this.fail(`output ${k} ('${this.node.output[k]}') is used; pimsyn models only the first output`);
    }
  }

  /** The same data under another ONNX shape (no layer). */
  alias(x: Act, shape: number[], slot = 0): Act {
    const out: Act = { ...x, shape, exclusive: x.exclusive && this.uses(this.output(slot)) === 1 };
    if (x.layer !== undefined && !x.pad) this.tensorLayers.set(this.output(slot), x.ref);
    this.set(slot, out);
    return out;
  }

  private uniqueName(suffix: string): string {
    const base = (this.node.name || `${this.node.op_type}_${this.index}`).slice(0, MAX_NAME_LENGTH) + suffix;
    let name = base;
    for (let k = 2; this.names.has(name); k++) name = `${base}_${k}`;
    this.names.add(name);
    return name;
  }

  /** Append an IR layer reading `inputs`, bind output `slot` to it and return its activation. */
  emit(layer: NewLayer, inputs: Act[], ir: Shape, shape: number[], slot = 0, nameSuffix = ""): Act {
    for (const x of inputs) {
      if (x.pad) this.fail(`the Pad node '${x.pad.node}' before it cannot be folded: only Conv, MaxPool and AveragePool absorb padding`);
    }
    const name = this.uniqueName(nameSuffix);
    // Key order name, kind, inputs, fields: the JSON written by `pimsyn import` reads top-down.
    const { kind, ...fields } = layer;
    this.layers.push({ name, kind, inputs: inputs.map((x) => x.ref), ...fields } as LayerSpec);
    this.layerShapes.push(ir);
    this.layerOrigins.push({ label: this.label(), pointer: this.pointer() });
    const out: Act = { kind: "act", ref: name, shape, ir, layer: this.layers.length - 1, exclusive: this.uses(this.output(slot)) === 1 };
    this.tensorLayers.set(this.output(slot), name);
    this.set(slot, out);
    return out;
  }

  /** The layer `x` is the exclusive output of, when it can absorb an element-wise operation. */
  fusionTarget(x: Act): LayerSpec | undefined {
    if (x.layer === undefined || !x.exclusive || x.pad) return undefined;
    return this.layers[x.layer];
  }

  /** Fuse the activation into the producing layer when it is the layer's only consumer, else emit one. */
  activation(x: Act, fn: ActivationFn): Act {
    const target = this.fusionTarget(x);
    if (target && FUSABLE_KINDS.has(target.kind) && !("activation" in target && target.activation)) {
      (target as { activation?: ActivationFn }).activation = fn;
      return this.alias(x, x.shape);
    }
    const out = this.emit({ kind: "activation", fn }, [x], x.ir, x.shape);
    if (x.tok) out.tok = x.tok;
    return out;
  }
}
