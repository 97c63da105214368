/**
 * The block-level simulator (IR DAG of Table II, list-scheduled) re-scores each evaluated finalist: its
 * single-inference latency, buffer occupancy and per-layer timeline. A finalist whose simulated occupancy exceeds
 * its scratchpad is re-sized and re-costed (src/methods/pimsyn/fit-scratchpad.ts), or keeps a reported shortfall.
 * Skipped when the run was interrupted, and for the extra finalists when --time-budget leaves no time for them.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { Finalist, SynthContext } from "../../src/methods/pimsyn/context.ts";
import { fitScratchpad } from "../../src/methods/pimsyn/fit-scratchpad.ts";
import { finalizationLeftMs, milpTimeLimitS } from "../../src/methods/pimsyn/time-budget.ts";

export const simulate: Stage<SynthContext, "options" | "network" | "preset" | "evaluated" | "interrupted" | "startedAt", "finalists"> = {
  name: "simulate",
  needs: ["options", "network", "preset", "evaluated", "interrupted", "startedAt"],
  adds: ["finalists"],
  async run({ options, network, preset, evaluated, interrupted, startedAt }) {
    // Finalists come best-first; under --time-budget the first is always simulated and the others only while
    // the longest simulation so far still fits in the time left.
    let longestMs = 0;
    const fitContext = { network, preset, powerW: options.powerW, areaMm2: options.areaMm2, name: `${network.name}-${options.powerW}W` };
    const finalists: Finalist[] = [];
    for (const [k, e] of evaluated.entries()) {
      const leftMs = finalizationLeftMs(startedAt, options.timeBudgetMs);
      const fits = k === 0 || longestMs <= leftMs;
      if (interrupted || !fits) {
        const { model: _m, costs: _c, ...f } = e;
        finalists.push(f);
        continue;
      }
      const t0 = performance.now();
      const { finalist, sim, fit } = await fitScratchpad(e, { ...fitContext, milpTimeLimitS: milpTimeLimitS(leftMs, evaluated.length - k) });
      longestMs = Math.max(longestMs, performance.now() - t0);
      const { model: _m, costs: _c, ...f } = finalist;
      finalists.push({
        ...f,
        simulatedLatencyNs: sim.latencyNs,
        simulation: { periodNs: sim.periodNs, nodeCount: sim.nodeCount, scratchpadKbNeeded: sim.scratchpadKbNeeded, timeline: sim.timeline },
        scratchpad: fit,
      });
    }
    return { finalists };
  },
};
