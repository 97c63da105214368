/**
 * Stage 4 (per outer point): component allocation of the point's best partition. The closed-form (Eq. 6,
 * made integer) allocation already ran inside every EA fitness call; this stage keeps the best design of the
 * point. Finalists across points get the integer-exact (MILP) allocation in stages/pimsyn/exact-allocate.ts.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { PointContext } from "../../src/methods/pimsyn/context.ts";

export const allocate: Stage<PointContext, "task" | "models" | "partitions" | "outcomes" | "duplicates" | "evaluations", "result"> = {
  name: "allocate",
  needs: ["task", "models", "partitions", "outcomes", "duplicates", "evaluations"],
  adds: ["result"],
  run({ task, models, partitions, outcomes, duplicates, evaluations }) {
    let best: (typeof partitions)[number] | undefined;
    for (const p of partitions) if (!best || p.scored.gopsPerW > best.scored.gopsPerW) best = p;
    const o = task.options;
    return {
      result: {
        index: task.point.index,
        feasible: best !== undefined,
        reason: best ? undefined : duplicates.candidates.length ? "no partition fits the power budget" : "duplication infeasible",
        candidates: outcomes,
        best: best && {
          candidate: best.outcome.candidate,
          scored: best.scored,
          design: {
            point: models.get(best.outcome.dacBits)!.point,
            ratio: task.point.ratio,
            macroMode: o.macroMode,
            scratchpadKb: best.scored.scratchpadKb,
            plan: best.plan,
          },
        },
        saTrace: duplicates.trace,
        saEvaluations: duplicates.evaluations,
        saRungs: duplicates.rungs,
        evaluations: evaluations.used,
        timeBudgetHit: evaluations.deadlineHit,
      },
    };
  },
};
