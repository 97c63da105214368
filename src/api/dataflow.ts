/** optimizeDataflow(network, hardware, options): MIREDO per-layer dataflow optimisation as a library call. */
import type { DataflowHardware } from "../hardware/dataflow-hw.ts";
import type { Network } from "../network/types.ts";
import type { DataflowContext } from "../methods/miredo/context.ts";
import { DEFAULT_LAYER_OPTIONS, type LayerOptions } from "../methods/miredo/optimize.ts";
import type { DataflowMapping, DataflowMetrics } from "../methods/miredo/result.ts";
import { runDataflow } from "../methods/miredo/run.ts";
import { writeDataflowReports } from "../report/dataflow.ts";

export interface DataflowCall extends Partial<LayerOptions> {
  /** Layer names or index ranges over the conv/FC layers. */
  layers?: string;
  /** Parent folder of a run directory (mapping.json, metrics.json, timing.json, reports); none when absent. */
  outDir?: string;
  /** Worker threads for the layers' searches (default 1). */
  workers?: number;
}

export async function optimizeDataflow(
  network: string | Network,
  hardware: string | DataflowHardware = "miredo-8core-28nm",
  options: DataflowCall = {},
): Promise<{ mapping: DataflowMapping; metrics: DataflowMetrics; runDir: string; context: DataflowContext }> {
  const { layers, outDir, workers, ...rest } = options;
  const ctx = await runDataflow({ model: network, hardware, options: { ...DEFAULT_LAYER_OPTIONS, ...rest }, layers, outDir, workers }, writeDataflowReports);
  return { mapping: ctx.mapping, metrics: ctx.metrics, runDir: ctx.runDir, context: ctx };
}
