/**
 * Component allocation (§9, Eq. 5/6): how many ADCs, shift-and-adds, adders, activation units and vector units
 * each layer gets, so that the slowest stage is as fast as possible within the power left for them.
 *
 * Each allocatable count is an "item" (allocate-items.ts): with n units its stage takes busy(n) = d1 / n per
 * inference, where d1 is the busy time with one unit, read off `stageTimes` (blocks × per-block delay, × bit
 * iterations for ADC and shift-and-add). A layer's busy time is the max of its items' and of its floor
 * (crossbar reads, load, store, transfer, merge), which no allocation can shorten. Eq. 5 minimises the
 * largest busy time over layers.
 *
 * For a target T the cheapest integer allocation reaching it is n = max(1, ceil(d1 / T)) per item (in steps
 * of the layer's macros when units are per macro), and its power falls as T grows. So the optimum is the
 * smallest T whose allocation fits. It lies between Eq. 6's continuous optimum (below) and the all-minimum
 * allocation (above) and is found by a bracketing search whose ends snap to the breakpoints of the counts,
 * so the result is the exact integer min-max optimum, not Eq. 6's closed form rounded up (which overshoots
 * the budget). On VGG16 it takes a median of 3 probes (at most 15 in the bench).
 *
 * Modes: "specified" sizes each layer on its own; "unified" makes all macros identical, every macro getting
 * the per-macro maximum over layers of each unit kind (so the power is macros × per-macro counts).
 * A shared ADC bank (plan.sharesWith) is one item serving two layers: its count covers the larger of the two
 * ADC workloads (the layers run at different times in one inference) and is powered once.
 */
import type { AllocateOptions, AllocationItems, AllocationResult } from "./allocate-items.ts";
import { applyCounts, buildItems, CLASS_COUNT, newAllocationResult } from "./allocate-items.ts";
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { Plan } from "../../mapping/plan.ts";
import type { PointCosts } from "../../cost/point-costs.ts";

export { newAllocationResult, type AllocateOptions, type AllocationResult, type MacroMode } from "./allocate-items.ts";

let countsScratch = new Float64Array(64);
const classK = new Float64Array(CLASS_COUNT);

/** ceil that forgives float noise just above an integer (d / (d / k) can come out as k + 1e-16). */
const ceilTol = (x: number): number => Math.ceil(x * (1 - 1e-12));

/** Set by `countsForTarget`: the smallest T above the target at which some count would drop (∞: none can). */
let nextBreakNs = Infinity;

/**
 * Counts reaching busy ≤ T for every item, written to `counts`; returns their peak power (mW). Also records in
 * `nextBreakNs` how far T can grow before any count falls, so the counts (and the power) are the same on
 * [targetNs, nextBreakNs).
 */
export function countsForTarget(it: AllocationItems, targetNs: number, counts: Float64Array): number {
  const n = it.count;
  let next = Infinity;
  if (!it.unified) {
    let mw = 0;
    for (let k = 0; k < n; k++) {
      const step = it.step[k];
      const x = it.dMax[k] / step;
      const q = ceilTol(x / targetNs);
      let units = step;
      if (q > 1) {
        units = q * step;
        const t = x / (q - 1);
        if (t < next) next = t;
      }
      counts[k] = units;
      mw += units * it.peakMw[k];
    }
    nextBreakNs = next;
    return mw;
  }
  classK.fill(0);
  for (let k = 0; k < n; k++) {
    const x = it.dMax[k] / it.step[k];
    const q = ceilTol(x / targetNs);
    const cl = it.cls[k];
    if (q > classK[cl]) classK[cl] = q;
    // A class's count falls only once all its items' do; the first item's break is a safe (earlier) bound.
    if (q > 1) {
      const t = x / (q - 1);
      if (t < next) next = t;
    }
  }
  let perMacroMw = 0;
  for (let cl = 0; cl < CLASS_COUNT; cl++) {
    if (!it.classUsed[cl]) continue;
    if (classK[cl] < 1) classK[cl] = 1;
    perMacroMw += classK[cl] * it.classPeakMw[cl];
  }
  for (let k = 0; k < n; k++) counts[k] = classK[it.cls[k]] * it.step[k];
  nextBreakNs = next;
  return it.macros * perMacroMw;
}

