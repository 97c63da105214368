/**
 * Generic Metropolis simulated annealing over any state type, with several independent chains and a record
 * of the K lowest-energy distinct states visited (PIMSYN's SA filter keeps the top 30, §6.1). Knows nothing
 * about PIM: the caller passes energy, neighbour and key functions (style.md §7).
 *
 * Schedule: geometric, T_l = t0·cooling^l for every level l with T_l >= tf (t0 = 1000, tf = 1, 0.95 gives the
 * reference's 135 levels). Every chain starts from `initial`. Chains are interleaved level by level (level 0 of
 * chains 0..C-1, then level 1, …) so a budget or deadline cut leaves all chains at the same temperature and the
 * trace has one merged row per level. Chain c draws only from `rng.fork(c)`, so results depend on the seed and
 * the options, never on timing, unless a deadline fires.
 */
import type { Rng } from "./rng.ts";
import { TopK } from "./top-k.ts";

export interface AnnealOptions<S> {
  initial: S;
  /** Lower is better. +Infinity marks an infeasible state (never accepted from a finite one); NaN is a bug. */
  energy: (state: S) => number;
  /** A random neighbour, or null when no move applies (counted as a rejected move, no evaluation). */
  neighbor: (state: S, rng: Rng) => S | null;
  /**
   * Allocation-free moves, used instead of `neighbor` when given: write a random neighbour of `state` into `out`
   * and return true, or return false when no move applies. The run then owns one buffer per chain plus one
   * scratch buffer (`alloc`), swaps them on acceptance and `clone`s only the states the top-K keeps.
   */
  inPlace?: { neighborInto: (state: S, out: S, rng: Rng) => boolean; alloc: () => S; clone: (state: S) => S };
  /** Identity of a state for the distinct top-K (equal keys must mean equal energies). */
  key: (state: S) => string;
  t0: number;
  tf: number;
  /** Geometric factor σ in (0, 1). */
  cooling: number;
  movesPerLevel: number;
  chains: number;
  keepTop: number;
  rng: Rng;
  /** Hard cap on energy calls, the initial one included. */
  maxEvaluations?: number;
  /** Polled before each chain's block of moves; true stops the run (results so far are returned). */
  deadline?: () => boolean;
}

/** One temperature level, merged over all chains. */
export interface AnnealLevel {
  temperature: number;
  /** Mean over chains of the current energy at the end of the level (finite energies only; +Infinity if none). */
  meanEnergy: number;
  /** Lowest energy seen so far in the whole run. */
  bestEnergy: number;
  /** Accepted moves / proposed moves at this level (a null neighbour is a proposed, rejected move). */
  acceptRate: number;
}

export interface AnnealEntry<S> {
  state: S;
  energy: number;
  key: string;
}

export type StopReason = "schedule" | "maxEvaluations" | "deadline";

export interface AnnealResult<S> {
  /** Up to keepTop lowest-energy distinct states visited (initial included), best first; ties keep the first seen. */
  best: AnnealEntry<S>[];
  /** Each chain's state when the run ended, indexed by chain (the reference code's candidates). */
  finals: { state: S; energy: number }[];
  trace: AnnealLevel[];
  evaluations: number;
  /** Levels the schedule has; `trace.length` is fewer if the run was cut. */
  plannedLevels: number;
  stoppedBy: StopReason;
}

/** Levels of the geometric schedule from t0 down to tf (inclusive, with a small tolerance for rounding). */
export function levelCount(t0: number, tf: number, cooling: number): number {
  return Math.floor(Math.log(tf / t0) / Math.log(cooling) + 1e-9) + 1;
}

