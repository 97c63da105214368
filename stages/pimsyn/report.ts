/** Render report.html and report.md from the run's JSON files (inside the temporary run directory). */
import type { Stage } from "../../src/flow/stage.ts";
import type { SynthContext } from "../../src/methods/pimsyn/context.ts";

export const report: Stage<SynthContext, "run" | "saved" | "renderReports", never> = {
  name: "report",
  needs: ["run", "saved", "renderReports"],
  adds: [],
  run({ run, saved, renderReports }) {
    if (saved) renderReports(run.tempPath);
    return {};
  },
};
