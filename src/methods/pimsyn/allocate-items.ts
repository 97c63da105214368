/**
 * The allocation problem of one plan in flat form, for the allocators (allocate.ts, allocate-exact.ts): every
 * allocatable count is an "item" whose stage, with n units, is busy d1 / n per inference (d1 read off
 * `stageTimes` with one unit), plus each layer's floor (crossbar reads, load, store, transfer, merge), which
 * no allocation can shorten. Also writing counts back into a plan and the power they draw.
 */
import { UserError } from "../../errors.ts";
import type { AluOp } from "../../hardware/components.ts";
import type { NetworkModel } from "../../mapping/layer-model.ts";
import { S_ADC, S_ADD, S_ALU, S_LD, S_MERGE, S_MVM, S_SA, S_ST, S_XFER, STAGE_VECTOR_LENGTH, stageTimes } from "../../cost/pipeline-model.ts";
import type { Plan } from "../../mapping/plan.ts";
import type { PointCosts } from "../../cost/point-costs.ts";

export type MacroMode = "specified" | "unified";

export interface AllocateOptions {
  /** Peak power available to ADCs and ALUs, in W (after crossbars, DACs, scratchpads and NoC). */
  budgetW: number;
  mode: MacroMode;
  /** Specified mode: counts are multiples of the layer's macros (each macro gets the same units). */
  perMacro?: boolean;
  /**
   * After the min-max optimum, spend the power it leaves on shortening the other layers (the sum of busy times),
   * as the finalists' exact allocation does; specified mode only. The bottleneck is unchanged.
   */
  spendLeftover?: boolean;
}

export interface AllocationResult {
  /** False when even one unit of each kind per layer (per macro) exceeds the budget; the plan then holds that minimum. */
  feasible: boolean;
  /** Eq. 5's objective: the largest per-inference busy time over layers (ns). */
  periodNs: number;
  /** The largest layer floor (crossbar reads, load, store, transfer, merge): no allocation goes below it. */
  floorNs: number;
  /** Sum over layers of their busy times (ns): the exact allocation's secondary objective. */
  sumBusyNs: number;
  /** Peak power of the allocated units and of the minimum allocation (W), as this module accounts it. */
  unitsW: number;
  minUnitsW: number;
  /** Layer whose busy time is the period. */
  bottleneckLayer: number;
}

export function newAllocationResult(): AllocationResult {
  return { feasible: false, periodNs: 0, floorNs: 0, sumBusyNs: 0, unitsW: 0, minUnitsW: 0, bottleneckLayer: -1 };
}

/** Which plan array an item fills. */
export const K_ADC = 0, K_SA = 1, K_ADD = 2, K_ACT = 3, K_VEC = 4;

/** Unit classes for unified mode: the ADC, then one per ALU op (an mvm layer's ReLU and a ReLU layer share one). */
const ALU_CLASSES: AluOp[] = ["shiftAdd", "add", "pool", "relu", "sigmoid", "eltwise", "mul"];
export const CLASS_COUNT = 1 + ALU_CLASSES.length;

/** The allocation problem of one plan, flattened into typed arrays (struct of arrays, reused across calls). */
export interface AllocationItems {
  count: number;
  kind: Int8Array;
  /** Layer whose array the item fills, and the second layer of a shared ADC bank (−1: none). */
  layer: Int32Array;
  partner: Int32Array;
  /** Busy time (ns) of the layer, resp. the partner, with one unit; dMax = the larger. */
  d1: Float64Array;
  d1Partner: Float64Array;
  dMax: Float64Array;
  peakMw: Float64Array;
  /** Counts come in steps of `step` units (the layer's macros when per macro, else 1). */
  step: Int32Array;
  cls: Int8Array;
  /** Per layer: the busy-time floor (0 for route layers). */
  layerFloorNs: Float64Array;
  floorNs: number;
  /** Unified mode: macros on the chip (shared pairs counted once) and peak mW of one unit of each class. */
  macros: number;
  classPeakMw: Float64Array;
  classUsed: Uint8Array;
  unified: boolean;
}

function newItems(capacity: number, layers: number): AllocationItems {
  return {
    count: 0,
    kind: new Int8Array(capacity),
    layer: new Int32Array(capacity),
    partner: new Int32Array(capacity),
    d1: new Float64Array(capacity),
    d1Partner: new Float64Array(capacity),
    dMax: new Float64Array(capacity),
    peakMw: new Float64Array(capacity),
    step: new Int32Array(capacity),
    cls: new Int8Array(capacity),
    layerFloorNs: new Float64Array(layers),
    floorNs: 0,
    macros: 1,
    classPeakMw: new Float64Array(CLASS_COUNT),
    classUsed: new Uint8Array(CLASS_COUNT),
    unified: false,
  };
}

