import { describe, expect, it } from "vitest";
import { evolve, type EvolveOptions } from "../../src/search/evolve.ts";
import { createRng, type Rng } from "../../src/search/rng.ts";

/** Toy problem: 48-bit genomes; fitness = bits equal to a hidden target (max 48). */
const BITS = 48;
const target = (() => {
  const r = createRng(999);
  return Array.from({ length: BITS }, () => r.int(0, 1));
})();
const matches = (g: number[]) => g.reduce((s, b, i) => s + (b === target[i] ? 1 : 0), 0);
const randomGenome = (rng: Rng) => Array.from({ length: BITS }, () => rng.int(0, 1));
const flip = (g: number[], rng: Rng) => {
  const c = g.slice();
  const flips = rng.int(1, 3);
  for (let i = 0; i < flips; i++) {
    const k = rng.int(0, BITS - 1);
    c[k] = 1 - c[k];
  }
  return c;
};
const uniformCross = (a: number[], b: number[], rng: Rng) => a.map((x, i) => (rng.chance(0.5) ? x : b[i]));

function options(seed: number, over: Partial<EvolveOptions<number[]>> = {}): EvolveOptions<number[]> {
  return {
    initial: randomGenome,
    mutate: flip,
    crossover: uniformCross,
    fitness: matches,
    key: (g) => g.join(""),
    population: 20,
    eliteFraction: 0.7,
    generations: 40,
    rng: createRng(seed),
    ...over,
  };
}

describe("evolve", () => {
  it("beats random sampling of the same number of genomes", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = evolve(options(seed));
      const sampler = createRng(seed + 100);
      let randomBest = -Infinity;
      for (let i = 0; i < r.evaluations; i++) randomBest = Math.max(randomBest, matches(randomGenome(sampler)));
      expect(r.bestFitness).toBeGreaterThan(randomBest);
      expect(r.bestFitness).toBe(matches(r.best));
    }
  });

  it("is deterministic for a seed", () => {
    const a = evolve(options(11));
    const b = evolve(options(11));
    expect(b).toEqual(a);
    expect(evolve(options(12)).trace).not.toEqual(a.trace);
  });

  it("records one trace row per generation; the best never gets worse (elitism)", () => {
    const r = evolve(options(3));
    expect(r.trace.length).toBe(41);
    expect(r.trace.map((t) => t.generation)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    for (let i = 1; i < r.trace.length; i++) {
      expect(r.trace[i].best).toBeGreaterThanOrEqual(r.trace[i - 1].best);
      expect(r.trace[i].evaluations).toBeGreaterThanOrEqual(r.trace[i - 1].evaluations);
      expect(r.trace[i].median).toBeLessThanOrEqual(r.trace[i].best);
    }
    expect(r.trace.at(-1)!.best).toBe(r.bestFitness);
    expect(r.trace.at(-1)!.evaluations).toBe(r.evaluations);
    // children are really inserted (the reference's bug would leave the population unchanged)
    expect(r.trace.at(-1)!.median).toBeGreaterThan(r.trace[0].median);
    expect(r.population.length).toBe(20);
    expect(new Set(r.population.map((s) => s.key)).size).toBe(20);
  });

  it("counts distinct fitness calls and never exceeds maxEvaluations", () => {
    for (const max of [1, 7, 20, 21, 333]) {
      const keys: string[] = [];
      const r = evolve(options(5, { fitness: (g) => (keys.push(g.join("")), matches(g)), maxEvaluations: max }));
      expect(keys.length).toBe(max);
      expect(new Set(keys).size).toBe(keys.length); // never the same genome twice
      expect(r.evaluations).toBe(max);
      expect(r.stoppedBy).toBe("maxEvaluations");
    }
  });

  it("serves repeated genomes from the cache", () => {
    // 3-bit genomes: only 8 exist, so most children are repeats.
    const r = evolve({
      initial: (rng) => [rng.int(0, 1), rng.int(0, 1), rng.int(0, 1)],
      mutate: (g, rng) => g.map((b) => (rng.chance(0.3) ? 1 - b : b)),
      fitness: (g) => g[0] * 4 + g[1] * 2 + g[2],
      key: (g) => g.join(""),
      population: 6,
      eliteFraction: 0.5,
      generations: 30,
      rng: createRng(2),
    });
    expect(r.evaluations).toBeLessThanOrEqual(8);
    expect(r.cacheHits).toBeGreaterThan(50);
    expect(r.bestFitness).toBe(7);
  });

  it("handles infeasible genomes (−Infinity) and null mutations", () => {
    const r = evolve(
      options(8, {
        fitness: (g) => (g[0] === 1 ? -Infinity : matches(g)),
        mutate: (g, rng) => (rng.chance(0.3) ? null : flip(g, rng)),
        crossover: undefined,
      }),
    );
    expect(Number.isFinite(r.bestFitness)).toBe(true);
    expect(r.best[0]).toBe(0);
  });

  it("stops at the deadline but always scores at least one genome", () => {
    const early = evolve(options(1, { deadline: () => true }));
    expect(early.evaluations).toBe(1);
    expect(early.stoppedBy).toBe("deadline");
    let polls = 0;
    const r = evolve(options(1, { deadline: () => ++polls > 100 }));
    expect(r.stoppedBy).toBe("deadline");
    expect(r.evaluations).toBe(101);
  });

  it("uses the crossover when given and rejects bad options", () => {
    let crosses = 0;
    evolve(options(4, { crossover: (a, b, rng) => (crosses++, uniformCross(a, b, rng)), crossoverRate: 1 }));
    expect(crosses).toBe(40 * 20);
    expect(() => evolve(options(1, { eliteFraction: 0 }))).toThrow(RangeError);
    expect(() => evolve(options(1, { population: 0 }))).toThrow(RangeError);
    expect(() => evolve(options(1, { maxEvaluations: 0 }))).toThrow(RangeError);
    expect(() => evolve(options(1, { fitness: () => NaN }))).toThrow(/NaN/);
  });
});

describe("evolve patience", () => {
  it("stops after `patience` generations without improvement, and not before", () => {
    // A flat landscape: no child can ever improve on generation 0.
    const r = evolve<number>({
      initial: (rng) => rng.int(0, 1_000_000),
      mutate: (g, rng) => g + rng.int(1, 1000),
      fitness: () => 1,
      key: String,
      population: 10,
      eliteFraction: 0.7,
      generations: 50,
      patience: 5,
      rng: createRng(1),
    });
    expect(r.stoppedBy).toBe("stalled");
    expect(r.trace).toHaveLength(1 + 5);
    // With improvement every generation it runs all generations.
    const r2 = evolve<number>({
      initial: () => 0,
      mutate: (g) => g + 1,
      fitness: (g) => g,
      key: String,
      population: 4,
      eliteFraction: 0.5,
      generations: 12,
      patience: 2,
      rng: createRng(1),
    });
    expect(r2.stoppedBy).toBe("generations");
    expect(r2.trace).toHaveLength(13);
  });
});
