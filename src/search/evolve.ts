/**
 * Generic elitist evolutionary algorithm (PIMSYN's macro partitioning, §8, but knowing nothing about it).
 * Fitness is cached by genome key, so a genome seen again costs nothing, and `maxEvaluations` bounds the
 * distinct fitness calls exactly.
 *
 * One generation (documented here because the reference code's version never inserts its children, §8.3):
 *  1. Breed `childrenPerGeneration` children (default: the population size). Each picks a parent by binary
 *     tournament; if a crossover is given, with probability `crossoverRate` it picks a second parent the same
 *     way and crosses them, then mutates the result (a null mutation keeps the crossed child); otherwise it
 *     mutates the parent (null: no child). Every child is scored (from the cache if its key was seen).
 *  2. Pool the population and the new children, dropping keys already in the pool.
 *  3. Survivors: sort the pool by fitness (stable: on ties the older genome wins), keep the top
 *     ceil(eliteFraction·N) as elites, and fill the other places with genomes drawn uniformly without
 *     replacement from the rest of the pool: the reference's 70 % elites + random rest, applied to
 *     population ∪ children, so children that beat the worst elites replace them.
 * The best genome is always an elite, so the best fitness never decreases.
 */
import type { Rng } from "./rng.ts";

export interface EvolveOptions<G> {
  initial: (rng: Rng) => G;
  /** A mutated copy, or null when no mutation applies. Must not modify `g`. */
  mutate: (g: G, rng: Rng) => G | null;
  crossover?: (a: G, b: G, rng: Rng) => G | null;
  /** Probability of using the crossover for a child (default 0.5 when a crossover is given). */
  crossoverRate?: number;
  /** Higher is better; −Infinity marks an infeasible genome. NaN is a bug. */
  fitness: (g: G) => number;
  /** Identity of a genome: equal keys must mean equal fitness. */
  key: (g: G) => string;
  population: number;
  /** Share of the population kept as elites, in (0, 1] (reference: 0.7). */
  eliteFraction: number;
  generations: number;
  childrenPerGeneration?: number;
  rng: Rng;
  /** Hard cap on distinct fitness calls (cache hits are free). */
  maxEvaluations?: number;
  /** Polled before each new fitness call except the first; true stops the run. */
  deadline?: () => boolean;
  /** Stop after this many consecutive generations without a better best fitness (default: never). */
  patience?: number;
}

export interface GenerationStats {
  /** 0 = the initial population. */
  generation: number;
  best: number;
  /** Lower median of the population's fitness (an actual member's value, so never NaN). */
  median: number;
  /** Distinct fitness calls so far. */
  evaluations: number;
}

export interface Scored<G> {
  genome: G;
  fitness: number;
  key: string;
}

export type EvolveStop = "generations" | "maxEvaluations" | "deadline" | "stalled";

export interface EvolveResult<G> {
  best: G;
  bestFitness: number;
  bestKey: string;
  /** Final population, best first. */
  population: Scored<G>[];
  trace: GenerationStats[];
  evaluations: number;
  cacheHits: number;
  stoppedBy: EvolveStop;
}

function checkOptions<G>(o: EvolveOptions<G>): void {
  const int = (v: number, name: string, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`evolve: ${name} must be an integer >= ${min}, got ${v}`);
  };
  int(o.population, "population", 1);
  int(o.generations, "generations", 0);
  if (o.childrenPerGeneration !== undefined) int(o.childrenPerGeneration, "childrenPerGeneration", 1);
  if (o.maxEvaluations !== undefined) int(o.maxEvaluations, "maxEvaluations", 1);
  if (!(o.eliteFraction > 0 && o.eliteFraction <= 1)) throw new RangeError(`evolve: eliteFraction must be in (0, 1], got ${o.eliteFraction}`);
  const rate = o.crossoverRate;
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new RangeError(`evolve: crossoverRate must be in [0, 1], got ${rate}`);
}

/** Stable descending sort by fitness. */
function byFitness<G>(items: Scored<G>[]): Scored<G>[] {
  return items.map((s, i) => ({ s, i })).sort((x, y) => y.s.fitness - x.s.fitness || x.i - y.i).map((x) => x.s);
}

