/**
 * Integer-exact component allocation for finalists, with HiGHS: the bisection (allocate.ts) already finds the
 * smallest bottleneck busy time T, but leaves the power it does not need unspent. This model keeps T and
 * spends the leftover where it shortens the other layers most, minimising T + ε·Σ_layers busy_i.
 *
 * Multiple-choice formulation (linear, small): every allocatable count (an item; in unified mode a unit class,
 * whose per-macro count all macros share) picks one of a few candidate counts, starting at the bisection's
 * answer and climbing geometrically to where the layer hits its floor or the leftover power runs out. The
 * busy time of each choice is a constant, so
 *   minimise T + ε Σ B_i   s.t.  Σ_q x_gq = 1 (each group g),  B_i ≥ floor_i,  B_i ≥ Σ_q delay_igq x_gq,
 *                               T ≥ B_i,  Σ_g Σ_q powerMw_gq x_gq ≤ budget,  x binary.
 * No allocation within budget has T below the bisection's T*, and every candidate keeps its delay ≤ T*, so
 * T = T* in every solution: the model pins T at T* (B_i ≤ T*) and minimises Σ B_i alone. Same optimum for any
 * ε > 0, and the MIP gap then measures the term that actually varies (with T in the objective a 1e-4 gap
 * would let most of the secondary improvement go). Times are scaled by T* and power by the budget so the
 * coefficients sit near 1. The solution is re-checked in exact arithmetic; the bisection result is kept
 * whenever the MILP's is not at least as good.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { Plan } from "../../mapping/plan.ts";
import type { PointCosts } from "../../cost/point-costs.ts";
import { allocateComponents } from "./allocate.ts";
import type { AllocateOptions, AllocationItems } from "./allocate-items.ts";
import { allocationItems, applyCounts, countsPowerMw, CLASS_COUNT, K_ACT, K_ADC, K_ADD, K_SA, layerBusyNs, newAllocationResult } from "./allocate-items.ts";
import { TUNING } from "./tuning.ts";
import { solveMilp, type MilpProblem, type MilpVar, type MilpRow } from "../../search/milp.ts";

export interface ExactOptions extends AllocateOptions {
  /** Candidate counts per item or class (the bisection's count included). */
  candidates?: number;
  /** ε: weight of the sum of the layers' busy times against the bottleneck's. */
  secondaryWeight?: number;
  timeLimitS?: number;
  mipRelGap?: number;
}

export interface ExactAllocation {
  feasible: boolean;
  /** periodNs + ε·sumBusyNs of the allocation written to the plan. */
  objective: number;
  periodNs: number;
  sumBusyNs: number;
  unitsW: number;
  /** HiGHS's status, "infeasible" (the minimum allocation exceeds the budget) or "no choice" (nothing to decide). */
  status: string;
  /** Which allocation the plan now holds. */
  source: "milp" | "bisection";
  solveMs: number;
  /** The bisection's figures, for comparison. */
  bisection: { periodNs: number; sumBusyNs: number; objective: number; unitsW: number };
}

/** Relative share of the budget the MILP leaves unused (its row tolerance is 1e-7, binaries within 1e-6). */
const BUDGET_MARGIN = 1e-6;

interface Group {
  items: number[];
  /** Candidate per-step counts (k: the item gets k × step units), ascending, the first the bisection's. */
  ks: number[];
  /** Peak mW per unit of k. */
  mwPerK: number;
}

function planCount(plan: Plan, kind: number, layer: number): number {
  switch (kind) {
    case K_ADC: return plan.adc[layer];
    case K_SA: return plan.shiftAdd[layer];
    case K_ADD: return plan.add[layer];
    case K_ACT: return plan.act[layer];
    default: return plan.vec[layer];
  }
}

