/**
 * The PIMSYN reference code's network JSON (inherited from PIMCOMP-NN's ONNX frontend): a top-level array of
 * nodes with `operation` (OP_INPUT, OP_CONV, ...), `name`, `provider` (input names), `param`, `with_act`,
 * `act_type` and `output_dim`. Converted to our NetworkSpec; every node's `output_dim` is checked against our
 * shape inference, so a file we misread fails loudly instead of producing wrong MACs.
 */
import { basename } from "node:path";
import { Type } from "@sinclair/typebox";
import { isUserError, UserError } from "../errors.ts";
import { validate } from "../io/json.ts";
import { resolveNetwork } from "./resolve.ts";
import { formatShape } from "./shapes.ts";
import { MAX_CHANNELS, NETWORK_SCHEMA_VERSION, type LayerSpec, type NetworkSpec, type Shape } from "./types.ts";

const RefNode = Type.Object({
  operation: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1, maxLength: 512 }),
  provider: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  param: Type.Optional(Type.Union([Type.Object({}), Type.Null()])),
  with_act: Type.Optional(Type.Integer({ minimum: -1, maximum: 1 })),
  act_type: Type.Optional(Type.Integer({ minimum: -1, maximum: 255 })),
  output_dim: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: MAX_CHANNELS }), { minItems: 1, maxItems: 4 })),
});
const RefModel = Type.Array(RefNode, { minItems: 2 });
type RefNode = {
  operation: string;
  name: string;
  provider?: string[];
  param?: Record<string, unknown> | null;
  with_act?: number;
  act_type?: number;
  output_dim?: number[];
};

/** The reference's act_type codes we have seen in its files: 0 = ReLU (−1 = none, with with_act 0). */
const ACT_RELU = 0;
/** The reference's OP_ELTWISE eletype for a sum (the only one its resnet18 uses). */
const ELTWISE_SUM = 2;

export function isReferenceFormat(data: unknown): boolean {
  return Array.isArray(data);
}

export function referenceToSpec(data: unknown, file: string): NetworkSpec {
  const nodes = validate(RefModel, data, file) as RefNode[];
  const at = (i: number, ...path: string[]) => ["", i, ...path].join("/");
  const bad = (i: number, path: string[], message: string): never => {
    throw new UserError(message, { file, pointer: at(i, ...path) });
  };
  const int = (i: number, key: string, fallback?: number, min = 0): number => {
    const v = nodes[i].param?.[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) {
      return bad(i, ["param", key], `expected an integer ≥ ${min}, found ${JSON.stringify(v)}`);
    }
    return v;
  };

  const inputs = nodes.flatMap((n, i) => (n.operation === "OP_INPUT" ? [i] : []));
  if (inputs.length !== 1) bad(inputs[1] ?? 0, ["operation"], `expected exactly one OP_INPUT node, found ${inputs.length}`);
  const inIndex = inputs[0];
  const dims = nodes[inIndex].output_dim;
  if (!dims || dims.length !== 4) return bad(inIndex, ["output_dim"], `expected [1, C, H, W], found ${JSON.stringify(dims)}`);

  // Dropout does nothing at inference: its consumers read its provider instead.
  const alias = new Map<string, string>();
  const real = (name: string) => alias.get(name) ?? name;
  const layers: LayerSpec[] = [];
  const nodeOf: number[] = []; // layer index → node index, for error pointers and the output_dim check
  nodes.forEach((n, i) => {
    if (i === inIndex) return;
    const provider = (n.provider ?? []).map(real);
    if (n.operation === "OP_DROPOUT") {
      if (provider.length !== 1) bad(i, ["provider"], `expected 1 provider, found ${provider.length}`);
      alias.set(n.name, provider[0]);
      return;
    }
    if (provider.length === 0) bad(i, ["provider"], "expected at least one provider");
    const base = { name: n.name, inputs: provider };
    const relu = () => {
      if (n.with_act !== 1) return {};
      if (n.act_type !== ACT_RELU) bad(i, ["act_type"], `expected 0 (ReLU), found ${JSON.stringify(n.act_type)}`);
      return { activation: "relu" as const };
    };
    const pads = (): [number, number, number, number] => [int(i, "pad_h0", 0), int(i, "pad_w0", 0), int(i, "pad_h1", 0), int(i, "pad_w1", 0)];
    switch (n.operation) {
      case "OP_CONV":
        layers.push({
          ...base,
          kind: "conv",
          outChannels: int(i, "output_channel", undefined, 1),
          kernel: [int(i, "kernel_h", undefined, 1), int(i, "kernel_w", undefined, 1)],
          stride: [int(i, "stride_h", 1, 1), int(i, "stride_w", 1, 1)],
          pad: pads(),
          dilation: [int(i, "dilation_h", 1, 1), int(i, "dilation_w", 1, 1)],
          groups: int(i, "group", 1, 1),
          bias: int(i, "with_bias", 0) === 1,
          ...relu(),
        });
        break;
      case "OP_FC":
        layers.push({ ...base, kind: "fc", outFeatures: int(i, "output_channel", undefined, 1), bias: int(i, "with_bias", 0) === 1, ...relu() });
        break;
      case "OP_POOL": {
        const methodCode = int(i, "pool_method");
        if (methodCode > 1) bad(i, ["param", "pool_method"], `expected 0 (max) or 1 (average), found ${methodCode}`);
        const method = methodCode === 0 ? "max" : "avg";
        if (int(i, "global", 0) === 1) layers.push({ ...base, kind: "pool", method, global: true });
        else {
          layers.push({
            ...base,
            kind: "pool",
            method,
            kernel: [int(i, "kernel_h", undefined, 1), int(i, "kernel_w", undefined, 1)],
            stride: [int(i, "stride_h", 1, 1), int(i, "stride_w", 1, 1)],
            pad: pads(),
          });
        }
        break;
      }
      case "OP_FLATTEN":
      case "OP_RESHAPE":
        layers.push({ ...base, kind: "flatten" });
        break;
      case "OP_RELU": {
        const slope = n.param?.negative_slope;
        layers.push({ ...base, kind: "activation", fn: typeof slope === "number" && slope !== 0 ? "leakyRelu" : "relu" });
        break;
      }
      case "OP_ELTWISE": {
        const type = int(i, "eletype");
        if (type !== ELTWISE_SUM) bad(i, ["param", "eletype"], `expected ${ELTWISE_SUM} (sum), found ${type}`);
        layers.push({ ...base, kind: "add" });
        break;
      }
      case "OP_CONCAT": {
        const axis = int(i, "axis", 1);
        if (axis !== 1) bad(i, ["param", "axis"], `expected 1 (channels), found ${axis}`);
        layers.push({ ...base, kind: "concat" });
        break;
      }
      default:
        bad(i, ["operation"], `unsupported operation ${JSON.stringify(n.operation)} (expected OP_INPUT, OP_CONV, OP_FC, OP_POOL, OP_FLATTEN, OP_RESHAPE, OP_RELU, OP_ELTWISE, OP_CONCAT or OP_DROPOUT)`);
    }
    nodeOf.push(i);
  });

  const spec: NetworkSpec = {
    schemaVersion: NETWORK_SCHEMA_VERSION,
    name: basename(file).replace(/\.json$/i, ""),
    source: `PIMSYN reference JSON format (${basename(file)})`,
    input: { name: nodes[inIndex].name, shape: [dims[1], dims[2], dims[3]] },
    layers,
  };
  crossCheck(spec, nodes, nodeOf, file, at);
  return spec;
}

