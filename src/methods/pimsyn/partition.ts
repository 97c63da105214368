/**
 * Macro partitioning (paper §8): for one duplication vector on one design point, an evolutionary search over
 * per-layer macro counts and inter-layer sharing of macros (ADC reuse), each genome scored by the analytic
 * model after closed-form component allocation under the power left by crossbars, DACs, scratchpads and NoC.
 */
import { TUNING } from "./tuning.ts";
import { gopsPerW, inferenceEnergyPj } from "../../cost/objective.ts";
import type { Preset } from "../../hardware/components.ts";
import type { NetworkModel } from "../../mapping/layer-model.ts";
import { clonePlan, copyPlanInto, type Plan } from "../../mapping/plan.ts";
import { pointCosts, type PointCosts } from "../../cost/point-costs.ts";
import { layoutPlan, type Layout } from "../../mapping/layout.ts";
import { planPower, type PlanPower } from "../../cost/plan-power.ts";
import { newPipelineResult, runPipeline, type PipelineResult } from "../../cost/pipeline-model.ts";
import { scratchpadBytesPerMacro } from "../../mapping/buffer.ts";
import { allocateComponents } from "./allocate.ts";
import { evolve, type GenerationStats } from "../../search/evolve.ts";
import type { Rng } from "../../search/rng.ts";
import { macroContents, nocOf, type MacroMode } from "./design.ts";

/** Genes over the crossbar layers (model.mvmLayers order): macro counts and the earlier layer shared with (−1: none). */
export interface Genome {
  macros: number[];
  share: number[];
  /** Unified mode: crossbars per macro; every layer's macro count follows from it (0 in specified mode). */
  size: number;
}

export interface PartitionProblem {
  model: NetworkModel;
  preset: Preset;
  powerW: number;
  /** Duplication (and everything else a plan carries) before partitioning. */
  base: Plan;
  mode: MacroMode;
  sharing: boolean;
  /** Largest macro count a layer may take (rule c, capped for tractability). */
  maxMacrosPerLayer?: number;
  /** Chip area budget (`--area`); undefined: area is not capped. */
  areaMm2?: number;
  /** Smallest scratchpad per macro (KB) whatever the analytic estimate asks: a finalist re-sized to the
   * simulated occupancy (src/methods/pimsyn/fit-scratchpad.ts). */
  minScratchpadKb?: number;
}

export interface Scored {
  gopsPerW: number;
  latencyNs: number;
  periodNs: number;
  peakW: number;
  staticW: number;
  dynamicPj: number;
  scratchpadKb: number;
}

/** Divisors of n in ascending order. */
function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d * d <= n; d++) if (n % d === 0) out.push(d, n / d);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** The reference's choices for #macros of a layer: products a·b, a | ceil(K/Xb)·groups, b | dup, within the limit. */
export function macroChoices(model: NetworkModel, plan: Plan, i: number, cap: number): number[] {
  const L = model.layers[i];
  const rowBlocks = Math.max(1, L.rowBlocks);
  const limit = Math.max(1, Math.min(cap, plan.dup[i] * rowBlocks, plan.dup[i] * L.set));
  const set = new Set<number>();
  for (const a of divisors(Math.round(rowBlocks))) for (const b of divisors(plan.dup[i])) if (a * b <= limit) set.add(a * b);
  return [...set].sort((x, y) => x - y);
}

export class PartitionEvaluator {
  readonly model: NetworkModel;
  private readonly costsByKb = new Map<number, PointCosts>();
  private readonly spmSizes: number[];
  private readonly noc: ReturnType<typeof nocOf>;
  private readonly res: PipelineResult;
  readonly choices: number[][];
  evaluations = 0;

  constructor(readonly problem: PartitionProblem) {
    this.model = problem.model;
    this.noc = nocOf(problem.preset);
    this.spmSizes = problem.preset.scratchpad.map((r) => r.capacityKb).sort((a, b) => a - b);
    this.res = newPipelineResult(this.model.layers.length);
    const cap = problem.maxMacrosPerLayer ?? 64;
    this.choices = this.model.mvmLayers.map((i) => macroChoices(this.model, problem.base, i, cap));
  }

  costs(kb: number): PointCosts {
    let c = this.costsByKb.get(kb);
    if (!c) {
      c = pointCosts(this.problem.preset, this.model.point, kb, this.noc.flitHopPj);
      this.costsByKb.set(kb, c);
    }
    return c;
  }

