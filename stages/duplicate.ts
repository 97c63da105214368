/** Stage 1 (per outer point): the SA duplication filter (Eq. 2–4) → the K lowest-energy duplication vectors. */
import type { Stage } from "../src/synth/stage.ts";
import type { PointContext } from "../src/synth/context.ts";
import { allOnes, duplicate as saFilter, proportionalSeed, type DuplicationCandidate } from "../src/synth/duplication.ts";
import { createRng } from "../src/search/rng.ts";
import { inlineAbort } from "../src/synth/abort.ts";

export const duplicate: Stage<PointContext, "task" | "model" | "evaluations", "duplicates"> = {
  name: "duplicate",
  needs: ["task", "model", "evaluations"],
  adds: ["duplicates"],
  run({ task, model, evaluations }) {
    const o = task.options;
    const fixed = (dup: number[]) => ({ duplicates: { candidates: [{ dup, energy: 0, crossbars: 0 }], trace: [], evaluations: 0 } });
    const least = model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
    if (least > task.point.crossbarBudget) return { duplicates: { candidates: [], trace: [], evaluations: 0 } };
    if (o.duplication === "none") return fixed(allOnes(model));
    if (o.duplication === "proportional") return fixed(proportionalSeed(model, task.point.crossbarBudget));
    const result = saFilter(model, task.point.crossbarBudget, {
      energy: o.saEnergy,
      alpha: o.saAlpha,
      keep: o.candidates,
      chains: o.saChains,
      movesPerLevel: o.saMovesPerLevel,
      rng: createRng(o.seed).fork(task.point.index * 2),
      deadline: deadlineOf(task.deadlineAt, evaluations),
    });
    if (!result.feasible) return { duplicates: { candidates: [], trace: [], evaluations: 0 } };
    return { duplicates: { candidates: withScaled(model, result.candidates), trace: result.trace, evaluations: result.evaluations } };
  },
};

/** A deadline poll (wall-clock budget, or an interrupt of an inline run) that records a budget cut. */
export function deadlineOf(at: number | undefined, evaluations: { deadlineHit: boolean }): () => boolean {
  return () => {
    if (inlineAbort.requested) return true;
    if (at === undefined || Date.now() < at) return false;
    evaluations.deadlineHit = true;
    return true;
  };
}

/** Fractions of the best candidate's copies added as extra candidates (see `withScaled`). */
const SCALES = [0.7, 0.5, 0.35, 0.25, 0.15, 0.1];

/**
 * The SA fills the crossbar budget (Eq. 2 maximises performance), but the objective is efficiency: more
 * copies cost crossbar and DAC power that the peripherals then lack, and static power. So the best vector is
 * also offered scaled down (same balance, fewer copies); the partitioning stage scores them all. Duplicates of
 * existing candidates are dropped.
 */
export function withScaled(model: PointContext["model"], candidates: DuplicationCandidate[]): DuplicationCandidate[] {
  if (!candidates.length) return candidates;
  const out = candidates.slice();
  const seen = new Set(out.map((c) => c.dup.join(",")));
  const best = candidates[0];
  for (const f of SCALES) {
    const dup = best.dup.map((d, i) => (model.layers[i].role === "mvm" ? Math.max(1, Math.round(d * f)) : 1));
    const key = dup.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    const crossbars = model.mvmLayers.reduce((s, i) => s + dup[i] * model.layers[i].set, 0);
    out.push({ dup, energy: NaN, crossbars });
  }
  return out;
}