/** Resolve once at the file's own input size and compare every node's output_dim and declared input width. */
function crossCheck(spec: NetworkSpec, nodes: RefNode[], nodeOf: number[], file: string, at: (i: number, ...p: string[]) => string): void {
  let net;
  try {
    net = resolveNetwork(spec, { file });
  } catch (e) {
    // Point at the node of the reference file rather than at our converted layer list.
    const m = isUserError(e) ? /^\/layers\/(\d+)(\/.*)?$/.exec(e.pointer ?? "") : null;
    if (!m || !isUserError(e)) throw e;
    const field = m[2] ? ` (${m[2].slice(1)})` : "";
    throw new UserError(`${e.message}${field}`, { file, pointer: at(nodeOf[Number(m[1])]) });
  }
  const byName = new Map(net.layers.map((l) => [l.name, l]));
  spec.layers.forEach((ls, k) => {
    const i = nodeOf[k];
    const layer = byName.get(ls.name);
    if (!layer) return;
    const node = nodes[i];
    const declaredIn = node.param?.input_channel;
    if (typeof declaredIn === "number") {
      const x = layer.inShapes[0];
      const actual = ls.kind === "fc" ? x.c * x.h * x.w : x.c;
      if (declaredIn !== actual) {
        throw new UserError(`input_channel ${declaredIn} disagrees with the inferred input ${formatShape(x)} (expected ${actual})`, {
          file,
          pointer: at(i, "param", "input_channel"),
        });
      }
    }
    const dim = node.output_dim;
    if (dim && !matchesDim(dim, layer.outShape)) {
      throw new UserError(`output_dim ${JSON.stringify(dim)} disagrees with the inferred output ${formatShape(layer.outShape)}`, {
        file,
        pointer: at(i, "output_dim"),
      });
    }
  });
}

/** [1, C, H, W] must equal C×H×W; a flat [1, N] must equal a vector N×1×1. */
function matchesDim(dim: number[], s: Shape): boolean {
  if (dim.length === 4) return dim[0] === 1 && dim[1] === s.c && dim[2] === s.h && dim[3] === s.w;
  if (dim.length === 2) return dim[0] === 1 && dim[1] === s.c && s.h === 1 && s.w === 1;
  return false;
}
