/**
 * Finalists: the best designs over all outer points get the integer-exact component allocation (MILP with
 * highs: integer counts, Σ peak power ≤ budget, minimise the bottleneck stage, then the sum of stage times), are
 * re-scored by the block-level simulator, converted to arch.json and evaluated with full breakdowns. The best
 * by simulated efficiency wins. Every emitted design is checked against the power budget.
 */
import type { Stage } from "../src/synth/stage.ts";
import type { Finalist, SynthContext } from "../src/synth/context.ts";
import { clonePlan, pointCosts } from "../src/cost/plan.ts";
import { planPower } from "../src/cost/plan-power.ts";
import { allocateExact } from "../src/cost/allocate-exact.ts";
import { evaluate } from "../src/cost/evaluate.ts";
import { designToArch, nocOf } from "../src/synth/design.ts";
import { ModelCache } from "../src/synth/space.ts";
import { InfeasibleError } from "../src/errors.ts";
import { simulateDesign } from "../src/synth/simulate-design.ts";

export const finalize: Stage<SynthContext, "options" | "network" | "preset" | "pointResults" | "interrupted", "finalists" | "best"> = {
  name: "finalize",
  needs: ["options", "network", "preset", "pointResults", "interrupted"],
  adds: ["finalists", "best"],
  async run({ options, network, preset, pointResults, interrupted }) {
    const cache = new ModelCache(network);
    const noc = nocOf(preset);
    const ranked = pointResults
      .filter((r) => r.best)
      .sort((a, b) => b.best!.scored.gopsPerW - a.best!.scored.gopsPerW || a.index - b.index)
      .slice(0, interrupted ? 1 : options.finalists);
    const finalists: Finalist[] = [];
    for (const r of ranked) {
      const { design, scored } = r.best!;
      const model = cache.get(design.point);
      const costs = pointCosts(preset, design.point, design.scratchpadKb, noc.flitHopPj);
      const plan = clonePlan(design.plan);
      for (const a of [plan.adc, plan.shiftAdd, plan.add, plan.act, plan.vec]) a.fill(0);
      const budgetW = options.powerW - planPower(model, costs, noc, plan).peakW;
      const exactPlan = clonePlan(design.plan);
      // Interrupted: report the best design as found, without the (slower) exact allocation and simulation.
      const exact = interrupted
        ? { feasible: false, objective: NaN, status: "skipped (interrupted)", solveMs: 0 }
        : await allocateExact(model, costs, exactPlan, { budgetW, mode: design.macroMode, perMacro: true });
      const name = `${network.name}-${options.powerW}W`;
      const build = (plan: typeof exactPlan) => {
        const d = { ...design, plan };
        const arch = designToArch(network, model, d, preset, name);
        return { design: d, arch, metrics: evaluate(arch, preset, network) };
      };
      const within = (b: ReturnType<typeof build>) => b.metrics.hardware.peakPowerW <= options.powerW * (1 + 1e-9);
      // The exact allocation is kept only if the built architecture stays within the budget (unified macros
      // re-cost peripherals per macro, which the allocator approximates); otherwise the closed form stands.
      let built = exact.feasible ? build(exactPlan) : undefined;
      const exactKept = built !== undefined && within(built);
      if (!built || !exactKept) built = build(design.plan);
      if (!within(built))
        throw new Error(`internal: design at point ${r.index} draws ${built.metrics.hardware.peakPowerW} W peak over the ${options.powerW} W budget`);
      const { design: finalDesign, arch, metrics } = built;
      const sim = interrupted ? undefined : simulateDesign(model, costs, finalDesign.plan);
      finalists.push({
        point: r.index,
        design: finalDesign,
        analytic: scored,
        exact: { objective: exact.objective, status: exactKept ? exact.status : `${exact.status} (over budget once built; closed form kept)`, solveMs: exact.solveMs },
        simulatedLatencyNs: sim?.latencyNs,
        simulation: sim && { periodNs: sim.periodNs, nodeCount: sim.nodeCount, scratchpadKbNeeded: sim.scratchpadKbNeeded, timeline: sim.timeline },
        arch,
        metrics,
      });
    }
    const simEfficiency = (f: Finalist) => {
      const m = f.metrics.mapping!;
      return (m.ops / (m.dynamicEnergyPj + f.metrics.hardware.staticPowerW * (f.simulatedLatencyNs ?? m.latencyNs) * 1e3)) * 1e3;
    };
    if (!finalists.length)
      throw new InfeasibleError(
        `no design of ${network.name} fits ${options.powerW} W within the search limits` +
          (options.maxEvaluations !== undefined ? ` (--max-evaluations ${options.maxEvaluations} may be too small)` : "") +
          `; every candidate's partition exceeded the budget or the scratchpad table`,
      );
    const best = finalists.reduce((a, b) => (simEfficiency(b) > simEfficiency(a) ? b : a));
    return { finalists, best };
  },
};
