/** Render report.html and report.md from the run's JSON files (inside the temporary run directory). */
import type { Stage } from "../src/synth/stage.ts";
import type { SynthContext } from "../src/synth/context.ts";
import { writeReports } from "../src/report/render.ts";

export const report: Stage<SynthContext, "run" | "saved", never> = {
  name: "report",
  needs: ["run", "saved"],
  adds: [],
  run({ run, saved }) {
    if (saved) writeReports(run.tempPath);
    return {};
  },
};