/** Largest item busy time (ns) of a set of counts, ignoring floors. */
function reachedNs(it: AllocationItems, counts: Float64Array): number {
  let t = 0;
  for (let k = 0; k < it.count; k++) {
    const d = it.dMax[k] / counts[k];
    if (d > t) t = d;
  }
  return t;
}

/** Relative width at which the search stops: breakpoints closer than this are the same period. */
const REL_TOL = 1e-12;

/**
 * Allocate the plan's peripheral units (plan.adc, shiftAdd, add, act, vec) to minimise Eq. 5's max busy time
 * within `opts.budgetW`. Pure apart from writing the plan's unit arrays (and `out` when given).
 */
export function allocateComponents(
  model: NetworkModel,
  c: PointCosts,
  plan: Plan,
  opts: AllocateOptions,
  out: AllocationResult = newAllocationResult(),
): AllocationResult {
  if (Number.isNaN(opts.budgetW)) throw new Error("allocateComponents: budgetW is NaN");
  const it = buildItems(model, c, plan, opts);
  if (countsScratch.length < it.count) countsScratch = new Float64Array(2 * it.count);
  const counts = countsScratch;
  const budgetMw = opts.budgetW * 1e3;
  const floor = it.floorNs;

  // Upper end: one unit (per macro) everywhere. If that does not fit, nothing does.
  let dTop = 0;
  for (let k = 0; k < it.count; k++) dTop = Math.max(dTop, it.dMax[k] / it.step[k]);
  const minMw = countsForTarget(it, Math.max(dTop, floor, Number.MIN_VALUE), counts);
  out.minUnitsW = minMw / 1e3;
  if (!(minMw <= budgetMw)) {
    applyCounts(model, it, counts, plan, out);
    out.feasible = false;
    return out;
  }
  out.feasible = true;
  let hi = Math.max(dTop, floor);

  // Lower end: Eq. 6's continuous optimum (all delays balanced, fractional counts, no minimum of one).
  let eq6Mw = 0;
  if (it.unified) {
    classK.fill(0);
    for (let k = 0; k < it.count; k++) classK[it.cls[k]] = Math.max(classK[it.cls[k]], it.dMax[k] / it.step[k]);
    for (let cl = 0; cl < CLASS_COUNT; cl++) eq6Mw += classK[cl] * it.classPeakMw[cl];
    eq6Mw *= it.macros;
  } else for (let k = 0; k < it.count; k++) eq6Mw += it.dMax[k] * it.peakMw[k];
  // (Floors are positive for real layers; the last term only keeps an unbounded budget from asking for ∞ units.)
  let lo = Math.max(floor, budgetMw > 0 ? eq6Mw / budgetMw : hi, hi * 1e-9);

  // Invariants: T* ≥ lo; hi is feasible and equal to the busy time its allocation reaches. Each probe snaps an
  // end to a breakpoint: a feasible probe lowers hi to the busy time actually reached, an infeasible one
  // raises lo to where the first count would drop (the power is constant in between). Probes interpolate the
  // power linearly in 1/T (how the counts scale) between the last infeasible and feasible probes, kept away
  // from the ends so the bracket shrinks geometrically even when the interpolation is poor.
  let hiMw = minMw;
  let loAnchor = lo, loAnchorMw = Infinity;
  for (let iter = 0; iter < 200 && lo < hi && hi > lo * (1 + REL_TOL); iter++) {
    let probe: number;
    if (iter === 0) probe = lo;
    else if (iter % 3 === 2 || !Number.isFinite(loAnchorMw)) probe = Math.sqrt(lo * hi);
    else {
      const xHi = 1 / hi;
      const guess = 1 / (xHi + ((budgetMw - hiMw) / (loAnchorMw - hiMw)) * (1 / loAnchor - xHi));
      const span = Math.log(hi / lo);
      const g = Math.log(guess / lo) / span;
      probe = lo * Math.exp(span * (g > 0.02 ? (g < 0.98 ? g : 0.98) : 0.02));
    }
    const mw = countsForTarget(it, probe, counts);
    if (mw <= budgetMw) {
      hi = Math.max(floor, reachedNs(it, counts));
      hiMw = mw;
    } else {
      loAnchor = probe;
      loAnchorMw = mw;
      lo = Math.max(lo, Math.min(nextBreakNs, hi));
    }
  }
  const usedMw = countsForTarget(it, hi, counts);
  if (opts.spendLeftover && !it.unified) spendLeftover(model, it, counts, budgetMw - usedMw);
  applyCounts(model, it, counts, plan, out);
  return out;
}

