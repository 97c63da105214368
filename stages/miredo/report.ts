/** report.html and report.md of the run directory, through the renderer the face supplies. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DataflowContext } from "../../src/methods/miredo/context.ts";

export const report: Stage<DataflowContext, "runDir" | "written" | "renderReports", never> = {
  name: "report",
  needs: ["runDir", "written", "renderReports"],
  adds: [],
  run({ runDir, written, renderReports }) {
    if (runDir) {
      const r = renderReports(runDir);
      written.push(r.html, r.md);
    }
    return {};
  },
};
