/**
 * The block-level simulator (IR DAG of Table II, list-scheduled) re-scores each evaluated finalist: its
 * single-inference latency, buffer occupancy and per-layer timeline. Skipped when the run was interrupted, and
 * for the extra finalists when --time-budget leaves no time for them.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { Finalist, SynthContext } from "../../src/methods/pimsyn/context.ts";
import { simulateDesign } from "../../src/methods/pimsyn/simulate-design.ts";
import { finalizationLeftMs } from "../../src/methods/pimsyn/time-budget.ts";

export const simulate: Stage<SynthContext, "options" | "evaluated" | "interrupted" | "startedAt", "finalists"> = {
  name: "simulate",
  needs: ["options", "evaluated", "interrupted", "startedAt"],
  adds: ["finalists"],
  run({ options, evaluated, interrupted, startedAt }) {
    // Finalists come best-first; under --time-budget the first is always simulated and the others only while
    // the longest simulation so far still fits in the time left.
    let longestMs = 0;
    const finalists: Finalist[] = evaluated.map(({ model, costs, ...f }, k) => {
      const fits = k === 0 || longestMs <= finalizationLeftMs(startedAt, options.timeBudgetMs);
      const t0 = performance.now();
      const sim = interrupted || !fits ? undefined : simulateDesign(model, costs, f.design.plan);
      longestMs = Math.max(longestMs, performance.now() - t0);
      return {
        ...f,
        simulatedLatencyNs: sim?.latencyNs,
        simulation: sim && { periodNs: sim.periodNs, nodeCount: sim.nodeCount, scratchpadKbNeeded: sim.scratchpadKbNeeded, timeline: sim.timeline },
      };
    });
    return { finalists };
  },
};
