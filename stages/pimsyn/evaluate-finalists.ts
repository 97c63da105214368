/**
 * Each finalist is built as arch.json and evaluated with full breakdowns. The exact allocation is kept only if
 * the built architecture stays within the budget (unified macros re-cost peripherals per macro, which the
 * allocator approximates) and is at least as efficient (finalize.ts keepBetter); otherwise the closed form
 * stands. Every emitted design is checked against the budget.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { EvaluatedFinalist, SynthContext } from "../../src/methods/pimsyn/context.ts";
import type { Plan } from "../../src/mapping/plan.ts";
import { buildDesign, keepBetter } from "../../src/methods/pimsyn/finalize.ts";

export const evaluateFinalists: Stage<SynthContext, "options" | "network" | "preset" | "allocated", "evaluated"> = {
  name: "evaluate-finalists",
  needs: ["options", "network", "preset", "allocated"],
  adds: ["evaluated"],
  run({ options, network, preset, allocated }) {
    const name = `${network.name}-${options.powerW}W`;
    const budget = { powerW: options.powerW, areaMm2: options.areaMm2 };
    const evaluated: EvaluatedFinalist[] = allocated.map((f) => {
      const build = (plan: Plan) => buildDesign(network, f.model, { ...f.design, plan }, preset, name, budget);
      const { built, dropped } = keepBetter(build(f.design.plan), f.exactPlan && build(f.exactPlan));
      if (!built.within)
        throw new Error(
          `internal: design at point ${f.point} (${built.metrics.hardware.peakPowerW} W peak, ${built.metrics.hardware.areaMm2} mm²) is over the budget (${options.powerW} W, ${options.areaMm2 ?? "no"} mm²)`,
        );
      const status = dropped ? `${f.exact.status} (${dropped}; closed form kept)` : f.exact.status;
      return {
        point: f.point,
        design: built.design,
        analytic: f.analytic,
        exact: { objective: f.exact.objective, status, solveMs: f.exact.solveMs },
        arch: built.arch,
        metrics: built.metrics,
        model: f.model,
        costs: f.costs,
      };
    });
    return { evaluated };
  },
};