/** Geometric ladder from k0 to kMax (inclusive), at most `n` values, deduplicated integers. */
function ladder(k0: number, kMax: number, n: number): number[] {
  const ks = [k0];
  if (kMax <= k0 || n < 2) return ks;
  const ratio = Math.pow(kMax / k0, 1 / (n - 1));
  for (let q = 1; q < n; q++) {
    const k = q === n - 1 ? kMax : Math.max(ks[ks.length - 1] + 1, Math.round(k0 * Math.pow(ratio, q)));
    if (k > kMax) break;
    ks.push(k);
  }
  if (ks[ks.length - 1] !== kMax) ks.push(kMax);
  return ks;
}

function buildGroups(it: AllocationItems, base: Float64Array, leftoverMw: number, candidates: number): Group[] {
  const groups: Group[] = [];
  if (it.unified) {
    const byClass: number[][] = Array.from({ length: CLASS_COUNT }, () => []);
    for (let k = 0; k < it.count; k++) byClass[it.cls[k]].push(k);
    for (let cl = 0; cl < CLASS_COUNT; cl++) {
      if (byClass[cl].length === 0) continue;
      groups.push({ items: byClass[cl], ks: [], mwPerK: it.macros * it.classPeakMw[cl] });
    }
  } else for (let k = 0; k < it.count; k++) groups.push({ items: [k], ks: [], mwPerK: it.peakMw[k] * it.step[k] });
  for (const g of groups) {
    let k0 = 1;
    let kFloor = 1;
    for (const k of g.items) {
      k0 = Math.max(k0, Math.round(base[k] / it.step[k]));
      // More units than bring the item down to its layer's floor cannot shorten that layer.
      const reach = (d: number, layer: number): number => {
        const f = it.layerFloorNs[layer];
        return f > 0 ? Math.ceil(d / (f * it.step[k])) : Infinity;
      };
      kFloor = Math.max(kFloor, reach(it.d1[k], it.layer[k]));
      if (it.partner[k] >= 0) kFloor = Math.max(kFloor, reach(it.d1Partner[k], it.partner[k]));
    }
    const kBudget = g.mwPerK > 0 ? k0 + Math.floor(leftoverMw / g.mwPerK + 1e-9) : Infinity;
    g.ks = ladder(k0, Math.min(kFloor, kBudget), candidates);
  }
  return groups;
}

function buildMilp(model: NetworkModel, it: AllocationItems, groups: Group[], budgetMw: number, tScale: number): { problem: MilpProblem; xStart: number[] } {
  const n = model.layers.length;
  const vars: MilpVar[] = [];
  const rows: MilpRow[] = [];
  const bVar = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (model.layers[i].role === "route") continue;
    bVar[i] = vars.length;
    // B_i ≤ T*: the bottleneck stays at the bisection's optimum (scaled to 1).
    vars.push({ obj: 1, lb: it.layerFloorNs[i] / tScale, ub: 1 });
  }
  let fixedMw = 0;
  const budgetVars: number[] = [];
  const budgetCoefs: number[] = [];
  const xStart: number[] = [];
  for (const g of groups) {
    // Each (layer, busy-with-one-unit) the group's choice drives.
    const drives: { layer: number; d: number; step: number }[] = [];
    for (const k of g.items) {
      drives.push({ layer: it.layer[k], d: it.d1[k], step: it.step[k] });
      if (it.partner[k] >= 0) drives.push({ layer: it.partner[k], d: it.d1Partner[k], step: it.step[k] });
    }
    if (g.ks.length === 1) {
      const kk = g.ks[0];
      fixedMw += g.mwPerK * kk;
      for (const dr of drives) {
        const v = vars[bVar[dr.layer]];
        v.lb = Math.min(1, Math.max(v.lb ?? 0, dr.d / (kk * dr.step) / tScale));
      }
      xStart.push(-1);
      continue;
    }
    const x0 = vars.length;
    xStart.push(x0);
    const choose: number[] = [];
    for (let q = 0; q < g.ks.length; q++) {
      vars.push({ kind: "binary" });
      choose.push(x0 + q);
      budgetVars.push(x0 + q);
      budgetCoefs.push((g.mwPerK * g.ks[q]) / budgetMw);
    }
    rows.push({ vars: choose, coefs: choose.map(() => 1), lb: 1, ub: 1 });
    for (const dr of drives) {
      const coefs = g.ks.map((kk) => dr.d / (kk * dr.step) / tScale);
      rows.push({ vars: [...choose, bVar[dr.layer]], coefs: [...coefs, -1], lb: -Infinity, ub: 0 });
    }
  }
  // A margin above the solver's feasibility tolerance, so the exact re-check (and float sums) stay within budget.
  if (budgetVars.length) rows.push({ vars: budgetVars, coefs: budgetCoefs, lb: -Infinity, ub: 1 - fixedMw / budgetMw - BUDGET_MARGIN });
  return { problem: { sense: "minimize", vars, rows }, xStart };
}

