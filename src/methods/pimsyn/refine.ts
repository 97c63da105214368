/**
 * Local refinement of a point's best design over duplication: coordinate moves on one layer's copies
 * (×0.5, ×0.8, ×1.25, ×2, ±1), each re-scored with the same macro partition (counts snapped to the layer's
 * choices), accepted when efficiency improves and the crossbar budget holds. The SA filter chooses copies by a
 * balance proxy; this step lets the true objective (GOPS/W) adjust them. Deterministic.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { Plan } from "../../mapping/plan.ts";
import { basePlan } from "./base-plan.ts";
import { PartitionEvaluator, type Genome, type PartitionProblem, type Scored } from "./partition.ts";

const STEPS = [(d: number) => d - 1, (d: number) => d + 1, (d: number) => Math.round(d * 0.8), (d: number) => Math.round(d * 1.25), (d: number) => Math.round(d * 0.5), (d: number) => d * 2];

export interface RefineResult {
  dup: number[];
  plan: Plan;
  scored: Scored;
  evaluations: number;
  improved: boolean;
}

function snap(choices: number[], m: number): number {
  return choices.reduce((best, x) => (Math.abs(x - m) < Math.abs(best - m) ? x : best), choices[0]);
}

export function refineDuplication(
  problem: Omit<PartitionProblem, "base">,
  model: NetworkModel,
  start: { dup: number[]; genome: Genome; scored: Scored; plan: Plan },
  budgetCrossbars: number,
  maxEvaluations = 400,
): RefineResult {
  let dup = start.dup.slice();
  let best = { plan: start.plan, scored: start.scored };
  let evaluations = 0;
  let improved = false;
  const used = (d: number[]) => model.mvmLayers.reduce((s, i) => s + d[i] * model.layers[i].set, 0);
  const layers = model.mvmLayers.filter((i) => model.layers[i].outPixels > 1);
  for (let round = 0; round < 20 && evaluations < maxEvaluations; round++) {
    let moved = false;
    for (const i of layers) {
      for (const step of STEPS) {
        if (evaluations >= maxEvaluations) break;
        const d = Math.max(1, Math.min(model.layers[i].outPixels, step(dup[i])));
        if (d === dup[i]) continue;
        const trial = dup.slice();
        trial[i] = d;
        if (used(trial) > budgetCrossbars) continue;
        const ev = new PartitionEvaluator({ ...problem, base: basePlan(model, trial) } as PartitionProblem);
        const genome: Genome = { ...start.genome, macros: start.genome.macros.map((m, k) => snap(ev.choices[k], m)) };
        const s = ev.score(genome);
        evaluations++;
        if (s && s.scored.gopsPerW > best.scored.gopsPerW * (1 + 1e-12)) {
          best = s;
          dup = trial;
          moved = improved = true;
        }
      }
    }
    if (!moved) break;
  }
  return { dup, plan: best.plan, scored: best.scored, evaluations, improved };
}

