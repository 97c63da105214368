/**
 * Adds what `pimsyn schedule <model> --arch <run>/arch.json` writes (schedule.json and a Perfetto trace.json) to a
 * copy of the fixture run, computed by the scheduler itself on the run's own arch.json, so no second fixture
 * has to be kept in step with the scheduler.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadArch } from "../../src/io/arch-io.ts";
import { jsonText } from "../../src/io/atomic.ts";
import { loadPreset } from "../../src/hardware/preset.ts";
import { loadNetwork } from "../../src/network/load.ts";
import { runSchedule, type RunOptions } from "../../src/methods/clsa/schedule.ts";
import { chromeTrace, traceText } from "../../src/methods/clsa/trace.ts";
import type { ScheduleResult } from "../../src/methods/clsa/types.ts";
import { readJson } from "./fixture.ts";

/** Schedule the run's model on its arch.json and write schedule.json (and trace.json unless `trace: false`). */
export async function addSchedule(dir: string, opts: RunOptions & { trace?: boolean } = {}): Promise<ScheduleResult> {
  const arch = loadArch(join(dir, "arch.json"));
  const { network } = await loadNetwork(readJson(dir, "metrics.json").inputs.model);
  const { trace = true, ...options } = opts;
  // A small trace: the report reads only its size.
  const run = runSchedule(network, arch, loadPreset(arch.preset), { ...options, traceTasks: trace ? 200 : 0 });
  writeFileSync(join(dir, "schedule.json"), jsonText(run.result));
  if (trace) writeFileSync(join(dir, "trace.json"), traceText(chromeTrace(run.model, network.name, run.runs[0], run.plan.copies)));
  return run.result;
}

/** Layers the Gantt draws: everything but route layers (which forward data in place). */
export function computingLayers(s: ScheduleResult): number {
  return s.layers.filter((l) => l.role !== "route").length;
}
