/**
 * Duplication candidates on a budget-independent ladder of crossbar counts (issue 12 item 7a: more budget must
 * never give a worse design).
 *
 * The SA filter's candidates used to depend on the point's crossbar budget B = floor(P·ratio / crossbar peak),
 * so the vectors found under a budget B₁ were never generated under B₂ > B₁. Here the candidates of a point are
 * the union, over the rungs r ≤ B of a fixed ladder, of the candidates generated *at r*:
 *  - rung 0 is one copy of every layer (the least crossbars any design uses); rung k ≥ 1 holds
 *    floor(minCrossbars · g^k) crossbars (g = TUNING.ladderRatio), a function of the layer geometry only;
 *  - the last rung is full duplication (every layer one copy per output pixel), present when B reaches it;
 *  - at each rung: the balanced vector (fewest copies at the lowest bottleneck block count, exact), the
 *    WO·HO-proportional vector, and the `keep` lowest-energy vectors of an SA run whose random stream is forked
 *    from (seed, crossbar size, cell bits, rung) alone.
 * Everything generated at a rung is a function of (network geometry at the point, seed, SA options, rung), so
 * every candidate reachable under B₁ is generated, identically, under any B₂ > B₁; and the same rung is shared by
 * every RatioRram of a (crossbar size, cell bits) pair, which is what lets a worker compute it once (RungCache).
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { AnnealLevel } from "../../search/anneal.ts";
import type { Rng } from "../../search/rng.ts";
import { allOnes, balancedVector, duplicate, proportionalSeed, type DuplicationCandidate, type DuplicationEnergy } from "./duplication.ts";
import { TUNING } from "./tuning.ts";

/** A candidate with its identity on the ladder: its random streams downstream are forked from (rung, rank). */
export interface LadderCandidate extends DuplicationCandidate {
  rung: number;
  /** 0: balanced, 1: proportional, 2…: the SA's best first. */
  rank: number;
}

export interface RungResult {
  candidates: LadderCandidate[];
  trace: AnnealLevel[];
  evaluations: number;
  /** False when a deadline cut the SA (such a result is not cached). */
  complete: boolean;
}

export interface LadderOptions {
  energy: DuplicationEnergy;
  alpha?: number;
  /** SA vectors kept per rung. */
  keep: number;
  chains: number;
  movesPerLevel: number;
  /** The stream of this (crossbar size, cell bits): rung k draws from rng.fork(k). */
  rng: Rng;
  deadline?: () => boolean;
}

/** Index of the full-duplication rung (above any geometric rung a real budget reaches). */
export const FULL_RUNG = 4095;

const crossbarsOf = (model: NetworkModel, dup: number[]) => model.mvmLayers.reduce((s, i) => s + dup[i] * model.layers[i].set, 0);

function leastCrossbars(model: NetworkModel): number {
  return model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
}

/** Full duplication: every layer holds one copy per output pixel (fc and 1-pixel layers one copy). */
export function fullDuplication(model: NetworkModel): number[] {
  return model.layers.map((l) => (l.role === "mvm" ? Math.max(1, l.outPixels) : 1));
}

/** The rungs (index, crossbars) at or below a budget, lowest first; empty when one copy does not fit. */
export function ladderRungs(model: NetworkModel, budgetCrossbars: number): { rung: number; crossbars: number }[] {
  const least = leastCrossbars(model);
  if (least > budgetCrossbars) return [];
  const full = crossbarsOf(model, fullDuplication(model));
  const out = [{ rung: 0, crossbars: least }];
  for (let k = 1; k < FULL_RUNG; k++) {
    const c = Math.floor(least * Math.pow(TUNING.ladderRatio, k));
    if (c > budgetCrossbars || c >= full) break;
    if (c > out[out.length - 1].crossbars) out.push({ rung: k, crossbars: c });
  }
  if (full <= budgetCrossbars && full > out[out.length - 1].crossbars) out.push({ rung: FULL_RUNG, crossbars: full });
  return out;
}

