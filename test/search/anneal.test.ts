import { describe, expect, it } from "vitest";
import { anneal, levelCount, type AnnealOptions } from "../../src/search/anneal.ts";
import { createRng, type Rng } from "../../src/search/rng.ts";

/** Toy problem: integer points of [0, 60]^3, energy = squared distance to a target; moves: ±1..3 on one axis. */
const TARGET = [17, 42, 5];
type Point = number[];
const sq = (p: Point) => p.reduce((s, x, i) => s + (x - TARGET[i]) ** 2, 0);
const step = (p: Point, rng: Rng): Point | null => {
  const axis = rng.int(0, 2);
  const next = p.slice();
  next[axis] += rng.pick([-3, -2, -1, 1, 2, 3]);
  return next[axis] < 0 || next[axis] > 60 ? null : next;
};

function options(seed: number, over: Partial<AnnealOptions<Point>> = {}): AnnealOptions<Point> {
  return {
    initial: [60, 0, 60],
    energy: sq,
    neighbor: step,
    key: (p) => p.join(","),
    t0: 100,
    tf: 0.1,
    cooling: 0.9,
    movesPerLevel: 50,
    chains: 4,
    keepTop: 10,
    rng: createRng(seed),
    ...over,
  };
}

describe("anneal", () => {
  it("finds the known optimum of the toy problem", () => {
    const r = anneal(options(1));
    expect(r.best[0].energy).toBe(0);
    expect(r.best[0].state).toEqual(TARGET);
    expect(r.stoppedBy).toBe("schedule");
  });

  it("keeps at most K distinct states, best first, with their true energies", () => {
    const r = anneal(options(2));
    expect(r.best.length).toBe(10);
    expect(new Set(r.best.map((b) => b.key)).size).toBe(r.best.length);
    for (let i = 1; i < r.best.length; i++) expect(r.best[i].energy).toBeGreaterThanOrEqual(r.best[i - 1].energy);
    for (const b of r.best) {
      expect(b.energy).toBe(sq(b.state));
      expect(b.key).toBe(b.state.join(","));
    }
    // The 10 best points of the lattice have energies 0,1×6,2×12…: an SA that converged finds 0 and the six at distance 1.
    expect(r.best.slice(0, 7).map((b) => b.energy)).toEqual([0, 1, 1, 1, 1, 1, 1]);
  });

  it("runs the geometric schedule: one merged trace row per level", () => {
    const r = anneal(options(3));
    // 100·0.9^l >= 0.1  ⇔  l <= log(1e-3)/log(0.9) = 65.56
    expect(r.plannedLevels).toBe(66);
    expect(levelCount(1000, 1, 0.95)).toBe(135); // the reference's schedule
    expect(levelCount(5, 5, 0.5)).toBe(1);
    expect(r.trace.length).toBe(66);
    r.trace.forEach((row, l) => {
      expect(row.temperature).toBeCloseTo(100 * 0.9 ** l, 9);
      expect(row.acceptRate).toBeGreaterThanOrEqual(0);
      expect(row.acceptRate).toBeLessThanOrEqual(1);
      if (l > 0) expect(row.bestEnergy).toBeLessThanOrEqual(r.trace[l - 1].bestEnergy);
    });
    // hot levels accept more than cold ones
    expect(r.trace[0].acceptRate).toBeGreaterThan(r.trace[r.trace.length - 1].acceptRate);
    expect(r.trace[r.trace.length - 1].meanEnergy).toBeLessThan(r.trace[0].meanEnergy);
    // evaluations: the initial one plus one per non-null move (≤ levels × chains × moves)
    expect(r.evaluations).toBeLessThanOrEqual(1 + 66 * 4 * 50);
    expect(r.evaluations).toBeGreaterThan(66 * 4 * 50 * 0.5);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = anneal(options(7));
    const b = anneal(options(7));
    expect(b).toEqual(a);
    const c = anneal(options(8));
    expect(c.trace).not.toEqual(a.trace);
  });

  it("never exceeds maxEvaluations and says it stopped for it", () => {
    let calls = 0;
    const r = anneal(options(4, { energy: (p) => (calls++, sq(p)), maxEvaluations: 777 }));
    expect(calls).toBe(777);
    expect(r.evaluations).toBe(777);
    expect(r.stoppedBy).toBe("maxEvaluations");
    expect(r.trace.length).toBeLessThan(r.plannedLevels);
  });

  it("stops when the deadline fires and returns what it has", () => {
    let polls = 0;
    const r = anneal(options(5, { deadline: () => ++polls > 30 }));
    expect(r.stoppedBy).toBe("deadline");
    // polled once per (level, chain) block: 30 blocks of 4 chains = 7.5 levels
    expect(r.trace.length).toBe(8);
    expect(r.best.length).toBeGreaterThan(0);
  });

  it("chains are independent streams: more chains explore more and do not change chain 0's walk", () => {
    const one = anneal(options(6, { chains: 1 }));
    const four = anneal(options(6, { chains: 4 }));
    expect(four.finals[0]).toEqual(one.finals[0]);
    expect(four.finals.length).toBe(4);
  });

  it("never moves from a finite state to an infeasible (+Infinity) one", () => {
    const energy = (p: Point) => (p[0] % 7 === 0 ? Infinity : sq(p));
    const r = anneal(options(9, { energy, initial: [1, 1, 1] }));
    for (const f of r.finals) expect(Number.isFinite(f.energy)).toBe(true);
    expect(r.trace.every((row) => Number.isFinite(row.meanEnergy))).toBe(true);
  });

  it("treats NaN energy as a bug and rejects bad options", () => {
    expect(() => anneal(options(1, { energy: () => NaN }))).toThrow(/energy/);
    expect(() => anneal(options(1, { cooling: 1 }))).toThrow(RangeError);
    expect(() => anneal(options(1, { tf: 200 }))).toThrow(RangeError);
    expect(() => anneal(options(1, { chains: 0 }))).toThrow(RangeError);
    expect(() => anneal(options(1, { keepTop: 1.5 }))).toThrow(RangeError);
  });
});
