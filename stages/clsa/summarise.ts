/** Makespans, utilisation, speedup and the one-copy layer-by-layer baseline: the schedule.json content. */
import type { Stage } from "../../src/flow/stage.ts";
import type { ScheduleContext } from "../../src/methods/clsa/context.ts";
import { summariseSchedule } from "../../src/methods/clsa/schedule.ts";

export const summarise: Stage<ScheduleContext, "request" | "network" | "arch" | "preset" | "prepared" | "runs", "result"> = {
  name: "summarise",
  needs: ["request", "network", "arch", "preset", "prepared", "runs"],
  adds: ["result"],
  run({ request, network, arch, preset, prepared, runs }) {
    return { result: summariseSchedule(network, arch, preset, prepared, runs, request.options) };
  },
};
