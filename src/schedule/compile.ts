/**
 * Dataflow compilation (§7.1–7.3): the IR DAG of PIMSYN Table II for one allocated design.
 *
 * Every computation block of a layer runs the same operation sequence (its template): [transfer] → load →
 * (MVM → ADC → shift-and-add) × bit iterations → add → [activation] → store → [merge] for crossbar layers,
 * [transfer] → load → vector op → store for vector layers. A node is therefore identified by
 * (layer, block, slot), with node id = nodeBase[layer] + block · slotCount[layer] + slot; everything the
 * paper attaches to an IR (kind, bit, xb_num, vec_width, macro_num, src/dst, duration) is a function of
 * (layer, slot) and is stored once per template slot, not once per node. That keeps VGG16 at dup 1 (~7 M
 * nodes) in a few MB and makes compilation O(blocks). `nodeAt` and `forEachParent` expose the explicit nodes
 * and edges.
 *
 * Edges (all implied by the layout, listed by `forEachParent`):
 * - operation order inside a block (`slotPred`): transfer → load → MVM bit 0, MVM j → ADC j → shift-add j,
 *   last shift-add → add → activation → store → merge;
 * - inter-bit: the same bit-level operation, bit j → j+1 of one block (pipelined: MVM j+1 needs only MVM j);
 * - inter-block: the last node of an operation unit in block b → its first node in block b+1 (one block at
 *   a time per unit of a layer);
 * - inter-layer: the last node of producer block k → the first node of consumer block b, with k from the
 *   receptive-field rule (receptive.ts), resolved through route layers.
 * Layers sharing an ADC bank (plan.sharesWith) get the same `adcBank`; the order of their ADC nodes is not an
 * edge but a resource decision the simulator makes.
 *
 * Durations come only from `stageTimes` (src/cost/pipeline-model.ts), the single source of IR latencies.
 */
import type { AluOp } from "../hardware/components.ts";
import type { NetworkModel } from "../mapping/layer-model.ts";
import type { Plan } from "../mapping/plan.ts";
import type { PointCosts } from "../cost/point-costs.ts";
import {
  S_ADC, S_ADD, S_ALU, S_LD, S_MERGE, S_MVM, S_SA, S_ST, S_XFER, STAGE_VECTOR_LENGTH, stageTimes,
} from "../cost/pipeline-model.ts";
import { UserError } from "../errors.ts";
import { resolveSources, type Source } from "../mapping/receptive.ts";

/** IR kinds of Table II. */
export const IR_KINDS = ["transfer", "load", "mvm", "adc", "alu", "store", "merge"] as const;
export type IrKind = (typeof IR_KINDS)[number];
export const K_TRANSFER = 0, K_LOAD = 1, K_MVM = 2, K_ADC = 3, K_ALU = 4, K_STORE = 5, K_MERGE = 6;

/** ALU operations, as recorded in `slotAluOp` (−1 for non-ALU nodes). */
export const ALU_OPS: readonly AluOp[] = ["shiftAdd", "add", "pool", "relu", "sigmoid", "eltwise", "mul"];

/** Operation units of a layer: each executes one node at a time (busy time is reported per unit). */
export const UNIT_NAMES = ["transfer", "load", "mvm", "adc", "shiftAdd", "add", "alu", "store", "merge"] as const;
export const U_XFER = 0, U_LD = 1, U_MVM = 2, U_ADC = 3, U_SA = 4, U_ADD = 5, U_ALU = 6, U_ST = 7, U_MERGE = 8;
export const UNIT_COUNT = UNIT_NAMES.length;

export const EDGE_KINDS = ["operation", "bit", "block", "layer"] as const;
export const E_OP = 0, E_BIT = 1, E_BLOCK = 2, E_LAYER = 3;