  /** The smallest scratchpad (KB) that holds the plan's analytic buffers (and the problem's floor); undefined if none. */
  private scratchpadKb(plan: Plan): number | undefined {
    const bytes = Math.max(scratchpadBytesPerMacro(this.model, plan), (this.problem.minScratchpadKb ?? 0) * 1024);
    return this.spmSizes.find((s) => s * 1024 >= bytes);
  }

  /** The plan a genome describes (macros, sharing, layout and hops); allocation not yet done. */
  planOf(g: Genome): Plan {
    return this.layoutOf(g).plan;
  }

  /** `into`: a plan to overwrite instead of a new one (the fitness path, whose plan is not kept). */
  private layoutOf(g: Genome, into?: Plan): { plan: Plan; layout: Layout } {
    const plan = into ? copyPlanInto(into, this.problem.base) : clonePlan(this.problem.base);
    const mvm = this.model.mvmLayers;
    mvm.forEach((i, k) => {
      plan.macros[i] = g.macros[k];
      plan.sharesWith[i] = -1;
    });
    mvm.forEach((i, k) => {
      const j = g.share[k];
      if (j < 0) return;
      // A shared pair spreads over the union of both layers' macros (each charged the pair's count).
      const total = g.macros[k] + g.macros[j];
      plan.macros[i] = total;
      plan.macros[mvm[j]] = total;
      plan.sharesWith[i] = mvm[j];
    });
    return { plan, layout: layoutPlan(this.model, plan) };
  }

  /** Peak and static power and area; unified mode re-costs ADCs and ALUs as macros × the per-macro maximum. */
  private power(costs: PointCosts, plan: Plan, layout: Layout): Pick<PlanPower, "peakW" | "staticW" | "areaMm2"> {
    const p = planPower(this.model, costs, this.noc, plan);
    if (this.problem.mode !== "unified") return p;
    let peakMw = 0, staticMw = 0, areaUm2 = 0;
    for (const m of macroContents(this.model, plan, layout, "unified")) {
      peakMw += m.adc * costs.adc.peakMw;
      staticMw += m.adc * costs.adc.staticMw;
      areaUm2 += m.adc * costs.adc.areaUm2;
      for (const [op, count] of m.alu) {
        peakMw += count * costs.alu[op]!.peakMw;
        staticMw += count * costs.alu[op]!.staticMw;
        areaUm2 += count * costs.alu[op]!.areaUm2;
      }
    }
    return {
      peakW: p.peakW - p.adcW - p.aluW + peakMw / 1e3,
      staticW: p.staticW - p.adcStaticW - p.aluStaticW + staticMw / 1e3,
      areaMm2: p.areaMm2 - p.adcAreaMm2 - p.aluAreaMm2 + areaUm2 / 1e6,
    };
  }

  /**
   * Peak power (W) of the genome's design with the fewest ADCs and ALUs the allocation allows (one per layer and
   * macro); Infinity when its buffers fit no scratchpad of the preset.
   */
  minimumPeakW(g: Genome): number {
    const { plan, layout } = this.layoutOf(g);
    const kb = this.scratchpadKb(plan);
    if (kb === undefined) return Infinity;
    const costs = this.costs(kb);
    allocateComponents(this.model, costs, plan, { budgetW: 0, mode: this.problem.mode, perMacro: true }); // infeasible: the minimum counts
    return this.power(costs, plan, layout).peakW;
  }

  /**
   * With an area budget: when the power-optimal allocation overflows it, the peripherals are bought with less
   * power (bisection on the power they may use) until the chip fits; false when even the least does not.
   */
  private fitArea(costs: PointCosts, plan: Plan, layout: Layout, budgetW: number): boolean {
    const cap = this.problem.areaMm2;
    if (cap === undefined || this.power(costs, plan, layout).areaMm2 <= cap) return true;
    const allocate = (w: number) =>
      allocateComponents(this.model, costs, plan, { budgetW: w, mode: this.problem.mode, perMacro: true }).feasible && this.power(costs, plan, layout).areaMm2 <= cap;
    let lo = 0, hi = budgetW;
    for (let k = 0; k < TUNING.areaBisectionSteps; k++) {
      const mid = (lo + hi) / 2;
      if (allocate(mid)) lo = mid;
      else hi = mid;
    }
    return lo > 0 && allocate(lo);
  }

  /** Score a genome; undefined when infeasible (scratchpad too large, or the budget leaves no peripherals). */
  score(g: Genome): { scored: Scored; plan: Plan } | undefined {
    return this.scoreInto(g);
  }

  /** GOPS/W of a genome (−∞ when infeasible), scored on a reused plan: the EA's fitness, allocation-light. */
  fitness(g: Genome): number {
    this.scratch ??= clonePlan(this.problem.base);
    return this.scoreInto(g, this.scratch)?.scored.gopsPerW ?? -Infinity;
  }