function checkOptions<S>(o: AnnealOptions<S>): void {
  const positiveInt = (v: number, name: string) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`anneal: ${name} must be a positive integer, got ${v}`);
  };
  if (!(o.t0 > 0 && Number.isFinite(o.t0))) throw new RangeError(`anneal: t0 must be positive and finite, got ${o.t0}`);
  if (!(o.tf > 0 && o.tf <= o.t0)) throw new RangeError(`anneal: tf must be in (0, t0], got ${o.tf}`);
  if (!(o.cooling > 0 && o.cooling < 1)) throw new RangeError(`anneal: cooling must be in (0, 1), got ${o.cooling}`);
  positiveInt(o.movesPerLevel, "movesPerLevel");
  positiveInt(o.chains, "chains");
  positiveInt(o.keepTop, "keepTop");
  if (o.maxEvaluations !== undefined) positiveInt(o.maxEvaluations, "maxEvaluations");
}

function checkedEnergy<S>(energy: (s: S) => number, state: S): number {
  const e = energy(state);
  if (Number.isNaN(e) || e === -Infinity) throw new Error(`anneal: energy function returned ${e}`);
  return e;
}

export function anneal<S>(options: AnnealOptions<S>): AnnealResult<S> {
  checkOptions(options);
  const { initial, energy, neighbor, key, t0, tf, cooling, movesPerLevel, chains, keepTop, rng, deadline } = options;
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  const plannedLevels = levelCount(t0, tf, cooling);

  const top = new TopK<S>(keepTop);
  const e0 = checkedEnergy(energy, initial);
  let evaluations = 1;
  top.offer(initial, e0, key(initial));
  let bestEnergy = e0;

  const inPlace = options.inPlace;
  const current: S[] = inPlace ? Array.from({ length: chains }, () => inPlace.clone(initial)) : new Array<S>(chains).fill(initial);
  let scratch: S | undefined = inPlace?.alloc();
  const currentEnergy: number[] = new Array<number>(chains).fill(e0);
  const streams = Array.from({ length: chains }, (_, c) => rng.fork(c));
  const trace: AnnealLevel[] = [];
  let stoppedBy: StopReason = "schedule";

  levels: for (let level = 0; level < plannedLevels; level++) {
    const temperature = t0 * Math.pow(cooling, level);
    let proposed = 0;
    let accepted = 0;
    for (let c = 0; c < chains && stoppedBy === "schedule"; c++) {
      if (deadline?.()) {
        stoppedBy = "deadline";
        break;
      }
      const r = streams[c];
      let state = current[c];
      let e = currentEnergy[c];
      for (let m = 0; m < movesPerLevel; m++) {
        if (evaluations >= maxEvaluations) {
          stoppedBy = "maxEvaluations";
          break;
        }
        proposed++;
        let candidate: S | null;
        if (inPlace) candidate = inPlace.neighborInto(state, scratch!, r) ? scratch! : null;
        else candidate = neighbor(state, r);
        if (candidate === null) continue;
        const ec = checkedEnergy(energy, candidate);
        evaluations++;
        if (top.accepts(ec)) {
          const k = key(candidate);
          if (!top.has(k)) top.offer(inPlace ? inPlace.clone(candidate) : candidate, ec, k);
        }
        if (ec < bestEnergy) bestEnergy = ec;
        // Metropolis; the uniform draw happens only for uphill moves (ec > e implies e is finite).
        if (ec <= e || r.next() < Math.exp((e - ec) / temperature)) {
          if (inPlace) scratch = state; // the old state's buffer becomes the next scratch
          state = candidate;
          e = ec;
          accepted++;
        }
      }
      current[c] = state;
      currentEnergy[c] = e;
    }
    if (proposed > 0) {
      const finite = currentEnergy.filter(Number.isFinite);
      trace.push({
        temperature,
        meanEnergy: finite.length > 0 ? finite.reduce((s, x) => s + x, 0) / finite.length : Infinity,
        bestEnergy,
        acceptRate: accepted / proposed,
      });
    }
    if (stoppedBy !== "schedule") break levels;
  }

  return {
    best: top.sorted().map((s) => ({ state: s.item, energy: s.score, key: s.key })),
    finals: current.map((state, c) => ({ state, energy: currentEnergy[c] })),
    trace,
    evaluations,
    plannedLevels,
    stoppedBy,
  };
}