export interface DataflowGraph {
  layerCount: number;
  names: string[];
  bitIterations: number;
  nodeCount: number;
  /** Layers whose completion ends the inference. */
  outputs: number[];
  /** Producers per layer as in the model (route layers included; −1 = network input). */
  producers: number[][];
  /** Bits per activation element (buffer sizes in bytes). */
  activationBits: number;
  /** Per layer (route layers: 0 blocks, 0 slots). */
  blocks: Int32Array;
  /** Output pixels per block (the duplication, capped at the layer's pixels). */
  dup: Int32Array;
  outPixels: Int32Array;
  outChannels: Int32Array;
  nodeBase: Float64Array;
  slotBase: Int32Array;
  slotCount: Int32Array;
  /** Per layer: the slot after which a block's inputs are no longer needed (the last MVM bit, or the vector
   * op); −1 for route layers. Buffer tracking releases the input window there. */
  consumeSlot: Int32Array;
  /** Crossbars of the layer (xb_num: dup · set) and macros it spans (macro_num). */
  xbNum: Int32Array;
  macroNum: Int32Array;
  /** ADC bank the layer's ADC nodes run on: the root of its sharesWith chain (−1: no ADC). */
  adcBank: Int32Array;
  /** Per layer × UNIT_COUNT: last template slot using the unit (−1: unused). */
  unitLastSlot: Int16Array;
  /** Per template slot (concatenated over layers from slotBase). */
  slotKind: Uint8Array;
  slotAluOp: Int8Array;
  slotBit: Int16Array;
  slotUnit: Uint8Array;
  slotDurNs: Float64Array;
  /** Operand length (vec_width): elements loaded/stored/converted/processed by the node. */
  slotVecWidth: Float64Array;
  /** Operation-order predecessor slot in the same block (−1: none; slot 0 waits on the producers instead). */
  slotPred: Int16Array;
  /** Previous slot of the same unit in the same block (the inter-bit edge; −1: first of its unit). */
  slotPrevSameUnit: Int16Array;
  /** Real producers per layer (route layers resolved), from sourceBase[i] to sourceBase[i+1]. */
  sourceBase: Int32Array;
  sources: Source[];
}

/** One IR node with the fields of Table II. */
export interface IrNode {
  id: number;
  kind: IrKind;
  aluop?: AluOp;
  layer: number;
  cnt: number;
  bit: number;
  durationNs: number;
  vecWidth: number;
  /** mvm: crossbars of the layer. */
  xbNum?: number;
  /** merge: macros of the layer. */
  macroNum?: number;
  /** transfer: producer layers (network input = −1) and the destination layer. */
  src?: number[];
  dst?: number;
}

interface SlotSpec {
  kind: number;
  aluOp: number;
  bit: number;
  unit: number;
  durNs: number;
  vecWidth: number;
  pred: number;
}

function aluIndex(op: AluOp): number {
  return ALU_OPS.indexOf(op);
}

/** The per-block operation sequence of layer i (empty for route layers). */
function layerTemplate(model: NetworkModel, costs: PointCosts, plan: Plan, i: number, st: Float64Array): SlotSpec[] {
  const L = model.layers[i];
  if (L.role === "route") return [];
  stageTimes(model, costs, plan, i, st);
  const d = Math.min(plan.dup[i], L.outPixels);
  const bits = model.bitIterations;
  const slots: SlotSpec[] = [];
  const push = (kind: number, unit: number, durNs: number, vecWidth: number, pred: number, aluOp = -1, bit = 0): number => {
    if (!Number.isFinite(durNs) || durNs < 0) {
      throw new UserError(
        `layer "${L.name}": its ${UNIT_NAMES[unit]} stage takes ${durNs} ns per block; expected a finite time (is a unit count 0?)`,
      );
    }
    slots.push({ kind, aluOp, bit, unit, durNs, vecWidth, pred });
    return slots.length - 1;
  };
  let last = -1;
  if (st[S_XFER] > 0) last = push(K_TRANSFER, U_XFER, st[S_XFER], d * L.transferElemsPerPixel, last);
  last = push(K_LOAD, U_LD, st[S_LD], d * L.loadElemsPerPixel, last);
  if (L.role === "mvm") {
    const conversions = d * L.conversionsPerCopy;
    let prevMvm = last;
    let sa = -1;
    for (let j = 0; j < bits; j++) {
      // MVM bit j+1 follows MVM bit j through the inter-bit edge only, so it needs no operation-order edge.
      const mvm = push(K_MVM, U_MVM, st[S_MVM], d * L.inputsPerCopy, j === 0 ? prevMvm : -1, -1, j);
      const adc = push(K_ADC, U_ADC, st[S_ADC], conversions, mvm, -1, j);
      sa = push(K_ALU, U_SA, st[S_SA], conversions, adc, aluIndex("shiftAdd"), j);
      prevMvm = mvm;
    }
    last = push(K_ALU, U_ADD, st[S_ADD], d * L.outChannels * L.rowTiles, sa, aluIndex("add"), bits - 1);
    if (L.aluOp !== undefined && st[S_ALU] > 0)
      last = push(K_ALU, U_ALU, st[S_ALU], d * L.aluElemsPerPixel, last, aluIndex(L.aluOp), bits - 1);
  } else {
    last = push(K_ALU, U_ALU, st[S_ALU], d * L.aluElemsPerPixel, last, aluIndex(L.aluOp!));
  }
  last = push(K_STORE, U_ST, st[S_ST], d * L.outChannels, last);
  if (st[S_MERGE] > 0) push(K_MERGE, U_MERGE, st[S_MERGE], d * L.outChannels, last);
  return slots;
}

