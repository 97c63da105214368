/** Runs the CLSA-CIM stage list (the CLI's `pimsyn schedule`). */
import { runStages } from "../../flow/stage.ts";
import type { ScheduleContext, ScheduleRequest } from "./context.ts";
import { scheduleStages } from "./stage-list.ts";

export async function runScheduleRequest(request: ScheduleRequest, renderReports: ScheduleContext["renderReports"]): Promise<ScheduleContext> {
  const { ctx } = await runStages<ScheduleContext>(scheduleStages, { request, renderReports });
  return ctx as ScheduleContext;
}
