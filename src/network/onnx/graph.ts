/**
 * Checks and facts about an ONNX graph before conversion: the default-domain opset, operators pimsyn cannot
 * map (all listed in one error), dangling inputs, topological order, how many consumers each tensor has
 * (for fusion decisions), which graph input carries the data, and the gating patterns x·σ(x) (SiLU) and
 * x·hardσ(x) (HardSwish) that become one activation.
 */
import { UserError } from "../../errors.ts";
import { toNumber, type GraphMsg, type ModelMsg, type NodeMsg, type ValueInfoMsg } from "./decode.ts";

export const MIN_OPSET = 7;
export const MAX_OPSET = 21;

/** Every default-domain operator the converter handles (some only in certain uses; convert.ts says which). */
export const SUPPORTED_OPS = new Set([
  "Conv", "Gemm", "MatMul", "BatchNormalization",
  "Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSwish", "HardSigmoid", "Tanh", "Softmax", "LogSoftmax",
  "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "ReduceMean",
  "Add", "Sum", "Sub", "Mul", "Div", "Concat", "Resize", "Upsample",
  "Dropout", "Identity", "Transpose", "Reshape", "Flatten", "Split", "Slice", "Squeeze", "Unsqueeze", "Pad",
  "Constant", "ConstantOfShape", "Cast", "Shape", "Gather", "Floor", "Ceil", "LayerNormalization",
]);

/** Input slots that hold parameters (weights, shapes, bounds), not activations. */
const PARAM_SLOTS: Record<string, number[]> = {
  Conv: [1, 2], Gemm: [1, 2], MatMul: [1], BatchNormalization: [1, 2, 3, 4], LayerNormalization: [1, 2], Clip: [1, 2], Dropout: [1, 2],
  Reshape: [1], Resize: [1, 2, 3], Upsample: [1], Pad: [1, 2, 3], Slice: [1, 2, 3, 4], Split: [1],
  Squeeze: [1], Unsqueeze: [1], ReduceMean: [1], Gather: [1], ConstantOfShape: [0],
};
/** Operators whose output is a parameter exactly when their input is (weights routed through Identity). */
const PASS_THROUGH = new Set(["Identity", "Cast", "Dropout", "Transpose"]);

const DEFAULT_DOMAINS = new Set(["", "ai.onnx"]);

export interface PreparedGraph {
  /** Nodes in a topological order, with their index in the file. */
  order: { node: NodeMsg; index: number }[];
  /** Uses of each tensor by nodes that will be converted, plus graph outputs. */
  uses: Map<string, number>;
  /** Name of the graph input that carries the data. */
  dataInput: string;
  /** Mul nodes that are x·σ(x) or x·hardσ(x): the gated tensor and the activation they become. */
  gates: Map<NodeMsg, { x: string; fn: "silu" | "hardSwish" }>;
  /** The σ / hardσ nodes absorbed by a gate. */
  absorbed: Set<NodeMsg>;
  /** Names of the graph's outputs. */
  outputs: Set<string>;
  opset: number;
}

export function nodeLabel(node: NodeMsg, index: number): string {
  return `node '${node.name || `#${index}`}' (${node.op_type})`;
}

export function defaultOpset(model: ModelMsg, file: string): number {
  const entry = model.opset_import.find((o) => DEFAULT_DOMAINS.has(o.domain ?? ""));
  if (!entry) throw new UserError("the model imports no ai.onnx opset (opset_import has no default-domain entry)", { file, pointer: "/opset_import" });
  const version = toNumber(entry.version);
  if (!(version >= MIN_OPSET && version <= MAX_OPSET)) {
    throw new UserError(`ai.onnx opset ${version} is not supported; pimsyn reads opsets ${MIN_OPSET} to ${MAX_OPSET} (re-export the model with opset_version in that range)`, { file, pointer: "/opset_import" });
  }
  return version;
}

/** One error listing every unsupported operator type with its count and first node names. */
export function checkSupportedOps(graph: GraphMsg, file: string): void {
  const bad = new Map<string, string[]>();
  graph.node.forEach((node, index) => {
    const domain = node.domain ?? "";
    const op = DEFAULT_DOMAINS.has(domain) ? node.op_type : `${domain}.${node.op_type}`;
    if (DEFAULT_DOMAINS.has(domain) && SUPPORTED_OPS.has(op)) return;
    const names = bad.get(op) ?? [];
    names.push(node.name || `#${index}`);
    bad.set(op, names);
  });
  if (bad.size === 0) return;
  const parts = [...bad.entries()].map(([op, names]) => {
    const shown = names.slice(0, 3).join(", ") + (names.length > 3 ? ", …" : "");
    return `${op || "(empty op_type)"} ×${names.length} (node${names.length > 1 ? "s" : ""} ${shown})`;
  });
  throw new UserError(`unsupported ONNX ops: ${parts.join("; ")}`, { file });
}