function bankRoot(plan: Plan, i: number): number {
  let r = i;
  for (let guard = 0; plan.sharesWith[r] >= 0 && guard < plan.sharesWith.length; guard++) r = plan.sharesWith[r];
  return r;
}

/** Build the IR DAG of an allocated design. Pure; O(layers × template + blocks × producers). */
export function compileDataflow(model: NetworkModel, costs: PointCosts, plan: Plan): DataflowGraph {
  const n = model.layers.length;
  const st = new Float64Array(STAGE_VECTOR_LENGTH);
  const templates = model.layers.map((_, i) => layerTemplate(model, costs, plan, i, st));
  const totalSlots = templates.reduce((s, t) => s + t.length, 0);
  const g: DataflowGraph = {
    layerCount: n,
    names: model.layers.map((L) => L.name),
    bitIterations: model.bitIterations,
    nodeCount: 0,
    outputs: model.outputs.slice(),
    producers: model.layers.map((L) => L.producers.slice()),
    activationBits: costs.activationBits,
    blocks: new Int32Array(n),
    dup: new Int32Array(n),
    outPixels: new Int32Array(n),
    outChannels: new Int32Array(n),
    nodeBase: new Float64Array(n),
    slotBase: new Int32Array(n + 1),
    slotCount: new Int32Array(n),
    consumeSlot: new Int32Array(n).fill(-1),
    xbNum: new Int32Array(n),
    macroNum: new Int32Array(n),
    adcBank: new Int32Array(n).fill(-1),
    unitLastSlot: new Int16Array(n * UNIT_COUNT).fill(-1),
    slotKind: new Uint8Array(totalSlots),
    slotAluOp: new Int8Array(totalSlots),
    slotBit: new Int16Array(totalSlots),
    slotUnit: new Uint8Array(totalSlots),
    slotDurNs: new Float64Array(totalSlots),
    slotVecWidth: new Float64Array(totalSlots),
    slotPred: new Int16Array(totalSlots),
    slotPrevSameUnit: new Int16Array(totalSlots),
    sourceBase: new Int32Array(n + 1),
    sources: [],
  };
  let nodes = 0;
  let slotAt = 0;
  for (let i = 0; i < n; i++) {
    const L = model.layers[i];
    const t = templates[i];
    const d = L.role === "route" ? 1 : Math.min(plan.dup[i], L.outPixels);
    const blocks = L.role === "route" ? 0 : Math.ceil(L.outPixels / d);
    g.blocks[i] = blocks;
    g.dup[i] = d;
    g.outPixels[i] = L.outPixels;
    g.outChannels[i] = L.outChannels;
    g.nodeBase[i] = nodes;
    g.slotBase[i] = slotAt;
    g.slotCount[i] = t.length;
    g.xbNum[i] = L.role === "mvm" ? plan.dup[i] * L.set : 0;
    g.macroNum[i] = plan.macros[i];
    if (L.role === "mvm") g.adcBank[i] = bankRoot(plan, i);
    const lastOfUnit = new Int16Array(UNIT_COUNT).fill(-1);
    t.forEach((s, k) => {
      const at = slotAt + k;
      g.slotKind[at] = s.kind;
      g.slotAluOp[at] = s.aluOp;
      g.slotBit[at] = s.bit;
      g.slotUnit[at] = s.unit;
      g.slotDurNs[at] = s.durNs;
      g.slotVecWidth[at] = s.vecWidth;
      g.slotPred[at] = s.pred;
      g.slotPrevSameUnit[at] = lastOfUnit[s.unit];
      lastOfUnit[s.unit] = k;
      if (s.kind === K_MVM || (L.role === "vector" && s.kind === K_ALU)) g.consumeSlot[i] = k;
    });
    g.unitLastSlot.set(lastOfUnit, i * UNIT_COUNT);
    slotAt += t.length;
    nodes += blocks * t.length;
    g.sourceBase[i] = g.sources.length;
    if (blocks > 0) for (const s of resolveSources(model, i, blocks, d)) g.sources.push(s);
  }
  g.slotBase[n] = slotAt;
  g.sourceBase[n] = g.sources.length;
  g.nodeCount = nodes;
  return g;
}