/**
 * Allocate the plan's units exactly (integer counts, within budget, min-max first, then the sum of busy times).
 * Writes the plan's unit arrays. Never worse than `allocateComponents` on T + ε·Σ busy.
 */
export async function allocateExact(model: NetworkModel, c: PointCosts, plan: Plan, opts: ExactOptions): Promise<ExactAllocation> {
  const eps = opts.secondaryWeight ?? 1e-3;
  const it = allocationItems(model, c, plan, opts);
  const r0 = allocateComponents(model, c, plan, opts, newAllocationResult());
  const bis = { periodNs: r0.periodNs, sumBusyNs: r0.sumBusyNs, objective: r0.periodNs + eps * r0.sumBusyNs, unitsW: r0.unitsW };
  const result: ExactAllocation = {
    feasible: r0.feasible,
    objective: bis.objective,
    periodNs: r0.periodNs,
    sumBusyNs: r0.sumBusyNs,
    unitsW: r0.unitsW,
    status: r0.feasible ? "no choice" : "infeasible",
    source: "bisection",
    solveMs: 0,
    bisection: bis,
  };
  if (!r0.feasible) return result;

  const base = new Float64Array(it.count);
  for (let k = 0; k < it.count; k++) base[k] = planCount(plan, it.kind[k], it.layer[k]);
  const budgetMw = opts.budgetW * 1e3;
  const groups = buildGroups(it, base, budgetMw - countsPowerMw(it, base), opts.candidates ?? 8);
  if (groups.every((g) => g.ks.length === 1)) return result;

  const { problem, xStart } = buildMilp(model, it, groups, budgetMw, r0.periodNs);
  const sol = await solveMilp(problem, { timeLimitS: opts.timeLimitS ?? TUNING.exactTimeLimitS, mipRelGap: opts.mipRelGap ?? TUNING.exactMipRelGap });
  result.status = sol.status;
  result.solveMs = sol.solveMs;
  if (!sol.hasSolution) return result;

  const counts = new Float64Array(it.count);
  groups.forEach((g, gi) => {
    let best = 0;
    if (xStart[gi] >= 0) for (let q = 1; q < g.ks.length; q++) if (sol.values[xStart[gi] + q] > sol.values[xStart[gi] + best]) best = q;
    for (const k of g.items) counts[k] = g.ks[best] * it.step[k];
  });
  // Exact re-check: the solver's tolerances must not let a plan over budget or worse than the bisection through.
  const busy = layerBusyNs(model, it, counts, new Float64Array(model.layers.length));
  let period = 0, sum = 0;
  for (const b of busy) {
    sum += b;
    if (b > period) period = b;
  }
  const objective = period + eps * sum;
  if (countsPowerMw(it, counts) <= budgetMw && objective <= bis.objective) {
    const out = newAllocationResult();
    applyCounts(model, it, counts, plan, out);
    out.feasible = true;
    Object.assign(result, { objective, periodNs: out.periodNs, sumBusyNs: out.sumBusyNs, unitsW: out.unitsW, source: "milp" as const });
  }
  return result;
}
