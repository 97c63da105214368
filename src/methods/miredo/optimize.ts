/**
 * The per-layer search (reference code's SolveMapping): enumerate spatial schemes, factorise each scheme's
 * temporal bounds, bound every scheme from below (roofline), start from the better baseline as the shared
 * incumbent, and solve MILPs for the schemes whose bound can still beat the incumbent, best bound first.
 * A scheme with at most `fullOrderLoops` temporal loops gets the full MILP (loop order inside); a larger one gets
 * one MILP per candidate loop order (the greedy baseline's order, optionally also the weight-stationary order), deciding
 * tiling, per-operand placement, bypass and buffering exactly for that order. The full MILP proves optimality on
 * small nests (exactness tests) but HiGHS does not close it on 6-loop ResNet layers within a minute, where the
 * fixed-order MILP closes in seconds (docs/dataflow.md has the measurements).
 * EDP: the latency- and energy-optimal MILPs of a scheme, then ε-constraint steps (minimum energy under a
 * latency cap just below the last point) walking the Pareto front while the bound latency_min × energy can still
 * beat the incumbent; exact when the walk ends by that bound, the best point found otherwise.
 */
import { UserError } from "../../errors.ts";
import type { DataflowHardware } from "../../hardware/dataflow-hw.ts";
import { baselines, greedy, weightStationary } from "./baselines.ts";
import { lowerBounds } from "./bounds.ts";
import { score, type Objective } from "./enumerate.ts";
import { factorize } from "./factorize.ts";
import { solveProblem, type MilpResult } from "./milp.ts";
import type { Evaluation } from "./model.ts";
import { makeProblem, placementDepth, type Atom, type Problem, type SpatialScheme, type TemporalMapping } from "./problem.ts";
import { key, spatialSchemes, temporalBounds, utilisation } from "./spatial.ts";
import type { LoopNest } from "./workload.ts";

export interface LayerOptions {
  objective: Objective;
  /** Wall-clock limit of one MILP (s). */
  milpTimeLimitS: number;
  mipRelGap: number;
  /** At most this many temporal loops per MILP (factors merged down to it). */
  maxLoops: number;
  /** At most this many MILP-solved schemes per layer (the best-bounded ones). */
  maxSchemes: number;
  /** ε-constraint steps per scheme for EDP. */
  edpSteps: number;
  /** Schemes with at most this many temporal loops get the full MILP (loop order decided inside). */
  fullOrderLoops: number;
  /** Candidate loop orders of a larger scheme: the greedy baseline's, or also the weight-stationary order. */
  orders: "greedy" | "greedy+ws";
  /** After a larger scheme's fixed-order MILP, the full MILP (order inside) with that optimum as the cutoff. */
  fullOrderSearch: boolean;
}

export const DEFAULT_LAYER_OPTIONS: LayerOptions = {
  objective: "edp",
  milpTimeLimitS: 10,
  mipRelGap: 1e-4,
  maxLoops: 6,
  maxSchemes: 1,
  edpSteps: 1,
  fullOrderLoops: 3,
  orders: "greedy",
  fullOrderSearch: false,
};

export interface MilpRecord {
  scheme: string;
  objective: "latency" | "energy";
  /** "milp": the loop order was a decision of this MILP; "fixed": it was given (the greedy order). */
  order: "milp" | "fixed";
  status: string;
  optimal: boolean;
  variables: number;
  binaries: number;
  constraints: number;
  /** Wall time: timing.json only. */
  solveMs: number;
}

export interface Scored {
  latencyCycles: number;
  energyPj: number;
  edp: number;
}

export interface LayerResult {
  layer: string;
  scheme: SpatialScheme;
  schemeKey: string;
  utilisation: number;
  atoms: Atom[];
  mapping: TemporalMapping;
  evaluation: Evaluation;
  /** Where the chosen mapping came from: a MILP, or the baseline start that no MILP beat within its limits. */
  origin: "milp" | "baseline-ws" | "baseline-greedy";
  /** All MILPs proven optimal and the EDP walk closed by its bound (or no MILP needed: every scheme pruned). */
  proven: boolean;
  /** Upper bound on the relative optimality gap from the best scheme's roofline bound. */
  gapBound: number;
  schemes: { total: number; pruned: number; solved: number; skipped: number };
  milps: MilpRecord[];
  baselines: { ws: Scored; greedy: Scored };
  problem: Problem;
}

