/** program.dmo, allocation.json, metrics.json and timing.json into the (temporary) run directory. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";
import { jsonText } from "../../src/io/atomic.ts";
import { allocationJson, metricsJson } from "../../src/methods/cmswitch/results.ts";

export const save: Stage<DualModeContext, "run" | "request" | "result" | "simulation" | "sweep" | "stageTimings", "saved"> = {
  name: "save",
  needs: ["run", "request", "result", "simulation", "sweep", "stageTimings"],
  adds: ["saved"],
  run({ run, request, result, simulation, sweep, stageTimings }) {
    if (!run) return { saved: [] };
    const solveMs = { ours: Math.round(result.ours.plan.stats.solveMs), baseline: Math.round(result.baseline.plan.stats.solveMs) };
    const files = {
      "program.dmo": result.program,
      "allocation.json": jsonText(allocationJson(result)),
      "metrics.json": jsonText(metricsJson(request, result, simulation, sweep)),
      "timing.json": jsonText({ stages: stageTimings.map((t) => ({ stage: t.stage, wallMs: Math.round(t.wallMs) })), milpSolveMs: solveMs }),
    };
    run.write(files);
    return { saved: Object.keys(files) };
  },
};
