/**
 * Stage 2 (per outer point): dataflow compilation for each (candidate, DAC) pair: the layer model at that DAC
 * resolution (blocks, bit iterations, per-IR workloads; Table II's IRs are timed by `stageTimes`) and the base
 * plan (copies per layer, block sizes of vector layers). The explicit IR DAG is built by the block-level
 * simulator for the finalists (stages/pimsyn/simulate.ts).
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { PointContext } from "../../src/methods/pimsyn/context.ts";
import { basePlan } from "../../src/methods/pimsyn/base-plan.ts";

export const compile: Stage<PointContext, "task" | "models" | "duplicates", "compiled"> = {
  name: "compile",
  needs: ["task", "models", "duplicates"],
  adds: ["compiled"],
  run({ task, models, duplicates }) {
    const compiled: PointContext["compiled"] = [];
    duplicates.candidates.forEach((cand, k) => {
      for (const dacBits of task.point.dacOptions) {
        const model = models.get(dacBits)!;
        compiled.push({ candidate: k, rung: cand.rung, rank: cand.rank, dacBits, model, plan: basePlan(model, cand.dup), saEnergy: cand.energy });
      }
    });
    return { compiled };
  },
};
