/**
 * Each finalist is built as arch.json and evaluated with full breakdowns. The exact allocation is kept only if
 * the built architecture stays within the budget (unified macros re-cost peripherals per macro, which the
 * allocator approximates); otherwise the closed form stands. Every emitted design is checked against the budget.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { EvaluatedFinalist, SynthContext } from "../../src/methods/pimsyn/context.ts";
import type { Plan } from "../../src/mapping/plan.ts";
import { evaluate } from "../../src/cost/evaluate.ts";
import { designToArch } from "../../src/methods/pimsyn/design.ts";

export const evaluateFinalists: Stage<SynthContext, "options" | "network" | "preset" | "allocated", "evaluated"> = {
  name: "evaluate-finalists",
  needs: ["options", "network", "preset", "allocated"],
  adds: ["evaluated"],
  run({ options, network, preset, allocated }) {
    const name = `${network.name}-${options.powerW}W`;
    const evaluated: EvaluatedFinalist[] = allocated.map((f) => {
      const build = (plan: Plan) => {
        const design = { ...f.design, plan };
        const arch = designToArch(network, f.model, design, preset, name);
        return { design, arch, metrics: evaluate(arch, preset, network) };
      };
      const within = (b: ReturnType<typeof build>) => b.metrics.hardware.peakPowerW <= options.powerW * (1 + 1e-9);
      let built = f.exactPlan ? build(f.exactPlan) : undefined;
      const exactKept = built !== undefined && within(built);
      if (!built || !exactKept) built = build(f.design.plan);
      if (!within(built))
        throw new Error(`internal: design at point ${f.point} draws ${built.metrics.hardware.peakPowerW} W peak over the ${options.powerW} W budget`);
      const status = exactKept ? f.exact.status : `${f.exact.status} (over budget once built; closed form kept)`;
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
