/** In a synthesis run directory, re-render its report so it gains the scheduling section. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Stage } from "../../src/flow/stage.ts";
import type { ScheduleContext } from "../../src/methods/clsa/context.ts";

export const report: Stage<ScheduleContext, "outDir" | "written" | "renderReports", never> = {
  name: "report",
  needs: ["outDir", "written", "renderReports"],
  adds: [],
  run({ outDir, written, renderReports }) {
    if (outDir && existsSync(join(outDir, "metrics.json")) && existsSync(join(outDir, "arch.json"))) {
      const reports = renderReports(outDir);
      written.push(reports.html, reports.md);
    }
    return {};
  },
};