  private scratch?: Plan;

  private scoreInto(g: Genome, into?: Plan): { scored: Scored; plan: Plan } | undefined {
    this.evaluations++;
    const { plan, layout } = this.layoutOf(g, into);
    const kb = this.scratchpadKb(plan);
    if (kb === undefined) return undefined;
    const costs = this.costs(kb);
    const fixed = this.power(costs, plan, layout); // ADC/ALU counts are still zero here
    const budgetW = this.problem.powerW - fixed.peakW;
    if (!(budgetW > 0)) return undefined;
    const alloc = allocateComponents(this.model, costs, plan, { budgetW, mode: this.problem.mode, perMacro: true, spendLeftover: true });
    if (!alloc.feasible) return undefined;
    if (!this.fitArea(costs, plan, layout, budgetW)) return undefined;
    const power = this.power(costs, plan, layout);
    if (power.peakW > this.problem.powerW * (1 + 1e-9)) return undefined;
    const r = runPipeline(this.model, costs, plan, this.res);
    // Sharing is kept where a layer's conversions do not interleave with its partner's (partners far apart, or
    // the later one waiting for the earlier one's ADC work to end: both timed exactly by the analytic model).
    if (r.sharedInterleaved > 0) return undefined;
    const energyPj = inferenceEnergyPj(r.dynamicEnergyPj, power.staticW, r.latencyNs);
    return {
      plan,
      scored: {
        gopsPerW: gopsPerW(this.model.totalOps, energyPj),
        latencyNs: r.latencyNs,
        periodNs: r.periodNs,
        peakW: power.peakW,
        staticW: power.staticW,
        dynamicPj: r.dynamicEnergyPj,
        scratchpadKb: kb,
      },
    };
  }
}

export const genomeKey = (g: Genome): string => g.macros.join(",") + "|" + g.share.join(",") + "|" + g.size;

/** The fewest macros each layer can take, no sharing: the least-power partition the EA always scores. */
export function minimalGenome(ev: PartitionEvaluator): Genome {
  return heuristicGenome(ev, Infinity);
}

/** A genome with about one macro per `crossbarsPerMacro` crossbars of each layer, no sharing. */
export function heuristicGenome(ev: PartitionEvaluator, crossbarsPerMacro: number): Genome {
  const m = ev.model.mvmLayers.map((i, k) => {
    const want = Math.ceil((ev.problem.base.dup[i] * ev.model.layers[i].set) / crossbarsPerMacro);
    const c = ev.choices[k];
    return c.reduce((best, x) => (Math.abs(x - want) < Math.abs(best - want) ? x : best), c[0]);
  });
  return { macros: m, share: m.map(() => -1), size: 0 };
}

/** Unified mode's macro sizes: multiples of 32 crossbars from the largest single-copy column block up to 512. */
export function unifiedSizes(ev: PartitionEvaluator): number[] {
  const model = ev.model;
  let least = 32;
  for (const i of model.mvmLayers) least = Math.max(least, model.layers[i].set / Math.max(1, model.layers[i].rowBlocks));
  const sizes: number[] = [];
  for (let s = Math.ceil(least / 32) * 32; s <= Math.max(512, least); s += 32) sizes.push(s);
  return sizes;
}

/** Macro counts of every layer for unified macros of `size` crossbars (a shared pair fills the pair's macros). */
export function unifiedGenome(ev: PartitionEvaluator, size: number, share: number[]): Genome {
  const mvm = ev.model.mvmLayers;
  const crossbars = mvm.map((i) => ev.problem.base.dup[i] * ev.model.layers[i].set);
  const macros = crossbars.map((x) => Math.max(1, Math.ceil(x / size)));
  return { macros, share: share.slice(), size };
}

function randomGenome(ev: PartitionEvaluator, rng: Rng): Genome {
  if (ev.problem.mode === "unified") return unifiedGenome(ev, rng.pick(unifiedSizes(ev)), ev.choices.map(() => -1));
  return { macros: ev.choices.map((c) => rng.pick(c)), share: ev.choices.map(() => -1), size: 0 };
}

