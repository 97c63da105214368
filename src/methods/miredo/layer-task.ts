/**
 * One distinct layer's search as a worker-pool task (src/flow/workers.ts): the search and the simulator's replay of
 * the chosen mapping. Layers are independent, so results do not depend on the worker count.
 */
import type { DataflowHardware } from "../../hardware/dataflow-hw.ts";
import { optimizeLayer, type LayerOptions } from "./optimize.ts";
import type { LayerOutcome } from "./result.ts";
import { simulate } from "./simulate.ts";
import type { LoopNest } from "./workload.ts";

export interface LayerTask {
  nest: LoopNest;
  options: LayerOptions;
}

export async function optimizeLayerTask(task: LayerTask, shared: { hardware: DataflowHardware }): Promise<LayerOutcome> {
  const result = await optimizeLayer(task.nest, shared.hardware, task.options);
  return { result, simulation: simulate(result.problem, result.mapping) };
}
