/** The best finalist by efficiency at its simulated latency (the analytic one when no simulation ran). */
import type { Stage } from "../../src/flow/stage.ts";
import type { Finalist, SynthContext } from "../../src/methods/pimsyn/context.ts";
import { gopsPerW, inferenceEnergyPj } from "../../src/cost/objective.ts";
import { InfeasibleError } from "../../src/errors.ts";

export function simulatedGopsPerW(f: Finalist): number {
  const m = f.metrics.mapping!;
  return gopsPerW(m.ops, inferenceEnergyPj(m.dynamicEnergyPj, f.metrics.hardware.staticPowerW, f.simulatedLatencyNs ?? m.latencyNs));
}

export const choose: Stage<SynthContext, "options" | "network" | "finalists" | "minimumFeasiblePowerW", "best"> = {
  name: "choose",
  needs: ["options", "network", "finalists", "minimumFeasiblePowerW"],
  adds: ["best"],
  run({ options, network, finalists, minimumFeasiblePowerW }) {
    if (!finalists.length)
      throw new InfeasibleError(
        `no design of ${network.name} fits ${options.powerW} W within the search limits` +
          (options.maxEvaluations !== undefined ? ` (--max-evaluations ${options.maxEvaluations} may be too small)` : "") +
          `; every candidate's partition exceeded the budget or the scratchpad table; ` +
          `the search finds a design from ${minimumFeasiblePowerW.toPrecision(4)} W (minimum feasible power)`,
        minimumFeasiblePowerW,
      );
    // A finalist left unsimulated (time budget) competes only if none was simulated: its analytic latency is
    // not comparable with a simulated one.
    const simulated = finalists.filter((f) => f.simulatedLatencyNs !== undefined);
    // (A finalist re-sized to its simulated occupancy competes at its re-costed figure; one whose scratchpad stays
    // short competes at its figure, which leaves out the stalls, and metrics.json says so.)
    const pool = simulated.length ? simulated : finalists;
    return { best: pool.reduce((a, b) => (simulatedGopsPerW(b) > simulatedGopsPerW(a) ? b : a)) };
  },
};