/** (layer, block, slot) of a node id. */
export function locate(g: DataflowGraph, id: number): { layer: number; block: number; slot: number } {
  if (!(id >= 0 && id < g.nodeCount)) throw new RangeError(`node ${id} is not in the graph (0..${g.nodeCount - 1})`);
  let lo = 0, hi = g.layerCount - 1;
  // Last layer with nodeBase ≤ id and at least one node.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g.nodeBase[mid] <= id) lo = mid;
    else hi = mid - 1;
  }
  while (g.blocks[lo] === 0 || g.slotCount[lo] === 0) lo--;
  const rel = id - g.nodeBase[lo];
  const T = g.slotCount[lo];
  const block = Math.floor(rel / T);
  return { layer: lo, block, slot: rel - block * T };
}

export function nodeId(g: DataflowGraph, layer: number, block: number, slot: number): number {
  return g.nodeBase[layer] + block * g.slotCount[layer] + slot;
}

/** The IR of one node with its Table II fields. */
export function nodeAt(g: DataflowGraph, id: number): IrNode {
  const { layer, block, slot } = locate(g, id);
  const at = g.slotBase[layer] + slot;
  const kind = g.slotKind[at];
  const node: IrNode = {
    id,
    kind: IR_KINDS[kind],
    layer,
    cnt: block,
    bit: g.slotBit[at],
    durationNs: g.slotDurNs[at],
    vecWidth: g.slotVecWidth[at],
  };
  if (g.slotAluOp[at] >= 0) node.aluop = ALU_OPS[g.slotAluOp[at]];
  if (kind === K_MVM) node.xbNum = g.xbNum[layer];
  if (kind === K_MERGE) node.macroNum = g.macroNum[layer];
  if (kind === K_TRANSFER) {
    node.src = [];
    for (let s = g.sourceBase[layer]; s < g.sourceBase[layer + 1]; s++) node.src.push(g.sources[s].layer);
    node.dst = layer;
  }
  return node;
}

/** Producer block a consumer block waits for, from source s (−1: the network input, no wait). */
export function producerBlock(g: DataflowGraph, s: number, block: number): number {
  const src = g.sources[s];
  if (src.layer < 0 || g.blocks[src.layer] === 0) return -1;
  return Math.floor(src.hi[block] / g.dup[src.layer]);
}

/** Calls `visit(parentId, edgeKind)` for every parent of node `id` (edge kinds: E_OP, E_BIT, E_BLOCK, E_LAYER). */
export function forEachParent(g: DataflowGraph, id: number, visit: (parent: number, edge: number) => void): void {
  const { layer, block, slot } = locate(g, id);
  const at = g.slotBase[layer] + slot;
  const base = g.nodeBase[layer] + block * g.slotCount[layer];
  const pred = g.slotPred[at];
  if (pred >= 0) visit(base + pred, E_OP);
  const prev = g.slotPrevSameUnit[at];
  if (prev >= 0) visit(base + prev, E_BIT);
  else if (block > 0) visit(base - g.slotCount[layer] + g.unitLastSlot[layer * UNIT_COUNT + g.slotUnit[at]], E_BLOCK);
  if (slot === 0) {
    for (let s = g.sourceBase[layer]; s < g.sourceBase[layer + 1]; s++) {
      const k = producerBlock(g, s, block);
      if (k < 0) continue;
      const p = g.sources[s].layer;
      visit(nodeId(g, p, k, g.slotCount[p] - 1), E_LAYER);
    }
  }
}
