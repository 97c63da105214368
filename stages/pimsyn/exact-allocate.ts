/**
 * The best designs over all outer points (`options.finalists` of them; one when interrupted) get the
 * integer-exact component allocation: a MILP in highs with integer counts, Σ peak power ≤ budget, minimising
 * the bottleneck stage, then the sum of stage times. An interrupted run skips it and keeps the closed form; under
 * --time-budget each solve is time-limited to its share of what is left, or skipped.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { AllocatedFinalist, SynthContext } from "../../src/methods/pimsyn/context.ts";
import { pointCosts } from "../../src/cost/point-costs.ts";
import { nocOf } from "../../src/methods/pimsyn/design.ts";
import { exactlyAllocated } from "../../src/methods/pimsyn/finalize.ts";
import { ModelCache } from "../../src/methods/pimsyn/space.ts";
import { finalizationLeftMs, milpTimeLimitS } from "../../src/methods/pimsyn/time-budget.ts";

export const exactAllocate: Stage<SynthContext, "options" | "network" | "preset" | "pointResults" | "interrupted" | "startedAt", "allocated"> = {
  name: "exact-allocate",
  needs: ["options", "network", "preset", "pointResults", "interrupted", "startedAt"],
  adds: ["allocated"],
  async run({ options, network, preset, pointResults, interrupted, startedAt }) {
    const cache = new ModelCache(network);
    const noc = nocOf(preset);
    const ranked = pointResults
      .filter((r) => r.best)
      .sort((a, b) => b.best!.scored.gopsPerW - a.best!.scored.gopsPerW || a.index - b.index)
      .slice(0, interrupted ? 1 : options.finalists);
    const allocated: AllocatedFinalist[] = [];
    for (const [k, r] of ranked.entries()) {
      const { design, scored } = r.best!;
      const model = cache.get(design.point);
      const costs = pointCosts(preset, design.point, design.scratchpadKb, noc.flitHopPj);
      // Under --time-budget each solve gets a share of the time left (none when too little is left).
      const timeLimitS = milpTimeLimitS(finalizationLeftMs(startedAt, options.timeBudgetMs), ranked.length - k);
      const skipped = interrupted ? "skipped (interrupted)" : timeLimitS === undefined ? "skipped (time budget)" : undefined;
      if (skipped || timeLimitS === undefined) {
        allocated.push({ point: r.index, design, analytic: scored, model, costs, exact: { feasible: false, objective: NaN, status: skipped!, solveMs: 0 } });
        continue;
      }
      const { exact, plan } = await exactlyAllocated(model, costs, preset, design, options.powerW, timeLimitS);
      allocated.push({ point: r.index, design, analytic: scored, model, costs, exactPlan: exact.feasible ? plan : undefined, exact });
    }
    return { allocated };
  },
};