/** Topological order (sweeps in file order over ready nodes); also rejects dangling inputs and double producers. */
function topologicalOrder(graph: GraphMsg, file: string): { node: NodeMsg; index: number }[] {
  const available = new Set<string>([...graph.input.map((v) => v.name), ...graph.initializer.map((t) => t.name)]);
  const producer = new Map<string, number>();
  graph.node.forEach((node, index) => {
    for (const out of node.output) {
      if (out === "") continue;
      if (producer.has(out) || available.has(out)) {
        throw new UserError(`${nodeLabel(node, index)} writes '${out}', which another node, initializer or graph input already provides`, { file, pointer: `/graph/node/${index}` });
      }
      producer.set(out, index);
    }
  });
  const waiting = graph.node.map(() => 0);
  const dependents = new Map<number, number[]>();
  graph.node.forEach((node, index) => {
    for (const name of node.input) {
      if (name === "" || available.has(name)) continue;
      const p = producer.get(name);
      if (p === undefined) {
        throw new UserError(`${nodeLabel(node, index)} reads '${name}', which no node, initializer or graph input provides`, { file, pointer: `/graph/node/${index}` });
      }
      waiting[index]++;
      const list = dependents.get(p) ?? [];
      list.push(index);
      dependents.set(p, list);
    }
  });
  // Ready nodes run in file order, so a file that is already sorted (the usual case) keeps its order.
  const order: { node: NodeMsg; index: number }[] = [];
  const done = graph.node.map(() => false);
  for (let progress = true; progress && order.length < graph.node.length; ) {
    progress = false;
    for (let i = 0; i < graph.node.length; i++) {
      if (done[i] || waiting[i] > 0) continue;
      done[i] = true;
      progress = true;
      order.push({ node: graph.node[i], index: i });
      for (const d of dependents.get(i) ?? []) waiting[d]--;
    }
  }
  if (order.length < graph.node.length) {
    const stuck = waiting.findIndex((w) => w > 0);
    throw new UserError(`the graph has a cycle through ${nodeLabel(graph.node[stuck], stuck)}`, { file, pointer: `/graph/node/${stuck}` });
  }
  return order;
}

function findGates(order: { node: NodeMsg }[], rawUses: Map<string, number>) {
  const producer = new Map<string, NodeMsg>();
  for (const { node } of order) for (const out of node.output) producer.set(out, node);
  const gates = new Map<NodeMsg, { x: string; fn: "silu" | "hardSwish" }>();
  const absorbed = new Set<NodeMsg>();
  for (const { node } of order) {
    if (node.op_type !== "Mul" || node.input.length !== 2) continue;
    for (const [x, g] of [[node.input[0], node.input[1]], [node.input[1], node.input[0]]]) {
      const p = producer.get(g);
      if (!p || (p.op_type !== "Sigmoid" && p.op_type !== "HardSigmoid") || p.input[0] !== x) continue;
      if ((rawUses.get(g) ?? 0) !== 1 || absorbed.has(p)) continue;
      gates.set(node, { x, fn: p.op_type === "Sigmoid" ? "silu" : "hardSwish" });
      absorbed.add(p);
      break;
    }
  }
  return { gates, absorbed };
}

function findDataInput(graph: GraphMsg, order: { node: NodeMsg }[], file: string): string {
  const consumers = new Map<string, { node: NodeMsg; slot: number }[]>();
  for (const { node } of order) {
    node.input.forEach((name, slot) => {
      if (name === "") return;
      const list = consumers.get(name) ?? [];
      list.push({ node, slot });
      consumers.set(name, list);
    });
  }
  const memo = new Map<string, boolean>();
  const feedsData = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, false);
    const result = (consumers.get(name) ?? []).some(({ node, slot }) => {
      if ((PARAM_SLOTS[node.op_type] ?? []).includes(slot)) return false;
      if (PASS_THROUGH.has(node.op_type)) return node.output[0] !== undefined && feedsData(node.output[0]);
      return true;
    });
    memo.set(name, result);
    return result;
  };
  const initializers = new Set(graph.initializer.map((t) => t.name));
  let candidates = graph.input.filter((v) => !initializers.has(v.name) && feedsData(v.name));
  // Ambiguity comes from weights that only feed element-wise ops (a graph-only MatMul + Add bias): prefer
  // the ranks pimsyn can take as input (N×F, N×S×F tokens, N×C×H×W), then N×F or images, then images.
  const rank = (v: ValueInfoMsg) => v.type?.tensor_type?.shape?.dim.length ?? 0;
  for (const keep of [(r: number) => r >= 2 && r <= 4, (r: number) => r === 2 || r === 4, (r: number) => r === 4]) {
    const preferred = candidates.filter((v) => keep(rank(v)));
    if (candidates.length > 1 && preferred.length >= 1) candidates = preferred;
  }
  if (candidates.length === 0) throw new UserError("no graph input feeds the network (every input is a weight or unused)", { file, pointer: "/graph/input" });
  if (candidates.length > 1) {
    throw new UserError(`the model has ${candidates.length} data inputs (${candidates.map((v) => `'${v.name}'`).join(", ")}); pimsyn supports exactly one`, { file, pointer: "/graph/input" });
  }
  return candidates[0].name;
}

export function prepareGraph(model: ModelMsg, file: string): PreparedGraph {
  const graph = model.graph!;
  const opset = defaultOpset(model, file);
  checkSupportedOps(graph, file);
  const order = topologicalOrder(graph, file);
  const rawUses = new Map<string, number>();
  const count = (uses: Map<string, number>, name: string) => uses.set(name, (uses.get(name) ?? 0) + 1);
  for (const { node } of order) for (const name of node.input) if (name !== "") count(rawUses, name);
  for (const out of graph.output) count(rawUses, out.name);
  const { gates, absorbed } = findGates(order, rawUses);
  const uses = new Map<string, number>();
  for (const { node } of order) {
    if (absorbed.has(node)) continue;
    // A gate reads x once as far as fusion is concerned: x·σ(x) is one activation of x.
    const names = gates.has(node) ? [gates.get(node)!.x] : node.input;
    for (const name of names) if (name !== "") count(uses, name);
  }
  for (const out of graph.output) count(uses, out.name);
  const dataInput = findDataInput(graph, order, file);
  return { order, uses, dataInput, gates, absorbed, outputs: new Set(graph.output.map((o) => o.name)), opset };
}