// Reused by every call: the hot loop allocates nothing but the result object it may be handed.
let shared = newItems(64, 32);
let adcItemOf = new Int32Array(32);
const stage = new Float64Array(STAGE_VECTOR_LENGTH);
const classK = new Float64Array(CLASS_COUNT);

function pushItem(it: AllocationItems, k: number, kind: number, layer: number, d1: number, peakMw: number, step: number, cls: number): number {
  it.kind[k] = kind;
  it.layer[k] = layer;
  it.partner[k] = -1;
  it.d1[k] = d1;
  it.d1Partner[k] = 0;
  it.dMax[k] = d1;
  it.peakMw[k] = peakMw;
  it.step[k] = step;
  it.cls[k] = cls;
  it.classPeakMw[cls] = peakMw;
  it.classUsed[cls] = 1;
  return k + 1;
}

const CLS_SA = 1 + ALU_CLASSES.indexOf("shiftAdd");
const CLS_ADD = 1 + ALU_CLASSES.indexOf("add");
const aluClass = (op: AluOp): number => 1 + ALU_CLASSES.indexOf(op);

function missingAlu(c: PointCosts, L: NetworkModel["layers"][number]): UserError | undefined {
  const ops: (AluOp | undefined)[] = L.role === "mvm" ? ["shiftAdd", "add", L.aluOp] : [L.aluOp];
  for (const op of ops) {
    if (op !== undefined && !c.alu[op]) return new UserError(`the preset has no "${op}" ALU, which layer ${L.name} needs`, { pointer: "/alu" });
  }
  return undefined;
}

/**
 * Fill `items` from the plan's duplication, macros, hops and sharing. Sets the plan's unit arrays to 1 (they
 * are rewritten by the caller) so `stageTimes` yields one-unit delays.
 */
export function buildItems(model: NetworkModel, c: PointCosts, plan: Plan, opts: AllocateOptions, into?: AllocationItems): AllocationItems {
  const layers = model.layers;
  const n = layers.length;
  let it = into;
  if (!it) {
    if (shared.kind.length < 4 * n || shared.layerFloorNs.length < n) shared = newItems(4 * n, n);
    it = shared;
  }
  if (adcItemOf.length < n) adcItemOf = new Int32Array(n);
  const bits = model.bitIterations;
  const unified = opts.mode === "unified";
  const perMacro = unified || opts.perMacro === true;
  it.unified = unified;
  it.classUsed.fill(0);
  let k = 0;
  let floor = 0;
  let macros = 0;
  for (let i = 0; i < n; i++) {
    const L = layers[i];
    adcItemOf[i] = -1;
    it.layerFloorNs[i] = 0;
    plan.adc[i] = plan.shiftAdd[i] = plan.add[i] = plan.act[i] = plan.vec[i] = 1;
    if (L.role === "route") continue;
    if (!(plan.dup[i] >= 1)) throw new Error(`plan.dup[${i}] = ${plan.dup[i]}: duplication must be ≥ 1`);
    const step = perMacro ? Math.max(1, plan.macros[i]) : 1;
    const op = L.aluOp;
    const opUnit = op === undefined ? undefined : c.alu[op];
    if (L.role === "vector" && op === undefined) throw new Error(`vector layer ${L.name} has no ALU op`);
    if ((op !== undefined && !opUnit) || (L.role === "mvm" && !(c.alu.shiftAdd && c.alu.add))) throw missingAlu(c, L)!;
    const blocks = stageTimes(model, c, plan, i, stage);
    let f = Math.max(stage[S_LD], stage[S_ST], stage[S_XFER]);
    if (L.role === "mvm") {
      f = Math.max(f, bits * stage[S_MVM], stage[S_MERGE]);
      const dAdc = blocks * bits * stage[S_ADC];
      const s = plan.sharesWith[i];
      const bank = s >= 0 && layers[s].role === "mvm" ? adcItemOf[s] : -1;
      if (bank >= 0) {
        if (it.partner[bank] >= 0) throw new Error(`ADC bank of layer ${s} is shared by more than two layers`);
        it.partner[bank] = i;
        it.d1Partner[bank] = dAdc;
        if (dAdc > it.dMax[bank]) it.dMax[bank] = dAdc;
        adcItemOf[i] = bank;
      } else {
        adcItemOf[i] = k;
        k = pushItem(it, k, K_ADC, i, dAdc, c.adc.peakMw, step, 0);
        macros += Math.max(1, plan.macros[i]);
      }
      k = pushItem(it, k, K_SA, i, blocks * bits * stage[S_SA], c.alu.shiftAdd!.peakMw, step, CLS_SA);
      k = pushItem(it, k, K_ADD, i, blocks * stage[S_ADD], c.alu.add!.peakMw, step, CLS_ADD);
      if (opUnit) k = pushItem(it, k, K_ACT, i, blocks * stage[S_ALU], opUnit.peakMw, step, aluClass(op!));
    } else k = pushItem(it, k, K_VEC, i, blocks * stage[S_ALU], opUnit!.peakMw, step, aluClass(op!));
    f *= blocks;
    it.layerFloorNs[i] = f;
    if (f > floor) floor = f;
  }
  it.count = k;
  it.floorNs = floor;
  it.macros = Math.max(1, macros);
  return it;
}

