/**
 * The block-level simulator (IR DAG of Table II, list-scheduled) re-scores each evaluated finalist: its
 * single-inference latency, buffer occupancy and per-layer timeline. Skipped when the run was interrupted.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { Finalist, SynthContext } from "../../src/methods/pimsyn/context.ts";
import { simulateDesign } from "../../src/methods/pimsyn/simulate-design.ts";

export const simulate: Stage<SynthContext, "evaluated" | "interrupted", "finalists"> = {
  name: "simulate",
  needs: ["evaluated", "interrupted"],
  adds: ["finalists"],
  run({ evaluated, interrupted }) {
    const finalists: Finalist[] = evaluated.map(({ model, costs, ...f }) => {
      const sim = interrupted ? undefined : simulateDesign(model, costs, f.design.plan);
      return {
        ...f,
        simulatedLatencyNs: sim?.latencyNs,
        simulation: sim && { periodNs: sim.periodNs, nodeCount: sim.nodeCount, scratchpadKbNeeded: sim.scratchpadKbNeeded, timeline: sim.timeline },
      };
    });
    return { finalists };
  },
};
