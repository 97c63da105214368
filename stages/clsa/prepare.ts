/** CLSA-CIM stages 1–3: weight copies (the arch's, one per layer, or greedy), sets, dependencies, set timing. */
import type { Stage } from "../../src/flow/stage.ts";
import type { ScheduleContext } from "../../src/methods/clsa/context.ts";
import { prepareSchedule } from "../../src/methods/clsa/schedule.ts";

export const prepare: Stage<ScheduleContext, "request" | "network" | "arch" | "preset", "prepared"> = {
  name: "prepare",
  needs: ["request", "network", "arch", "preset"],
  adds: ["prepared"],
  run({ request, network, arch, preset }) {
    return { prepared: prepareSchedule(network, arch, preset, { ...request.options, file: request.archFile }) };
  },
};