export function scored(e: Evaluation): Scored {
  return { latencyCycles: e.latencyCycles, energyPj: e.energyPj, edp: e.latencyCycles * e.energyPj };
}

interface Candidate {
  p: Problem;
  lb: number;
  util: number;
}

export async function optimizeLayer(nest: LoopNest, hw: DataflowHardware, opts: LayerOptions): Promise<LayerResult> {
  const obj = opts.objective;
  const depth = placementDepth(hw);
  const cands: Candidate[] = spatialSchemes(nest, hw).map((s) => {
    const p = makeProblem(nest, hw, s, factorize(temporalBounds(nest, s), depth, opts.maxLoops));
    const b = lowerBounds(p);
    return { p, lb: obj === "latency" ? b.latencyCycles : obj === "energy" ? b.energyPj : b.edp, util: utilisation(hw, s) };
  });
  // Baselines on every scheme: their best is the incumbent every MILP must beat.
  let best: { p: Problem; mapping: TemporalMapping; evaluation: Evaluation; origin: LayerResult["origin"]; value: number } | undefined;
  let wsBest: Evaluation | undefined;
  let grBest: Evaluation | undefined;
  for (const c of cands) {
    const b = baselines(c.p, obj);
    if (b.ws.evaluation.feasible && (!wsBest || score(b.ws.evaluation, obj) < score(wsBest, obj))) wsBest = b.ws.evaluation;
    if (b.greedy.evaluation.feasible && (!grBest || score(b.greedy.evaluation, obj) < score(grBest, obj))) grBest = b.greedy.evaluation;
    for (const [origin, r] of [["baseline-greedy", b.greedy], ["baseline-ws", b.ws]] as const) {
      const v = score(r.evaluation, obj);
      if (v < (best?.value ?? Infinity)) best = { p: c.p, mapping: r.mapping, evaluation: r.evaluation, origin, value: v };
    }
  }
  cands.sort((a, b) => a.lb - b.lb || b.util - a.util);
  const milps: MilpRecord[] = [];
  let pruned = 0;
  let solved = 0;
  let skipped = 0;
  let proven = true;
  const record = (c: Candidate, o: "latency" | "energy", r: MilpResult, fullOrder = false): void => {
    milps.push({ scheme: key(c.p.scheme), objective: o, order: fullOrder || c.p.atoms.length <= opts.fullOrderLoops ? "milp" : "fixed", status: r.status, optimal: r.optimal, variables: r.variables, binaries: r.binaries, constraints: r.constraints, solveMs: r.solveMs });
    if (!r.optimal && r.status !== "Infeasible") proven = false;
  };
  const consider = (c: Candidate, r: MilpResult): void => {
    if (!r.evaluation?.feasible || !r.mapping) return;
    const v = score(r.evaluation, obj);
    if (v < (best?.value ?? Infinity) * (1 - 1e-12)) best = { p: c.p, mapping: r.mapping, evaluation: r.evaluation, origin: "milp", value: v };
  };
  let orderProven = true;
  /**
   * Phase 2 of a large nest: the full MILP (loop order inside) with the fixed-order optimum as its objective cutoff,
   * so HiGHS only looks for strictly better orders. "Infeasible" proves the fixed-order optimum optimal over every
   * order; "Optimal" is a better order, proven; a time limit keeps the better incumbent, unproven.
   */
  const searchOrder = async (c: Candidate, o: "latency" | "energy", fixed: MilpResult): Promise<MilpResult> => {
    const cutoff = fixed.evaluation?.feasible ? (o === "latency" ? fixed.evaluation.latencyCycles : fixed.evaluation.energyPj) * (1 - 1e-7) : undefined;
    const r = await solveProblem(c.p, o, { timeLimitS: opts.milpTimeLimitS, mipRelGap: opts.mipRelGap, cutoff });
    record(c, o, r, true);
    consider(c, r);
    if (r.status === "Infeasible" && cutoff !== undefined) return fixed;
    if (!r.optimal) orderProven = false;
    return r.evaluation?.feasible && fixed.evaluation?.feasible && score(r.evaluation, o) < score(fixed.evaluation, o) ? r : fixed;
  };
  for (const c of cands) {
    orderProven = true;
    const incumbent = best?.value ?? Infinity;
    if (c.lb >= incumbent * (1 - opts.mipRelGap)) {
      pruned++;
      continue;
    }
    if (solved >= opts.maxSchemes) {
      skipped++;
      proven = false;
      continue;
    }
    solved++;
    const base = { timeLimitS: opts.milpTimeLimitS, mipRelGap: opts.mipRelGap };
    const orders: (number[] | undefined)[] =
      c.p.atoms.length <= opts.fullOrderLoops ? [undefined] : uniqueOrders(opts.orders === "greedy" ? [greedy(c.p, obj).order] : [greedy(c.p, obj).order, weightStationary(c.p, obj).order]);
    for (const order of orders) {
      if (obj !== "edp") {
        const r = await solveProblem(c.p, obj, { ...base, cutoff: best?.value ?? Infinity }, order);
        record(c, obj, r);
        consider(c, r);
        if (order !== undefined && opts.fullOrderSearch) await searchOrder(c, obj, r);
        continue;
      }
      // EDP: the two single-objective optima, then ε-constraint steps from the energy-optimal point.
      let lat = await solveProblem(c.p, "latency", base, order);
      record(c, "latency", lat);
      consider(c, lat);
      if (order !== undefined && opts.fullOrderSearch) lat = await searchOrder(c, "latency", lat);
      if (!lat.evaluation?.feasible) continue;
      const latMin = lat.evaluation.latencyCycles;
      let cap = Infinity;
      let closed = false;
      for (let step = 0; step <= opts.edpSteps; step++) {
        let r = await solveProblem(c.p, "energy", { ...base, maxLatency: Number.isFinite(cap) ? cap : undefined }, order);
        record(c, "energy", r);
        if (step === 0 && order !== undefined && opts.fullOrderSearch) r = await searchOrder(c, "energy", r);
        if (!r.evaluation?.feasible) {
          // Infeasible under the latency cap closes the walk only when the order was free in that MILP.
          closed = r.status === "Infeasible" && order === undefined;
          break;
        }
        consider(c, r);
        // Every later point has energy ≥ this one and latency ≥ latMin.
        if (r.evaluation.energyPj * latMin >= (best?.value ?? Infinity) * (1 - opts.mipRelGap) || r.evaluation.latencyCycles <= latMin) {
          closed = true;
          break;
        }
        cap = r.evaluation.latencyCycles * (1 - 1e-6);
      }
      if (!closed) proven = false;
    }
    if (orders[0] !== undefined && !orderProven) proven = false;
  }
  if (!best) {
    throw new UserError(`layer "${nest.layer}" cannot be mapped on ${hw.name}: no spatial scheme's smallest tiles fit the memory levels`, { pointer: "--hw" });
  }
  const bestLb = Math.min(...cands.map((c) => c.lb));
  return {
    layer: nest.layer,
    scheme: best.p.scheme,
    schemeKey: key(best.p.scheme),
    utilisation: utilisation(hw, best.p.scheme),
    atoms: best.p.atoms,
    mapping: best.mapping,
    evaluation: best.evaluation,
    origin: best.origin,
    proven,
    gapBound: Math.max(0, (best.value - bestLb) / best.value),
    schemes: { total: cands.length, pruned, solved, skipped },
    milps,
    baselines: { ws: scored(wsBest as Evaluation), greedy: scored(grBest as Evaluation) },
    problem: best.p,
  };
}

function uniqueOrders(orders: number[][]): number[][] {
  const seen = new Set<string>();
  return orders.filter((o) => {
    const k = o.join(",");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