function stats<G>(generation: number, sortedPop: Scored<G>[], evaluations: number): GenerationStats {
  const n = sortedPop.length;
  // sortedPop is descending; the lower median of the ascending order sits at index n-1-floor((n-1)/2).
  return { generation, best: sortedPop[0].fitness, median: sortedPop[n - 1 - Math.floor((n - 1) / 2)].fitness, evaluations };
}

export function evolve<G>(options: EvolveOptions<G>): EvolveResult<G> {
  checkOptions(options);
  const { initial, mutate, crossover, fitness, key, population: size, eliteFraction, generations, rng, deadline } = options;
  const crossoverRate = crossover ? (options.crossoverRate ?? 0.5) : 0;
  const childrenPerGeneration = options.childrenPerGeneration ?? size;
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  const cache = new Map<string, number>();
  let cacheHits = 0;
  let stoppedBy: EvolveStop = "generations";

  /** Fitness from the cache or one new call; undefined when the budget or the deadline forbids a new call. */
  const score = (g: G, k: string): number | undefined => {
    const cached = cache.get(k);
    if (cached !== undefined) {
      cacheHits++;
      return cached;
    }
    if (cache.size >= maxEvaluations) {
      stoppedBy = "maxEvaluations";
      return undefined;
    }
    // The first genome is always scored, so a result exists even if the deadline has already passed.
    if (cache.size > 0 && deadline?.()) {
      stoppedBy = "deadline";
      return undefined;
    }
    const f = fitness(g);
    if (Number.isNaN(f)) throw new Error("evolve: fitness function returned NaN");
    cache.set(k, f);
    return f;
  };

  // Initial population: distinct keys where the generator allows (a few redraws per place), never more
  // than `size`; a tiny genome space may leave it smaller.
  let pop: Scored<G>[] = [];
  const inPop = new Set<string>();
  for (let attempt = 0; pop.length < size && attempt < 4 * size && stoppedBy === "generations"; attempt++) {
    const g = initial(rng);
    const k = key(g);
    if (inPop.has(k)) continue;
    const f = score(g, k);
    if (f === undefined) break;
    pop.push({ genome: g, fitness: f, key: k });
    inPop.add(k);
  }
  pop = byFitness(pop);
  const trace: GenerationStats[] = [stats(0, pop, cache.size)];

  const tournament = (): Scored<G> => {
    const a = rng.pick(pop);
    const b = rng.pick(pop);
    return b.fitness > a.fitness ? b : a;
  };

  const patience = options.patience ?? Infinity;
  let stale = 0;
  for (let gen = 1; gen <= generations && stoppedBy === "generations"; gen++) {
    const bestBefore = pop[0].fitness;
    const children: Scored<G>[] = [];
    const seen = new Set(inPop);
    for (let i = 0; i < childrenPerGeneration; i++) {
      const parent = tournament();
      let child: G | null;
      if (crossover && rng.chance(crossoverRate)) {
        const crossed = crossover(parent.genome, tournament().genome, rng);
        child = crossed === null ? null : (mutate(crossed, rng) ?? crossed);
      } else {
        child = mutate(parent.genome, rng);
      }
      if (child === null) continue;
      const k = key(child);
      const f = score(child, k);
      if (f === undefined) break;
      if (seen.has(k)) continue;
      seen.add(k);
      children.push({ genome: child, fitness: f, key: k });
    }
    if (children.length > 0) {
      const pool = byFitness(pop.concat(children));
      const elites = Math.min(pool.length, Math.ceil(eliteFraction * size));
      const rest = rng.shuffle(pool.slice(elites));
      pop = byFitness(pool.slice(0, elites).concat(rest.slice(0, Math.max(0, size - elites))));
      inPop.clear();
      for (const s of pop) inPop.add(s.key);
    }
    trace.push(stats(gen, pop, cache.size));
    stale = pop[0].fitness > bestBefore ? 0 : stale + 1;
    if (stale >= patience && stoppedBy === "generations") {
      stoppedBy = "stalled";
      break;
    }
  }

  return {
    best: pop[0].genome,
    bestFitness: pop[0].fitness,
    bestKey: pop[0].key,
    population: pop,
    trace,
    evaluations: cache.size,
    cacheHits,
    stoppedBy,
  };
}
