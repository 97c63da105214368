/**
 * Searches one outer design point (RatioRram, cell bits, crossbar size): the per-point stage list of
 * src/pipeline.ts. Runs on a worker thread (or inline with --workers 1); pure apart from the clock when a
 * wall-clock budget is set.
 */
import { resolveNetwork } from "../network/resolve.ts";
import { runStages } from "./stage.ts";
import type { PointContext, PointResult, PointTask } from "./context.ts";
import { designPoint, ModelCache } from "./space.ts";
import { pointStages } from "../pipeline.ts";

export async function searchPoint(task: PointTask): Promise<PointResult> {
  const network = resolveNetwork(task.networkSpec, { inputShape: task.inputShape });
  const cache = new ModelCache(network);
  const models = new Map(
    task.point.dacOptions.map((d) => [d, cache.get(designPoint(task.point.crossbarSize, task.point.cellBits, d, task.preset))] as const),
  );
  const initial: Partial<PointContext> = {
    task,
    network,
    models,
    model: models.get(task.point.dacOptions[0]),
    evaluations: { used: 0, budget: task.maxEvaluations, deadlineHit: false },
  };
  const { ctx } = await runStages<PointContext>(pointStages, initial);
  return ctx.result!;
}