/** The candidates generated at one rung (see the file header). */
export function rungCandidates(model: NetworkModel, rung: number, crossbars: number, o: LadderOptions): RungResult {
  const tag = (dup: number[], energy: number, rank: number): LadderCandidate => ({ dup, energy, crossbars: crossbarsOf(model, dup), rung, rank });
  if (rung === 0) return { candidates: [tag(allOnes(model), NaN, 0)], trace: [], evaluations: 0, complete: true };
  if (rung === FULL_RUNG) return { candidates: [tag(fullDuplication(model), NaN, 0)], trace: [], evaluations: 0, complete: true };
  const out = [tag(balancedVector(model, crossbars), NaN, 0), tag(proportionalSeed(model, crossbars), NaN, 1)];
  const sa = duplicate(model, crossbars, {
    energy: o.energy,
    alpha: o.alpha,
    keep: o.keep,
    chains: o.chains,
    movesPerLevel: o.movesPerLevel,
    cooling: TUNING.saCooling,
    rng: o.rng.fork(rung),
    deadline: o.deadline,
  });
  if (!sa.feasible) return { candidates: out, trace: [], evaluations: 0, complete: true };
  sa.candidates.forEach((c, j) => out.push({ ...c, rung, rank: 2 + j }));
  return { candidates: out, trace: sa.trace, evaluations: sa.evaluations, complete: sa.stoppedBy !== "deadline" };
}

/** What a rung's result depends on besides the rung: the searched layers' geometry, the seed and the SA options. */
export function geometryKey(model: NetworkModel, seed: number, o: Omit<LadderOptions, "rng" | "deadline">): string {
  const g = model.mvmLayers.map((i) => `${model.layers[i].outPixels}:${model.layers[i].set}:${model.layers[i].inputsPerCopy}:${model.layers[i].outChannels}`);
  return `${seed}|${o.energy}|${o.alpha ?? "-"}|${o.keep}|${o.chains}|${o.movesPerLevel}|${model.point.crossbarSize}|${model.point.cellBits}|${g.join(",")}`;
}

/** Rung results kept by a worker across the points it searches (a pure function's memo: results never change). */
export class RungCache {
  private readonly map = new Map<string, RungResult>();
  constructor(private readonly capacity = 4096) {}
  get(key: string, make: () => RungResult): RungResult {
    let r = this.map.get(key);
    if (r) return r;
    r = make();
    if (!r.complete) return r;
    if (this.map.size >= this.capacity) this.map.clear();
    this.map.set(key, r);
    return r;
  }
}

export interface LadderResult {
  /** Distinct vectors, lowest rung first (a vector seen at several rungs keeps its lowest rung's identity). */
  candidates: LadderCandidate[];
  /** The highest SA rung's trace (for traces.json). */
  trace: AnnealLevel[];
  /** SA evaluations per rung, keyed by rung identity (the main thread counts each distinct rung once). */
  rungs: { key: string; evaluations: number }[];
}

/** The candidates of a point: the union of its rungs' (see the file header). */
export function ladderCandidates(model: NetworkModel, budgetCrossbars: number, seed: number, o: LadderOptions, cache?: RungCache): LadderResult {
  const geometry = geometryKey(model, seed, o);
  const candidates: LadderCandidate[] = [];
  const seen = new Set<string>();
  const rungs: LadderResult["rungs"] = [];
  let trace: AnnealLevel[] = [];
  for (const { rung, crossbars } of ladderRungs(model, budgetCrossbars)) {
    const key = `${geometry}|${rung}`;
    const make = () => rungCandidates(model, rung, crossbars, o);
    const r = cache ? cache.get(key, make) : make();
    rungs.push({ key: `${model.point.crossbarSize}/${model.point.cellBits}/${rung}`, evaluations: r.evaluations });
    if (r.trace.length) trace = r.trace;
    for (const c of r.candidates) {
      const k = c.dup.join(",");
      if (seen.has(k)) continue;
      seen.add(k);
      candidates.push(c);
    }
  }
  return { candidates, trace, rungs };
}
