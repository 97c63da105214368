/**
 * Stage 1 of PIMSYN: the SA-based weight-duplication filter (method §6, Eq. 1–4). Picks per-layer weight
 * duplication vectors that fit the crossbar budget and minimise a proxy energy, and keeps the K best distinct
 * ones for the later stages.
 *
 * Which layers are searched: crossbar (mvm) layers with more than one output pixel. Layers with a single output
 * pixel (fc, or a conv on a 1×1 map) gain nothing from copies and stay at 1, as fc does in the reference code;
 * non-mvm layers are reported as 1 (their block counts follow their producers later, §6.3).
 *
 * Budget: `budgetCrossbars` is the whole crossbar budget (Eq. 3). One copy of every mvm layer must fit
 * (Σ set_i ≤ B); the fixed layers' crossbars are taken off first, as the reference does with fc, and every
 * vector satisfies Σ dup_i·set_i ≤ B over all mvm layers. A layer is never given more copies than it has
 * output pixels (more copies could not shorten it).
 *
 * Search space: after each move the vector is filled so that no searched layer can take one more copy (the
 * reference keeps every state within mean(set) of the budget; we make that strict and one-sided). Without
 * it the paper's energy, which measures balance only, would favour vectors that leave crossbars unused.
 * With the monotonicity constraint the fill is relaxed (a maximal vector may be unable to meet it); see
 * duplication-moves.ts. The SA starts from `proportionalSeed`, which need not be maximal.
 */
import { InfeasibleError } from "../../errors.ts";
import type { NetworkModel } from "../../mapping/layer-model.ts";
import { anneal, type AnnealLevel, type StopReason } from "../../search/anneal.ts";
import type { Rng } from "../../search/rng.ts";
import { neighborFunction, neighborIntoFunction, type DupProblem } from "./duplication-moves.ts";

export type DuplicationEnergy = "paper" | "reference";

export interface DuplicationOptions {
  /** "paper": Eq. 4, stdev of block counts + α·stdev of access volumes. "reference": max block count. */
  energy: DuplicationEnergy;
  /** Paper energy weight; default: stdev1/stdev2 at the seed (equal weight there), see `defaultAlpha`. */
  alpha?: number;
  /** Reference energy only: require dup_i ≥ ratio·dup_{i+1} for consecutive searched layers (reference: 0.6). */
  monotonicRatio?: number;
  /** Candidates kept (paper: 30). */
  keep?: number;
  chains?: number;
  movesPerLevel?: number;
  cooling?: number;
  /** Default: the reference rule T0 = 10^floor(log10(min(E_seed, 1e4))) (1 if E_seed = 0); tf = t0/1000. */
  t0?: number;
  tf?: number;
  rng: Rng;
  maxEvaluations?: number;
  deadline?: () => boolean;
}

export interface DuplicationCandidate {
  /** Copies per layer, indexed like model.layers (1 for every layer that is not searched). */
  dup: number[];
  energy: number;
  /** Σ dup_i·set_i over all mvm layers. */
  crossbars: number;
}

export interface DuplicationInfeasible {
  feasible: false;
  budgetCrossbars: number;
  /** Σ set_i over mvm layers: the fewest crossbars that hold one copy of every layer. */
  minCrossbars: number;
}

export interface DuplicationResult {
  feasible: true;
  budgetCrossbars: number;
  minCrossbars: number;
  /** Up to `keep` distinct vectors, lowest energy first (the seed is among those visited). */
  candidates: DuplicationCandidate[];
  seed: DuplicationCandidate;
  /** Layer indices whose duplication was searched. */
  searchedLayers: number[];
  /** The α used (paper energy only). */
  alpha?: number;
  t0: number;
  tf: number;
  /** One row per temperature level, merged over chains (see src/search/anneal.ts). */
  trace: AnnealLevel[];
  evaluations: number;
  stoppedBy: StopReason;
}

/** The searched layers' constants (flat arrays for the hot loop) and where they sit in the model. */
interface Problem extends DupProblem {
  layers: number[];
  /** Paper's access volume per copy: WK²CI + CO. */
  volume: Float64Array;
  /** Crossbars of the layers that are not searched (one copy each). */
  fixedCrossbars: number;
}

const isSearched = (l: NetworkModel["layers"][number]) => l.role === "mvm" && l.outPixels > 1;

function minCrossbars(model: NetworkModel): number {
  return model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
}

function checkBudget(budgetCrossbars: number): void {
  if (!Number.isInteger(budgetCrossbars) || budgetCrossbars < 0) {
    throw new RangeError(`crossbar budget must be a non-negative integer, got ${budgetCrossbars}`);
  }
}

