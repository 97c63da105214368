/**
 * Stage 3 (per outer point): macro partitioning by the EA, with closed-form component allocation inside every
 * fitness call. Every (candidate, DAC) pair is screened with a one-generation EA; the best
 * `eaFinalistsPerPoint` pairs are evolved fully (the paper runs the full EA on all pairs; screening keeps the
 * run short and explored.jsonl records both).
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { CandidateOutcome, PointContext } from "../../src/methods/pimsyn/context.ts";
import { PartitionEvaluator, partition as evolvePartition, type Genome } from "../../src/methods/pimsyn/partition.ts";
import { refineDuplication } from "../../src/methods/pimsyn/refine.ts";
import { TUNING } from "../../src/methods/pimsyn/tuning.ts";
import { createRng } from "../../src/search/rng.ts";
import { deadlineOf } from "../../src/flow/abort.ts";

export const partition: Stage<PointContext, "task" | "preset" | "compiled" | "evaluations", "outcomes" | "partitions"> = {
  name: "partition",
  needs: ["task", "preset", "compiled", "evaluations"],
  adds: ["outcomes", "partitions"],
  run({ task, preset, compiled, evaluations }) {
    const o = task.options;
    const rng = createRng(o.seed).fork(task.point.index * 2 + 1);
    const deadline = deadlineOf(task.deadlineAt, evaluations);
    const left = () => (evaluations.budget === undefined ? undefined : Math.max(0, evaluations.budget - evaluations.used));
    const evaluators = compiled.map(
      (c) =>
        new PartitionEvaluator({
          model: c.model,
          preset,
          powerW: o.powerW,
          base: c.plan,
          mode: o.macroMode,
          sharing: o.sharing,
          maxMacrosPerLayer: o.maxMacrosPerLayer,
          areaMm2: o.areaMm2,
        }),
    );
    const run = (k: number, generations: number, population: number) => {
      const budget = left();
      if (budget === 0) return undefined;
      const r = evolvePartition(evaluators[k], {
        population,
        generations,
        eliteFraction: o.eaEliteFraction,
        patience: o.eaPatience,
        // Forked from the pair's identity (ladder rung, rank, DAC), never its position: the same pair searches
        // the same way whatever other candidates a larger budget adds.
        rng: rng.fork(compiled[k].rung).fork(compiled[k].rank).fork(compiled[k].dacBits * 2 + (generations > 1 ? 1 : 0)),
        maxEvaluations: budget,
        deadline,
      });
      return r;
    };
    // Best partition found so far per (candidate, DAC) pair: screening results count too.
    const bestOf: ((PointContext["partitions"][number] & { genome: Genome }) | undefined)[] = [];
    // One copy of every layer is screened first (a capped evaluation budget still reaches it: the named minimum
    // feasible power is built on it); each pair keeps its own random stream whatever the order.
    const oneCopy = (k: number) => compiled[k].model.mvmLayers.every((i) => compiled[k].plan.dup[i] === 1);
    const order = compiled.map((_, k) => k).sort((a, b) => Number(oneCopy(b)) - Number(oneCopy(a)) || a - b);
    const outcomes: CandidateOutcome[] = new Array(compiled.length);
    for (const k of order) {
      const c = compiled[k];
      const before = evaluators[k].evaluations;
      const r = run(k, 1, Math.min(TUNING.screeningPopulation, o.eaPopulation));
      evaluations.used += evaluators[k].evaluations - before;
      const oc: CandidateOutcome = { candidate: c.candidate, dacBits: c.dacBits, saEnergy: c.saEnergy, dup: Array.from(c.plan.dup), scored: r?.scored, evolved: false };
      bestOf[k] = r && { outcome: oc, plan: r.plan, scored: r.scored, genome: r.genome };
      outcomes[k] = oc;
    }
    const ranked = outcomes
      .map((oc, k) => ({ k, f: oc.scored?.gopsPerW ?? -Infinity }))
      .filter((x) => Number.isFinite(x.f))
      .sort((a, b) => b.f - a.f || a.k - b.k)
      .slice(0, o.eaFinalistsPerPoint);
    for (const { k } of ranked) {
      const before = evaluators[k].evaluations;
      const r = run(k, o.eaGenerations, o.eaPopulation);
      evaluations.used += evaluators[k].evaluations - before;
      if (!r) continue;
      const oc = outcomes[k];
      oc.evolved = true;
      oc.eaTrace = r.trace;
      oc.generation0Best = r.generation0Best;
      if (!oc.scored || r.scored.gopsPerW > oc.scored.gopsPerW) {
        oc.scored = r.scored;
        bestOf[k] = { outcome: oc, plan: r.plan, scored: r.scored, genome: r.genome };
      }
    }
    // Let the true objective adjust the copies of the point's best design (src/methods/pimsyn/refine.ts).
    const top = bestOf.reduce<number>((b, p, k) => (p && (b < 0 || p.scored.gopsPerW > bestOf[b]!.scored.gopsPerW) ? k : b), -1);
    const budget = left();
    if (top >= 0 && budget !== 0 && !deadline()) {
      const p = bestOf[top]!;
      const c = compiled[top];
      const r = refineDuplication(
        { model: c.model, preset, powerW: o.powerW, mode: o.macroMode, sharing: o.sharing, maxMacrosPerLayer: o.maxMacrosPerLayer, areaMm2: o.areaMm2 },
        c.model,
        { dup: Array.from(p.plan.dup), genome: p.genome, scored: p.scored, plan: p.plan },
        task.point.crossbarBudget,
        Math.min(budget ?? Infinity, TUNING.refineEvaluations),
      );
      evaluations.used += r.evaluations;
      if (r.improved) {
        p.outcome.dup = r.dup;
        p.outcome.scored = r.scored;
        p.outcome.refined = true;
        p.plan = r.plan;
        p.scored = r.scored;
      }
    }
    const partitions: PointContext["partitions"] = [];
    for (const p of bestOf) if (p) partitions.push(p);
    return { outcomes, partitions };
  },
};
