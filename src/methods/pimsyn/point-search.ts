/**
 * Searches one outer design point (RatioRram, cell bits, crossbar size): runs the per-point stage list of
 * src/methods/pimsyn/stage-list.ts. Runs on a worker thread (or inline with --workers 1); pure apart from the
 * clock when a wall-clock budget is set. The network and preset arrive once per worker, validated and resolved
 * by the main thread: nothing is re-validated per point.
 */
import { runStages } from "../../flow/stage.ts";
import type { PointContext, PointResult, PointShared, PointTask } from "./context.ts";
import { pointStages } from "./stage-list.ts";

export async function searchPoint(task: PointTask, shared: PointShared): Promise<PointResult> {
  const initial: Partial<PointContext> = {
    task,
    network: shared.network,
    preset: shared.preset,
    evaluations: { used: 0, budget: task.maxEvaluations, deadlineHit: false },
  };
  const { ctx } = await runStages<PointContext>(pointStages, initial);
  return ctx.result!;
}
