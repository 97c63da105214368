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
      const within = (b: ReturnType<typeof build>) =>
        b.metrics.hardware.peakPowerW <= options.powerW * (1 + 1e-9) && (options.areaMm2 === undefined || b.metrics.hardware.areaMm2 <= options.areaMm2 * (1 + 1e-9));
      // The exact allocation is kept when it stays within the budget and is at least as efficient as the closed
      // form (it spends leftover power, which static power can make a loss): a finalist never gets worse here.
      const closed = build(f.design.plan);
      const exactBuilt = f.exactPlan ? build(f.exactPlan) : undefined;
      const exactKept = exactBuilt !== undefined && within(exactBuilt) && exactBuilt.metrics.mapping!.gopsPerW >= closed.metrics.mapping!.gopsPerW;
      const built = exactKept ? exactBuilt! : closed;
      if (!within(built))
        throw new Error(
          `internal: design at point ${f.point} (${built.metrics.hardware.peakPowerW} W peak, ${built.metrics.hardware.areaMm2} mm²) is over the budget (${options.powerW} W, ${options.areaMm2 ?? "no"} mm²)`,
        );
      const status = exactKept || !exactBuilt ? f.exact.status : `${f.exact.status} (${within(exactBuilt) ? "less efficient than the closed form" : "over budget once built"}; closed form kept)`;
      const hw = built.metrics.hardware;
      built.arch.budget = { powerW: options.powerW, areaMm2: options.areaMm2, usedPowerW: hw.peakPowerW, usedAreaMm2: hw.areaMm2 };
      if (options.areaMm2 === undefined) delete built.arch.budget.areaMm2;
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
