/**
 * Stage 1 (per outer point): duplication candidates. By default the union of the candidates generated at every
 * rung of a budget-independent ladder of crossbar counts up to the point's budget (src/methods/pimsyn/ladder.ts):
 * at each rung the balanced vector, the WO·HO-proportional vector and the SA filter's best (Eq. 2–4). Rungs are
 * shared by every RatioRram of a (crossbar size, cell bits) pair, so a worker computes each once (RungCache).
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { PointContext } from "../../src/methods/pimsyn/context.ts";
import { allOnes, proportionalSeed } from "../../src/methods/pimsyn/duplication.ts";
import { ladderCandidates, RungCache } from "../../src/methods/pimsyn/ladder.ts";
import { createRng } from "../../src/search/rng.ts";
import { deadlineOf } from "../../src/flow/abort.ts";

/** Rung results a worker keeps across points (and runs: keys hold everything a rung depends on). */
const rungCache = new RungCache();

/** Fork id of the duplication streams: one per (crossbar size, cell bits), never per point or budget. */
const geometryStream = (crossbarSize: number, cellBits: number) => 0x4c414400 + Math.log2(crossbarSize) * 16 + cellBits;

export const duplicate: Stage<PointContext, "task" | "model" | "evaluations", "duplicates"> = {
  name: "duplicate",
  needs: ["task", "model", "evaluations"],
  adds: ["duplicates"],
  run({ task, model, evaluations }) {
    const o = task.options;
    const none = { duplicates: { candidates: [], trace: [], evaluations: 0, rungs: [] } };
    const fixed = (dup: number[]) => ({ duplicates: { candidates: [{ dup, energy: 0, crossbars: 0, rung: 0, rank: 0 }], trace: [], evaluations: 0, rungs: [] } });
    const least = model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
    if (least > task.point.crossbarBudget) return none;
    if (o.duplication === "none") return fixed(allOnes(model));
    if (o.duplication === "proportional") return fixed(proportionalSeed(model, task.point.crossbarBudget));
    const r = ladderCandidates(
      model,
      task.point.crossbarBudget,
      o.seed,
      {
        energy: o.saEnergy,
        alpha: o.saAlpha,
        keep: o.candidates,
        chains: o.saChains,
        movesPerLevel: o.saMovesPerLevel,
        rng: createRng(o.seed).fork(geometryStream(task.point.crossbarSize, task.point.cellBits)),
        deadline: deadlineOf(task.deadlineAt, evaluations),
      },
      rungCache,
    );
    const saEvaluations = r.rungs.reduce((s, x) => s + x.evaluations, 0);
    return { duplicates: { candidates: r.candidates, trace: r.trace, evaluations: saEvaluations, rungs: r.rungs } };
  },
};
