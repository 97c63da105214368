/**
 * The operator list CMSwitch segments (§4.3.1 preprocessing): the CIM layers of a network in topological
 * order as matrix products (conv and fc included), their dependencies through non-CIM layers, and per
 * operator OP, volumes, AI and the arrays one copy of its stationary operand needs. An operator larger than
 * the tile budget is split greedily into sub-operators: stacks (heads, conv groups) first, then row × column
 * tiles of one matrix, shaped for the highest arithmetic intensity.
 */
import { UserError } from "../../errors.ts";
import { layerWorkload } from "../../network/workload.ts";
import type { Layer, Network } from "../../network/types.ts";
import type { Deha } from "../../hardware/deha.ts";
import type { DmChip, DmEdge, DmOp } from "../../cost/dualmode.ts";
import { opRate } from "../../cost/dualmode.ts";

export interface OperatorInfo extends DmOp {
  name: string;
  layer: string;
  kind: string;
  /** Index of the source layer in network.layers. */
  layerIndex: number;
  /** Tile of the source product this operator computes: stacked matrices, rows of N, columns of K. */
  tile: { stacks: number; n: number; k: number };
  /** Largest operator index that reads this operator's output; Infinity for a network output. */
  lastConsumer: number;
}

export interface OperatorList {
  ops: OperatorInfo[];
  /** Dependencies (from < to), each with its buffer-sharing cap. */
  edges: DmEdge[];
  /** Edge indices by consumer. */
  edgesInto: number[][];
}

/** A CIM layer as G stacked matrix products: M streamed rows × (N × K stationary) each. */
interface Product {
  layer: Layer;
  stacks: number;
  m: number;
  n: number;
  k: number;
  /** A conv's groups read disjoint channel slices and may share one array block-diagonally. */
  packable: boolean;
  inBytes: number;
  outBytes: number;
  /** Bytes of one stationary element: a weight, or an activation of an attention product's second operand. */
  stationaryElementBytes: number;
}

function product(layer: Layer, bytesPerElement: number, weightBytes: number): Product | undefined {
  const w = layerWorkload(layer);
  if (!w.cim || w.macs === 0) return undefined;
  const stationaryElementBytes = layer.kind === "matmul" ? bytesPerElement : weightBytes;
  const base = { layer, inBytes: w.inElems * bytesPerElement, outBytes: w.outElems * bytesPerElement, stationaryElementBytes };
  const mat = layer.matrix;
  if (layer.kind === "matmul") {
    const a = layer.inShapes[0];
    const k = layer.outShape.c;
    return { ...base, stacks: a.w, m: a.h, n: a.c, k, packable: false };
  }
  if (!mat) return undefined;
  const m = layer.kind === "fc" ? 1 : layer.outShape.h * layer.outShape.w;
  return { ...base, stacks: mat.groups, m, n: mat.rows, k: mat.cols, packable: mat.groups > 1 };
}

/** Arrays one copy of `stacks` matrices of N×K needs (small conv groups packed block-diagonally). */
function arraysFor(p: { packable: boolean }, stacks: number, n: number, k: number, hw: Deha): number {
  const perMatrix = Math.ceil(n / hw.rows) * Math.ceil(k / hw.weightCols);
  if (p.packable && perMatrix === 1) {
    const perArray = Math.min(Math.floor(hw.rows / n), Math.floor(hw.weightCols / k));
    return Math.ceil(stacks / perArray);
  }
  return stacks * perMatrix;
}

export function chipOf(hw: Deha): DmChip {
  return {
    arrays: hw.arrays,
    memoryBytesPerCycle: hw.memoryBytesPerCycle,
    mainBytesPerCycle: hw.mainBytesPerCycle,
    toMemoryCycles: hw.toMemoryCycles,
    toComputeCycles: hw.toComputeCycles,
    writeCyclesPerArray: hw.writeCyclesPerArray,
    writeBackBytesPerCycle: hw.writeBackBytesPerCycle,
  };
}

interface Piece {
  stacks: number;
  n: number;
  k: number;
}

