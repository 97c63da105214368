/**
 * Write arch.json, metrics.json, traces.json and timing.json into the (still temporary) run directory. An
 * interrupted run is discarded here unless --save-partial was given.
 */
import type { Stage } from "../src/synth/stage.ts";
import type { SynthContext } from "../src/synth/context.ts";
import { jsonText } from "../src/io/atomic.ts";
import { buildMetrics, buildTiming, buildTraces } from "../src/synth/results.ts";

export const save: Stage<SynthContext, "run" | "best" | "baseline" | "finalists" | "pointResults" | "startedAt" | "options", "saved"> = {
  name: "save",
  needs: ["run", "best", "baseline", "finalists", "pointResults", "startedAt", "options"],
  adds: ["saved"],
  run(ctx) {
    const full = ctx as SynthContext;
    if (full.interrupted && !full.options.savePartial) {
      full.run.discard();
      return { saved: false };
    }
    full.run.write({
      "arch.json": jsonText(full.best.arch),
      "metrics.json": jsonText(buildMetrics(full)),
      "traces.json": jsonText(buildTraces(full)),
      "timing.json": jsonText(buildTiming(full, Date.now() - full.startedAt)),
    });
    return { saved: true };
  },
};
