/**
 * Stage 0 (per outer point): the layer model of the point at each DAC option (crossbar geometry does not
 * depend on the DAC, so `model`, the first option's, serves the SA filter).
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { PointContext } from "../../src/methods/pimsyn/context.ts";
import { designPoint, ModelCache } from "../../src/methods/pimsyn/space.ts";

export const buildModels: Stage<PointContext, "task" | "network" | "preset", "models" | "model"> = {
  name: "build-models",
  needs: ["task", "network", "preset"],
  adds: ["models", "model"],
  run({ task, network, preset }) {
    const cache = new ModelCache(network);
    const models = new Map(
      task.point.dacOptions.map((d) => [d, cache.get(designPoint(task.point.crossbarSize, task.point.cellBits, d, preset))] as const),
    );
    return { models, model: models.get(task.point.dacOptions[0])! };
  },
};