function problemOf(model: NetworkModel, budgetCrossbars: number): Problem {
  const layers = model.mvmLayers.filter((i) => isSearched(model.layers[i]));
  const fixedCrossbars = model.mvmLayers.filter((i) => !isSearched(model.layers[i])).reduce((s, i) => s + model.layers[i].set, 0);
  const n = layers.length;
  const p: Problem = {
    layers,
    pixels: new Float64Array(n),
    set: new Float64Array(n),
    volume: new Float64Array(n),
    cap: new Int32Array(n),
    budget: budgetCrossbars - fixedCrossbars,
    fixedCrossbars,
  };
  let oneCopy = 0;
  layers.forEach((li, k) => {
    const l = model.layers[li];
    p.pixels[k] = l.outPixels;
    p.set[k] = l.set;
    p.volume[k] = l.inputsPerCopy + l.outChannels;
    oneCopy += l.set;
  });
  for (let k = 0; k < n; k++) p.cap[k] = Math.min(p.pixels[k], Math.floor((p.budget - oneCopy + p.set[k]) / p.set[k]));
  return p;
}

function infeasibleError(model: NetworkModel, budgetCrossbars: number): InfeasibleError {
  return new InfeasibleError(
    `crossbar budget ${budgetCrossbars} cannot hold one copy of every layer: at least ${minCrossbars(model)} crossbars expected`,
  );
}

/** No duplication: one copy of every layer (the ablation's lower baseline). */
export function allOnes(model: NetworkModel): number[] {
  return model.layers.map(() => 1);
}

function compactSeed(p: Problem): Int32Array {
  const n = p.layers.length;
  const d = new Int32Array(n);
  let weighted = 0;
  for (let k = 0; k < n; k++) weighted += p.pixels[k] * p.set[k];
  let used = 0;
  for (let k = 0; k < n; k++) {
    // Crossbars in proportion to WO·HO·set, i.e. copies in proportion to WO·HO (reference, §6.2).
    d[k] = Math.max(1, Math.min(p.pixels[k], Math.ceil((p.budget * p.pixels[k]) / weighted)));
    used += d[k] * p.set[k];
  }
  // Round-robin: one copy off each layer that has more than one, until the vector fits.
  for (let k = 0; used > p.budget; k = (k + 1) % n) {
    if (d[k] > 1) {
      d[k]--;
      used -= p.set[k];
    }
  }
  return d;
}

function expand(model: NetworkModel, p: Problem, d: Int32Array): number[] {
  const out = allOnes(model);
  p.layers.forEach((li, k) => (out[li] = d[k]));
  return out;
}

/**
 * The WO·HO-proportional heuristic (method §6.2), full length like model.layers. The reference then stops
 * within mean(set) above the budget; here it stops at the first vector within the budget.
 */
export function proportionalSeed(model: NetworkModel, budgetCrossbars: number): number[] {
  checkBudget(budgetCrossbars);
  if (minCrossbars(model) > budgetCrossbars) throw infeasibleError(model, budgetCrossbars);
  const p = problemOf(model, budgetCrossbars);
  return expand(model, p, compactSeed(p));
}

/**
 * The fewest copies that reach the lowest bottleneck block count within the budget: the smallest T with
 * Σ ceil(WO·HO_i / T)·set_i ≤ budget, each layer at ceil(WO·HO_i / T) copies (the optimum of the reference's
 * max-steps energy, found exactly by bisection on T). Deterministic; full length like model.layers.
 */
export function balancedVector(model: NetworkModel, budgetCrossbars: number): number[] {
  checkBudget(budgetCrossbars);
  if (minCrossbars(model) > budgetCrossbars) throw infeasibleError(model, budgetCrossbars);
  const p = problemOf(model, budgetCrossbars);
  const n = p.layers.length;
  const need = (t: number) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += Math.ceil(p.pixels[k] / t) * p.set[k];
    return s;
  };
  let hi = 1;
  for (let k = 0; k < n; k++) hi = Math.max(hi, p.pixels[k]);
  let lo = 1;
  if (need(1) <= p.budget) hi = 1;
  // need(hi) = Σ set_k ≤ budget (one copy each); find the smallest feasible integer T.
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (need(mid) <= p.budget) hi = mid;
    else lo = mid + 1;
  }
  const d = new Int32Array(n);
  for (let k = 0; k < n; k++) d[k] = Math.max(1, Math.ceil(p.pixels[k] / hi));
  return expand(model, p, d);
}

function stdev(values: Float64Array): number {
  const n = values.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  return Math.sqrt(ss / n);
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length > 0 ? s / values.length : 0;
}

/** The two terms of Eq. 4, filled into scratch arrays (the caller owns them). */
function paperTerms(p: Problem, d: Int32Array, steps: Float64Array, access: Float64Array): void {
  for (let k = 0; k < d.length; k++) {
    steps[k] = p.pixels[k] / d[k];
    access[k] = d[k] * p.volume[k];
  }
}

/**
 * α that weighs both terms of Eq. 4 equally at the seed: stdev(steps)/stdev(access). If either is 0 there
 * (e.g. a single searched layer, or a perfectly balanced seed) the ratio of the means is used instead, which
 * still converts access volume into block-count units and is always positive.
 */
export function defaultAlpha(model: NetworkModel, budgetCrossbars: number): number {
  checkBudget(budgetCrossbars);
  if (minCrossbars(model) > budgetCrossbars) throw infeasibleError(model, budgetCrossbars);
  const p = problemOf(model, budgetCrossbars);
  return alphaAt(p, compactSeed(p));
}