function makeOp(p: Product, piece: Piece, hw: Deha, name: string, layerIndex: number): OperatorInfo {
  const weightArrays = arraysFor(p, piece.stacks, piece.n, piece.k, hw);
  const macs = piece.stacks * p.m * piece.n * piece.k;
  const stackShare = piece.stacks / p.stacks;
  return {
    name,
    layer: p.layer.name,
    kind: p.layer.kind,
    layerIndex,
    tile: piece,
    macs,
    inBytes: p.inBytes * stackShare * (piece.n / p.n),
    // A row tile of a split matrix emits partial sums for its columns.
    outBytes: p.outBytes * stackShare * (piece.k / p.k),
    stationaryBytes: piece.stacks * piece.n * piece.k * p.stationaryElementBytes,
    weightArrays,
    writeGroup: layerIndex,
    macsPerArrayCycle: (piece.stacks * piece.n * piece.k) / (weightArrays * hw.passCycles),
    lastConsumer: Infinity,
  };
}

/** Row × column tiles of one N×K matrix within `budget` arrays, shaped for the highest intensity. */
function tileShape(n: number, k: number, budget: number, hw: Deha): { rows: number; cols: number } {
  const rowBlocks = Math.ceil(n / hw.rows);
  const colBlocks = Math.ceil(k / hw.weightCols);
  let best = { rows: 1, cols: 1, ai: -1 };
  for (let r = 1; r <= Math.min(rowBlocks, budget); r++) {
    const c = Math.min(colBlocks, Math.floor(budget / r));
    const tn = Math.min(n, r * hw.rows);
    const tk = Math.min(k, c * hw.weightCols);
    const ai = (tn * tk) / (tn + tk);
    if (ai > best.ai) best = { rows: tn, cols: tk, ai };
  }
  return best;
}

/** The largest piece of a product within `budget` arrays: the whole, a run of stacks, or a tile of one matrix. */
function largestPiece(p: Product, budget: number, hw: Deha): Piece {
  if (arraysFor(p, p.stacks, p.n, p.k, hw) <= budget) return { stacks: p.stacks, n: p.n, k: p.k };
  if (arraysFor(p, 1, p.n, p.k, hw) <= budget) {
    let lo = 1;
    let hi = p.stacks;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (arraysFor(p, mid, p.n, p.k, hw) <= budget) lo = mid;
      else hi = mid - 1;
    }
    return { stacks: lo, n: p.n, k: p.k };
  }
  const t = tileShape(p.n, p.k, budget, hw);
  return { stacks: 1, n: t.rows, k: t.cols };
}

/** Split a product into pieces of at most `budget` arrays each. */
function pieces(p: Product, budget: number, hw: Deha): Piece[] {
  const largest = largestPiece(p, budget, hw);
  if (largest.stacks === p.stacks && largest.n === p.n && largest.k === p.k) return [largest];
  if (largest.n === p.n && largest.k === p.k) {
    const per = largest.stacks;
    const out: Piece[] = [];
    for (let s = 0; s < p.stacks; s += per) out.push({ stacks: Math.min(per, p.stacks - s), n: p.n, k: p.k });
    return out;
  }
  const t = { rows: largest.n, cols: largest.k };
  const out: Piece[] = [];
  for (let s = 0; s < p.stacks; s++) {
    for (let r = 0; r < p.n; r += t.rows) {
      for (let c = 0; c < p.k; c += t.cols) out.push({ stacks: 1, n: Math.min(t.rows, p.n - r), k: Math.min(t.cols, p.k - c) });
    }
  }
  return out;
}

/**
 * The tile budget for dual mode: the one at which a piece, alone on the chip with the rest in memory mode,
 * runs fastest (all compute is the budget N, what an all-compute compiler uses).
 */
function dualModeBudget(p: Product, hw: Deha): number {
  const chip = chipOf(hw);
  let best = { budget: hw.arrays, rate: -1 };
  for (let budget = hw.arrays; budget >= 1; budget--) {
    const op = makeOp(p, largestPiece(p, budget, hw), hw, "", 0);
    if (op.weightArrays > budget) continue;
    const rate = opRate(op, op.weightArrays, hw.arrays - op.weightArrays, chip) * (op.weightArrays > 0 ? 1 : 0);
    // Per MAC of the whole product: pieces of one product share its shape, so the first piece's rate stands for all.
    if (rate > best.rate * (1 + 1e-12)) best = { budget, rate };
  }
  return best.budget;
}

