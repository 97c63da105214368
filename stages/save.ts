/** Write arch.json, metrics.json, traces.json and timing.json, then move the run directory into place. */
import type { Stage } from "../src/synth/stage.ts";
import type { SynthContext } from "../src/synth/context.ts";
import { jsonText } from "../src/io/atomic.ts";
import { buildMetrics, buildTiming, buildTraces } from "../src/synth/results.ts";

export const save: Stage<SynthContext, "run" | "best" | "baseline" | "finalists" | "pointResults" | "startedAt", "runDir"> = {
  name: "save",
  needs: ["run", "best", "baseline", "finalists", "pointResults", "startedAt"],
  adds: ["runDir"],
  run(ctx) {
    const full = ctx as SynthContext;
    const files = {
      "arch.json": jsonText(full.best.arch),
      "metrics.json": jsonText(buildMetrics(full)),
      "traces.json": jsonText(buildTraces(full)),
      "timing.json": jsonText(buildTiming(full, Date.now() - full.startedAt)),
    };
    return { runDir: full.run.commit(files) };
  },
};
