/**
 * Write arch.json, metrics.json, traces.json and timing.json into the (still temporary) run directory. An
 * interrupted run is discarded here unless --save-partial was given.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { SynthContext } from "../../src/methods/pimsyn/context.ts";
import { jsonText } from "../../src/io/atomic.ts";
import { buildMetrics, buildTiming, buildTraces, METRICS_FIELDS, TIMING_FIELDS, TRACES_FIELDS } from "../../src/methods/pimsyn/results.ts";

const NEEDS = ["run", "startedAt", ...METRICS_FIELDS, ...TRACES_FIELDS, ...TIMING_FIELDS] as const;

export const save: Stage<SynthContext, (typeof NEEDS)[number], "saved"> = {
  name: "save",
  needs: [...new Set(NEEDS)],
  adds: ["saved"],
  run(ctx) {
    if (ctx.interrupted && !ctx.options.savePartial) {
      ctx.run.discard();
      return { saved: false };
    }
    ctx.run.write({
      "arch.json": jsonText(ctx.best.arch),
      "metrics.json": jsonText(buildMetrics(ctx)),
      "traces.json": jsonText(buildTraces(ctx)),
      "timing.json": jsonText(buildTiming(ctx, Date.now() - ctx.startedAt)),
    });
    return { saved: true };
  },
};
