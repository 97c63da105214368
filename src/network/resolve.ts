/**
 * NetworkSpec → Network: graph order, shape inference, per-layer weights/MACs/ops and the network hash.
 * Every problem is a UserError pointing at `/layers/<i>/<field>` (i = position in the file) or `/input/shape`.
 */
import { joinPointer, UserError } from "../errors.ts";
import { validate } from "../io/json.ts";
import { buildGraph } from "./graph.ts";
import { canonicalHash } from "./hash.ts";
import { inferLayer, type Fail } from "./shapes.ts";
import { NetworkSpec, type Layer, type Network, type NetworkTotals, type Shape } from "./types.ts";

export interface ResolveOptions {
  /** File the spec came from: named in every error. */
  file?: string;
  /** Replaces the input's C×H×W (e.g. from --input-shape); shapes are re-inferred, errors surface as usual. */
  inputShape?: Shape;
}

/** The spec with its input shape replaced (a new object; the argument is not modified). */
export function withInputShape(spec: NetworkSpec, shape: Shape): NetworkSpec {
  return { ...spec, input: { ...spec.input, shape: [shape.c, shape.h, shape.w] } };
}

function checkedInputShape(spec: NetworkSpec, file: string | undefined): Shape {
  const dims = spec.input.shape;
  if (!Array.isArray(dims) || dims.length !== 3 || !dims.every((d) => Number.isSafeInteger(d) && d >= 1)) {
    throw new UserError(`expected [channels, height, width] of positive integers, found ${JSON.stringify(dims)}`, {
      file,
      pointer: "/input/shape",
    });
  }
  return { c: dims[0], h: dims[1], w: dims[2] };
}

/** Integers beyond 2^53 lose precision in a double; no real network comes near, so treat it as bad input. */
function checkMagnitude(name: string, values: Record<string, number>, fail: Fail): void {
  for (const [what, v] of Object.entries(values)) {
    if (!Number.isSafeInteger(v)) fail([], `layer "${name}": ${what} ${v} exceeds 2^53`);
  }
}

export function resolveNetwork(spec: NetworkSpec, opts: ResolveOptions = {}): Network {
  const file = opts.file;
  const effective = opts.inputShape ? withInputShape(spec, opts.inputShape) : spec;
  const inputShape = checkedInputShape(effective, file);
  if (!Array.isArray(effective.layers) || effective.layers.length === 0) {
    throw new UserError("expected at least one layer", { file, pointer: "/layers" });
  }
  // Specs built in code (zoo, importers) get the same checks as files: no zero kernels or negative widths.
  validate(NetworkSpec, effective, file ?? effective.name);
  const failAt = (index: number, field: (string | number)[], message: string): never => {
    throw new UserError(message, { file, pointer: joinPointer("layers", index, ...field) });
  };

  const graph = buildGraph(effective, failAt);
  const position = new Map<number, number>();
  const layers: Layer[] = [];
  for (const fileIndex of graph.order) {
    const spec_ = effective.layers[fileIndex];
    const fail: Fail = (field, message) => failAt(fileIndex, field, message);
    const inputs = graph.producers[fileIndex].map((p) => (p < 0 ? -1 : (position.get(p) as number)));
    const inShapes = inputs.map((k) => (k < 0 ? inputShape : layers[k].outShape));
    const inNames = inputs.map((k) => (k < 0 ? effective.input.name : layers[k].name));
    const m = inferLayer(spec_, inShapes, inNames, fail);
    checkMagnitude(spec_.name, { channels: m.outShape.c, height: m.outShape.h, width: m.outShape.w, weights: m.weights, ops: 2 * m.macs }, fail);
    const layer: Layer = {
      index: layers.length,
      name: spec_.name,
      kind: spec_.kind,
      spec: spec_,
      inputs,
      inShapes,
      outShape: m.outShape,
      weights: m.weights,
      macs: m.macs,
      ops: 2 * m.macs,
    };
    if (m.matrix) layer.matrix = m.matrix;
    position.set(fileIndex, layer.index);
    layers.push(layer);
  }

  const totals = sumTotals(layers);
  if (!Number.isSafeInteger(totals.ops)) {
    throw new UserError(`total ops ${totals.ops} exceed 2^53`, { file, pointer: "/layers" });
  }
  return { name: effective.name, inputShape, layers, totals, hash: canonicalHash(effective), spec: effective };
}

export function sumTotals(layers: readonly Layer[]): NetworkTotals {
  const t: NetworkTotals = { convMacs: 0, fcMacs: 0, matrixMacs: 0, macs: 0, weights: 0, ops: 0 };
  for (const l of layers) {
    if (l.kind === "conv") t.convMacs += l.macs;
    if (l.kind === "fc") t.fcMacs += l.macs;
    if (l.kind === "linear" || l.kind === "matmul") t.matrixMacs += l.macs;
    t.macs += l.macs;
    t.weights += l.weights;
    t.ops += l.ops;
  }
  return t;
}
