/** report.html and report.md from the run directory's JSON files (renderer injected by the face). */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";

export const report: Stage<DualModeContext, "run" | "saved" | "renderReports", never> = {
  name: "report",
  needs: ["run", "saved", "renderReports"],
  adds: [],
  run({ run, saved, renderReports }) {
    if (run && saved.length > 0) renderReports(run.tempPath);
    return {};
  },
};
