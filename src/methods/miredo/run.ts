/** Runs the MIREDO stage list (the CLI's `pimsyn dataflow` and the library's optimizeDataflow). */
import { runStages } from "../../flow/stage.ts";
import type { DataflowContext, DataflowRequest } from "./context.ts";
import { dataflowStages } from "./stage-list.ts";

export async function runDataflow(request: DataflowRequest, renderReports: DataflowContext["renderReports"]): Promise<DataflowContext> {
  const { ctx } = await runStages<DataflowContext>(dataflowStages, { request, renderReports });
  return ctx as DataflowContext;
}
