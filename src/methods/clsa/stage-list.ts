/**
 * CLSA-CIM cross-layer scheduling (Pelke et al., DATE 2024, reconstructed; docs/scheduling.md), top to bottom.
 * Each stage declares what it needs and adds; src/flow/stage.ts checks the needs before running it.
 */
import type { AnyStage } from "../../flow/stage.ts";
import type { ScheduleContext } from "./context.ts";
import { load } from "../../../stages/clsa/load.ts";
import { prepare } from "../../../stages/clsa/prepare.ts";
import { schedule } from "../../../stages/clsa/schedule.ts";
import { summarise } from "../../../stages/clsa/summarise.ts";
import { save } from "../../../stages/clsa/save.ts";
import { report } from "../../../stages/clsa/report.ts";

export const scheduleStages: readonly AnyStage<ScheduleContext>[] = [
  load, //      network, arch.json, preset; output folder
  prepare, //   copies, sets, dependencies, set timing (CLSA-CIM stages 1–3)
  schedule, //  ASAP list scheduling per policy (stage 4)
  summarise, // makespans, utilisation, speedup, baseline → schedule.json content
  save, //      schedule.json, trace.json
  report, //    re-render the run directory's report with its scheduling section
];
