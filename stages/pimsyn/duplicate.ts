/** Stage 1 (per outer point): the SA duplication filter (Eq. 2–4) → the K lowest-energy duplication vectors. */
import type { Stage } from "../../src/flow/stage.ts";
import type { PointContext } from "../../src/methods/pimsyn/context.ts";
import { allOnes, duplicate as saFilter, proportionalSeed, withScaled } from "../../src/methods/pimsyn/duplication.ts";
import { createRng } from "../../src/search/rng.ts";
import { deadlineOf } from "../../src/flow/abort.ts";

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