/** The earliest start of a feasible segment ending at each operator (two pointers; Σ weight arrays ≤ N), −1 for none. */
export function firstStarts(ops: readonly { weightArrays: number }[], arrays: number): number[] {
  const out: number[] = [];
  let lo = 0;
  let sum = 0;
  ops.forEach((op, end) => {
    sum += op.weightArrays;
    while (sum > arrays && lo <= end) sum -= ops[lo++].weightArrays;
    out.push(lo <= end ? lo : -1);
  });
  return out;
}

export type SplitPolicy = "dual-mode" | "all-compute";

/** The operator list of a network on a chip. */
export function operatorList(network: Network, hw: Deha, policy: SplitPolicy): OperatorList {
  const ops: OperatorInfo[] = [];
  const opsOfLayer = new Map<number, number[]>();
  // Repeated blocks repeat their shapes: the budget search runs once per shape.
  const budgets = new Map<string, number>();
  for (const layer of network.layers) {
    const p = product(layer, hw.bytesPerElement, hw.bytesPerWeight);
    if (!p) continue;
    const one = arraysFor(p, 1, Math.min(p.n, hw.rows), Math.min(p.k, hw.weightCols), hw);
    if (one > hw.arrays) {
      throw new UserError(`operator "${layer.name}" cannot fit on ${hw.arrays} arrays even when split`, { pointer: "--hw" });
    }
    const shapeKey = JSON.stringify([p.stacks, p.m, p.n, p.k, p.packable, p.inBytes, p.outBytes, p.stationaryElementBytes]);
    let budget = budgets.get(shapeKey);
    if (budget === undefined) {
      budget = policy === "all-compute" ? hw.arrays : dualModeBudget(p, hw);
      budgets.set(shapeKey, budget);
    }
    const parts = pieces(p, budget, hw);
    const ids: number[] = [];
    parts.forEach((piece, k) => {
      const name = parts.length === 1 ? layer.name : `${layer.name}[${k + 1}/${parts.length}]`;
      ids.push(ops.length);
      ops.push(makeOp(p, piece, hw, name, layer.index));
    });
    opsOfLayer.set(layer.index, ids);
  }
  if (ops.length === 0) throw new UserError(`${network.name} has no matrix product (conv, fc, linear or matmul) to map`);

  // CIM producers of each layer, looking through non-CIM layers (softmax, norms, heads, adds).
  const producers = new Map<number, Set<number>>();
  const cimProducers = (index: number): Set<number> => {
    const known = producers.get(index);
    if (known) return known;
    const found = new Set<number>();
    for (const input of network.layers[index].inputs) {
      if (input < 0) continue;
      if (opsOfLayer.has(input)) found.add(input);
      else for (const q of cimProducers(input)) found.add(q);
    }
    producers.set(index, found);
    return found;
  };

  // Edges only where a feasible segment can hold both ends (Σ weight arrays ≤ N): sharing needs both in one
  // segment, and the read-after horizon (lastConsumer) is kept per operator, so no other edge is needed.
  const starts = firstStarts(ops, hw.arrays);
  const producersOfInput = (input: number): Set<number> => (input < 0 ? new Set() : opsOfLayer.has(input) ? new Set([input]) : cimProducers(input));
  const edges: DmEdge[] = [];
  const edgesInto: number[][] = ops.map(() => []);
  for (const [layerIndex, consumers] of opsOfLayer) {
    const layer = network.layers[layerIndex];
    // An activation matmul holds its second operand in the arrays: it depends on it but streams only the first.
    const streamedFrom = layer.kind === "matmul" ? producersOfInput(layer.inputs[0]) : undefined;
    const lastOp = consumers[consumers.length - 1];
    for (const producerLayer of cimProducers(layerIndex)) {
      const shares = streamedFrom === undefined || streamedFrom.has(producerLayer);
      for (const from of opsOfLayer.get(producerLayer) as number[]) {
        ops[from].lastConsumer = ops[from].lastConsumer === Infinity ? lastOp : Math.max(ops[from].lastConsumer, lastOp);
        for (const to of consumers) {
          if (from < starts[to]) continue;
          const sharedBytes = shares ? Math.min(ops[from].outBytes, ops[to].inBytes) : 0;
          edgesInto[to].push(edges.length);
          edges.push({ from, to, maxSharedArrays: Math.ceil(sharedBytes / hw.arrayBytes) });
        }
      }
    }
  }
  // An operator nobody reads keeps lastConsumer = Infinity: a network output, needed after every segment.
  return { ops, edges, edgesInto };
}
