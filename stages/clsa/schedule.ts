/** CLSA-CIM stage 4: ASAP list scheduling, cross-layer and/or layer-by-layer (a task log kept for the trace). */
import type { Stage } from "../../src/flow/stage.ts";
import type { ScheduleContext } from "../../src/methods/clsa/context.ts";
import { schedulePolicies } from "../../src/methods/clsa/schedule.ts";

export const schedule: Stage<ScheduleContext, "request" | "prepared" | "outDir", "runs"> = {
  name: "schedule",
  needs: ["request", "prepared", "outDir"],
  adds: ["runs"],
  run({ request, prepared, outDir }) {
    return { runs: schedulePolicies(prepared, outDir ? request.traceLimit : 0) };
  },
};