let busyNow = new Float64Array(32), weight = new Float64Array(32), level = new Float64Array(32), trial = new Float64Array(64);

/**
 * The exact allocation's secondary objective (allocate-exact.ts: the bottleneck fixed, the sum of the layers'
 * busy times minimised within the budget), solved by its Lagrangian so the search scores designs as the
 * finalists are finally allocated: for a price λ per mW, layer i goes down to L_i = √(λ·A_i) (A_i = Σ over its
 * items of one-unit busy time × unit peak power, the minimiser of L + λ·A/L), clamped between its floor and its
 * current busy time; each item gets the fewest units that reach its layers' levels. The power those counts add
 * falls as λ grows, so a bisection on λ finds the cheapest price whose counts fit the power left. Counts only
 * grow, so the bottleneck never gets slower. (Pricing the added static power in as well, μ = Σ busy / static
 * power, was tried: alexnet@49 W 602.0 GOPS/W against 636.2 without it, so it is not used.)
 */
function spendLeftover(model: NetworkModel, it: AllocationItems, counts: Float64Array, leftoverMw: number): void {
  const n = model.layers.length;
  if (busyNow.length < n) {
    busyNow = new Float64Array(2 * n);
    weight = new Float64Array(2 * n);
    level = new Float64Array(2 * n);
  }
  if (trial.length < it.count) trial = new Float64Array(2 * it.count);
  for (let i = 0; i < n; i++) {
    busyNow[i] = it.layerFloorNs[i];
    weight[i] = 0;
  }
  for (let k = 0; k < it.count; k++) {
    const i = it.layer[k];
    busyNow[i] = Math.max(busyNow[i], it.d1[k] / counts[k]);
    weight[i] += it.d1[k] * it.peakMw[k];
    const p = it.partner[k];
    if (p >= 0) {
      busyNow[p] = Math.max(busyNow[p], it.d1Partner[k] / counts[k]);
      weight[p] += it.d1Partner[k] * it.peakMw[k];
    }
  }
  if (!(leftoverMw > 0)) return;
  /** Counts for price λ into `trial`; returns the power they add (mW). */
  const price = (lam: number): number => {
    for (let i = 0; i < n; i++) level[i] = Math.min(busyNow[i], Math.max(it.layerFloorNs[i], Math.sqrt(lam * weight[i])));
    let addMw = 0;
    for (let k = 0; k < it.count; k++) {
      const step = it.step[k];
      let c = counts[k];
      const l = level[it.layer[k]];
      if (l > 0) c = Math.max(c, ceilTol(it.d1[k] / l / step) * step);
      const p = it.partner[k];
      if (p >= 0 && level[p] > 0) c = Math.max(c, ceilTol(it.d1Partner[k] / level[p] / step) * step);
      trial[k] = c;
      addMw += (c - counts[k]) * it.peakMw[k];
    }
    return addMw;
  };
  const apply = () => {
    for (let k = 0; k < it.count; k++) counts[k] = trial[k];
  };
  if (price(0) <= leftoverMw) return apply(); // every layer down to its floor fits
  let lamHi = 0;
  for (let i = 0; i < n; i++) if (weight[i] > 0) lamHi = Math.max(lamHi, (busyNow[i] * busyNow[i]) / weight[i]);
  if (!(lamHi > 0)) return;
  let lo = Math.log(lamHi) - 60, hi = Math.log(lamHi) + 1e-9;
  for (let iter = 0; iter < 40; iter++) {
    const mid = (lo + hi) / 2;
    if (price(Math.exp(mid)) <= leftoverMw) hi = mid;
    else lo = mid;
  }
  if (price(Math.exp(hi)) <= leftoverMw) apply();
}