/** `mutate_num` and `mutate_share` of the paper; children always obey the rules (pairs only, earlier partner). */
function mutate(ev: PartitionEvaluator, g: Genome, rng: Rng, sharing: boolean): Genome | null {
  if (ev.problem.mode === "unified") {
    // The reference's unified mutation: redraw the macro size with probability 0.7, then toggle sharing.
    const sizes = unifiedSizes(ev);
    const size = rng.next() < 0.7 ? rng.pick(sizes) : g.size;
    const child = unifiedGenome(ev, size, g.share);
    const toggled = sharing ? toggleShares(child.share, rng) : false;
    return size !== g.size || toggled ? child : null;
  }
  const macros = g.macros.slice();
  const share = g.share.slice();
  const n = macros.length;
  let changed = false;
  for (let k = 0; k < n; k++) {
    const u = rng.next();
    if (u < 0.6 / n + 0.15) {
      const c = ev.choices[k];
      const pos = c.indexOf(macros[k]);
      // Half the time a step to a neighbouring choice (local refinement), else any choice.
      const next = rng.next() < 0.5 && pos >= 0 ? c[Math.max(0, Math.min(c.length - 1, pos + (rng.next() < 0.5 ? -1 : 1)))] : rng.pick(c);
      if (next !== macros[k]) {
        macros[k] = next;
        changed = true;
      }
    }
  }
  if (sharing && toggleShares(share, rng)) changed = true;
  return changed ? { macros, share, size: 0 } : null;
}

/** Toggle each layer's sharing with probability 0.4/n (pairs only, partner earlier and free). */
function toggleShares(share: number[], rng: Rng): boolean {
  const n = share.length;
  let changed = false;
  for (let k = 0; k < n; k++) {
    if (rng.next() >= 0.4 / n) continue;
    const partner = share.indexOf(k);
    if (share[k] >= 0) share[k] = -1;
    else if (partner >= 0) share[partner] = -1;
    else {
      const free: number[] = [];
      for (let j = 0; j < k; j++) if (share[j] < 0 && share.indexOf(j) < 0) free.push(j);
      if (!free.length) continue;
      share[k] = rng.pick(free);
    }
    changed = true;
  }
  return changed;
}

/** Uniform crossover of macro counts; sharing genes taken from one parent (keeps pairs valid). */
function crossover(a: Genome, b: Genome, rng: Rng): Genome | null {
  if (a.size > 0) return null; // unified genomes have one gene (the size); mutation covers them
  const macros = a.macros.map((m, k) => (rng.next() < 0.5 ? m : b.macros[k]));
  return { macros, share: (rng.next() < 0.5 ? a : b).share.slice(), size: 0 };
}

export interface PartitionOptions {
  population: number;
  generations: number;
  eliteFraction: number;
  patience?: number;
  rng: Rng;
  maxEvaluations?: number;
  deadline?: () => boolean;
}

export interface PartitionResult {
  genome: Genome;
  plan: Plan;
  scored: Scored;
  trace: GenerationStats[];
  evaluations: number;
  generation0Best: number;
}

/** Macro sizes (crossbars) of the identical-macro genomes every unified-mode EA starts from. */
export const UNIFIED_SEED_SIZES = [128, 256, 512];

export function partition(ev: PartitionEvaluator, opts: PartitionOptions): PartitionResult | undefined {
  const sharing = ev.problem.sharing;
  const seeds =
    ev.problem.mode === "unified"
      ? UNIFIED_SEED_SIZES.map((x) => unifiedGenome(ev, x, ev.choices.map(() => -1)))
      : [64, 128, 256].map((x) => heuristicGenome(ev, x));
  // One copy of every layer: also the fewest macros, the least-power design (the named minimum feasible power).
  if (ev.problem.mode !== "unified" && ev.model.mvmLayers.every((i) => ev.problem.base.dup[i] === 1)) seeds.push(minimalGenome(ev));
  let seedIdx = 0;
  const fitness = (g: Genome) => ev.fitness(g);
  const result = evolve<Genome>({
    initial: (rng) => (seedIdx < seeds.length ? seeds[seedIdx++] : randomGenome(ev, rng)),
    mutate: (g, rng) => mutate(ev, g, rng, sharing),
    crossover,
    fitness,
    key: genomeKey,
    population: opts.population,
    eliteFraction: opts.eliteFraction,
    generations: opts.generations,
    patience: opts.patience,
    rng: opts.rng,
    maxEvaluations: opts.maxEvaluations,
    deadline: opts.deadline,
  });
  if (!Number.isFinite(result.bestFitness)) return undefined;
  const best = ev.score(result.best)!;
  ev.evaluations--; // the re-score above is a cache lookup in spirit, not a new search evaluation
  return {
    genome: result.best,
    plan: best.plan,
    scored: best.scored,
    trace: result.trace,
    evaluations: result.evaluations,
    generation0Best: result.trace[0]?.best ?? result.bestFitness,
  };
}