function alphaAt(p: Problem, seed: Int32Array): number {
  const n = seed.length;
  if (n === 0) return 0;
  const steps = new Float64Array(n);
  const access = new Float64Array(n);
  paperTerms(p, seed, steps, access);
  const s1 = stdev(steps);
  const s2 = stdev(access);
  return s1 > 0 && s2 > 0 ? s1 / s2 : mean(steps) / mean(access);
}

function energyFunction(p: Problem, options: DuplicationOptions, alpha: number): (d: Int32Array) => number {
  const n = p.layers.length;
  if (options.energy === "reference") {
    const ratio = options.monotonicRatio;
    return (d) => {
      if (ratio !== undefined) for (let k = 0; k + 1 < n; k++) if (d[k] < ratio * d[k + 1]) return Infinity;
      // max_k ceil(x_k) = ceil(max_k x_k): one ceil per call.
      let worst = 0;
      for (let k = 0; k < n; k++) {
        const blocks = p.pixels[k] / d[k];
        if (blocks > worst) worst = blocks;
      }
      return Math.ceil(worst);
    };
  }
  const steps = new Float64Array(n);
  const access = new Float64Array(n);
  return (d) => {
    paperTerms(p, d, steps, access);
    return stdev(steps) + alpha * stdev(access);
  };
}

/** Reference rule for the initial temperature (method §6.2), with 1 for a zero-energy (already optimal) seed. */
export function referenceT0(seedEnergy: number): number {
  if (!(seedEnergy > 0)) return 1;
  return Math.pow(10, Math.floor(Math.log10(Math.min(seedEnergy, 1e4))));
}

function checkOptions(o: DuplicationOptions): void {
  if (o.energy !== "paper" && o.energy !== "reference") throw new RangeError(`energy must be "paper" or "reference", got ${String(o.energy)}`);
  if (o.alpha !== undefined && !(o.alpha >= 0 && Number.isFinite(o.alpha))) throw new RangeError(`alpha must be finite and >= 0, got ${o.alpha}`);
  const r = o.monotonicRatio;
  if (r !== undefined && !(r >= 0 && Number.isFinite(r))) throw new RangeError(`monotonicRatio must be finite and >= 0, got ${r}`);
}

/** The SA filter: K lowest-energy distinct duplication vectors within the budget, or an explicit infeasible result. */
export function duplicate(
  model: NetworkModel,
  budgetCrossbars: number,
  options: DuplicationOptions,
): DuplicationResult | DuplicationInfeasible {
  checkBudget(budgetCrossbars);
  checkOptions(options);
  const least = minCrossbars(model);
  if (least > budgetCrossbars) return { feasible: false, budgetCrossbars, minCrossbars: least };

  const p = problemOf(model, budgetCrossbars);
  const seed = compactSeed(p);
  const alpha = options.energy === "paper" ? (options.alpha ?? alphaAt(p, seed)) : undefined;
  const energy = energyFunction(p, options, alpha ?? 0);
  const seedEnergy = energy(seed);
  const t0 = options.t0 ?? referenceT0(seedEnergy);
  const tf = options.tf ?? t0 / 1000;

  const strictFill = options.monotonicRatio === undefined || options.energy !== "reference";
  const run = anneal<Int32Array>({
    initial: seed,
    energy,
    neighbor: neighborFunction(p, strictFill),
    inPlace: { neighborInto: neighborIntoFunction(p, strictFill), alloc: () => new Int32Array(seed.length), clone: (d) => d.slice() },
    key: (d) => d.join(","),
    t0,
    tf,
    cooling: options.cooling ?? 0.95,
    movesPerLevel: options.movesPerLevel ?? 100,
    chains: options.chains ?? 10,
    keepTop: options.keep ?? 30,
    rng: options.rng,
    maxEvaluations: options.maxEvaluations,
    deadline: options.deadline,
  });

  const candidate = (d: Int32Array, e: number): DuplicationCandidate => {
    let crossbars = p.fixedCrossbars;
    for (let k = 0; k < d.length; k++) crossbars += d[k] * p.set[k];
    if (crossbars > budgetCrossbars) throw new Error(`duplication: candidate uses ${crossbars} > ${budgetCrossbars} crossbars`);
    return { dup: expand(model, p, d), energy: e, crossbars };
  };
  // Infinite energies (monotonicity violated) are not candidates, unless nothing else was ever visited.
  const finite = run.best.filter((b) => Number.isFinite(b.energy));
  const kept = finite.length > 0 ? finite : run.best.slice(0, 1);
  return {
    feasible: true,
    budgetCrossbars,
    minCrossbars: least,
    candidates: kept.map((b) => candidate(b.state, b.energy)),
    seed: candidate(seed, seedEnergy),
    searchedLayers: p.layers,
    alpha,
    t0,
    tf,
    trace: run.trace,
    evaluations: run.evaluations,
    stoppedBy: run.stoppedBy,
  };
}