/** A fresh (not shared) copy of the allocation problem, for callers that keep it (the exact allocator). */
export function allocationItems(model: NetworkModel, c: PointCosts, plan: Plan, opts: AllocateOptions): AllocationItems {
  return buildItems(model, c, plan, opts, newItems(4 * model.layers.length, model.layers.length));
}

/** Peak power (mW) of explicit counts under the items' accounting (unified: macros × per-macro maxima). */
export function countsPowerMw(it: AllocationItems, counts: ArrayLike<number>): number {
  if (!it.unified) {
    let mw = 0;
    for (let k = 0; k < it.count; k++) mw += counts[k] * it.peakMw[k];
    return mw;
  }
  classK.fill(0);
  for (let k = 0; k < it.count; k++) {
    const per = Math.ceil(counts[k] / it.step[k]);
    if (per > classK[it.cls[k]]) classK[it.cls[k]] = per;
  }
  let perMacroMw = 0;
  for (let cl = 0; cl < CLASS_COUNT; cl++) if (it.classUsed[cl]) perMacroMw += Math.max(1, classK[cl]) * it.classPeakMw[cl];
  return it.macros * perMacroMw;
}

/** Busy time (ns) of each layer under explicit counts (floors included), into `out`. */
export function layerBusyNs(model: NetworkModel, it: AllocationItems, counts: ArrayLike<number>, out: Float64Array): Float64Array {
  out.set(it.layerFloorNs.subarray(0, model.layers.length));
  for (let k = 0; k < it.count; k++) {
    const t = it.d1[k] / counts[k];
    if (t > out[it.layer[k]]) out[it.layer[k]] = t;
    const p = it.partner[k];
    if (p >= 0 && it.d1Partner[k] / counts[k] > out[p]) out[p] = it.d1Partner[k] / counts[k];
  }
  return out;
}

let busyScratch = new Float64Array(32);

/** Write counts into the plan's unit arrays (zero where a layer has no such unit) and fill the result's figures. */
export function applyCounts(model: NetworkModel, it: AllocationItems, counts: ArrayLike<number>, plan: Plan, out: AllocationResult): void {
  const n = model.layers.length;
  plan.adc.fill(0, 0, n);
  plan.shiftAdd.fill(0, 0, n);
  plan.add.fill(0, 0, n);
  plan.act.fill(0, 0, n);
  plan.vec.fill(0, 0, n);
  for (let k = 0; k < it.count; k++) {
    const i = it.layer[k];
    const units = counts[k];
    switch (it.kind[k]) {
      case K_ADC:
        plan.adc[i] = units;
        if (it.partner[k] >= 0) plan.adc[it.partner[k]] = units;
        break;
      case K_SA: plan.shiftAdd[i] = units; break;
      case K_ADD: plan.add[i] = units; break;
      case K_ACT: plan.act[i] = units; break;
      default: plan.vec[i] = units;
    }
  }
  if (busyScratch.length < n) busyScratch = new Float64Array(n);
  const busy = layerBusyNs(model, it, counts, busyScratch);
  let period = 0, sum = 0, worst = -1;
  for (let i = 0; i < n; i++) {
    sum += busy[i];
    if (busy[i] > period) {
      period = busy[i];
      worst = i;
    }
  }
  out.periodNs = period;
  out.sumBusyNs = sum;
  out.floorNs = it.floorNs;
  out.bottleneckLayer = worst;
  out.unitsW = countsPowerMw(it, counts) / 1e3;
}
