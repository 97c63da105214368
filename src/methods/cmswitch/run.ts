/** Runs the CMSwitch stage list (the CLI's `pimsyn dualmode`, the API's compileDualMode). */
import { runStages, stageContextOf, type StageTiming } from "../../flow/stage.ts";
import type { DualModeContext, DualModeRequest } from "./context.ts";
import { dualModeStages } from "./stage-list.ts";

export async function runDualMode(request: DualModeRequest, renderReports: DualModeContext["renderReports"]): Promise<DualModeContext> {
  const stageTimings: StageTiming[] = [];
  try {
    const { ctx } = await runStages<DualModeContext>(dualModeStages, { request, renderReports, stageTimings }, undefined, stageTimings);
    return ctx as DualModeContext;
  } catch (e) {
    // Nothing half-written: an unfinished run directory is removed.
    const run = stageContextOf<DualModeContext>(e)?.run;
    if (run) run.discard();
    throw e;
  }
}
