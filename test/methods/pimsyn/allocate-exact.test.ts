import { beforeAll, describe, expect, it } from "vitest";
import { allocateExact, type ExactOptions } from "../../../src/methods/pimsyn/allocate-exact.ts";
import type { NetworkModel } from "../../../src/mapping/layer-model.ts";
import { newPipelineResult, runPipeline } from "../../../src/cost/pipeline-model.ts";
import type { Plan } from "../../../src/mapping/plan.ts";
import { chain4Model, dateCosts, makePlan, unitsOf, unitsWSpecified, unitsWUnified, vgg16Model } from "./allocate-fixtures.ts";

const costs = dateCosts();
let vgg: NetworkModel;
let chain: NetworkModel;
beforeAll(async () => {
  vgg = await vgg16Model();
  chain = await chain4Model();
});

const EPS = 1e-3;
const VGG_DUP = [64, 32, 4, 32, 16, 4, 8, 8, 8, 2, 4, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const VGG_MACROS = [2, 4, 1, 4, 3, 1, 2, 3, 3, 1, 3, 3, 3, 1, 2, 2, 2, 1, 1, 49, 8, 2];

/** T + ε·Σ busy as the pipeline model computes it for the plan's current counts. */
function pipelineObjective(model: NetworkModel, plan: Plan): { periodNs: number; objective: number } {
  const res = runPipeline(model, costs, plan, newPipelineResult(model.layers.length));
  let period = 0, sum = 0;
  for (const b of res.busyNs) {
    period = Math.max(period, b);
    sum += b;
  }
  return { periodNs: period, objective: period + EPS * sum };
}

async function check(model: NetworkModel, plan: Plan, opts: ExactOptions) {
  const r = await allocateExact(model, costs, plan, { secondaryWeight: EPS, timeLimitS: 30, ...opts });
  expect(r.feasible).toBe(true);
  // At least as good as the bisection: the same bottleneck, and T + ε·Σ not larger.
  expect(r.periodNs).toBeLessThanOrEqual(r.bisection.periodNs * (1 + 1e-9));
  expect(r.objective).toBeLessThanOrEqual(r.bisection.objective * (1 + 1e-12));
  // Never over budget, by an independent power sum.
  const w = opts.mode === "unified" ? unitsWUnified(model, costs, plan) : unitsWSpecified(model, costs, plan);
  expect(w).toBeLessThanOrEqual(opts.budgetW * (1 + 1e-12));
  // The reported figures are those of the plan it wrote.
  const p = pipelineObjective(model, plan);
  expect(Math.abs(p.periodNs / r.periodNs - 1)).toBeLessThan(1e-9);
  expect(Math.abs(p.objective / r.objective - 1)).toBeLessThan(1e-9);
  model.layers.forEach((L, i) => {
    for (const u of unitsOf(model, costs, plan, i)) {
      expect(Number.isInteger(u.count) && u.count >= 1).toBe(true);
      if ((opts.perMacro || opts.mode === "unified") && L.role === "mvm") expect(u.count % plan.macros[i]).toBe(0);
    }
  });
  return r;
}

describe("allocateExact (HiGHS): at least as good as the bisection and within budget", () => {
  it("VGG16, specified per macro, 1–100 W: never worse, and strictly better on the secondary term somewhere", async () => {
    let improved = 0;
    for (const budgetW of [1, 5, 20, 100]) {
      const plan = makePlan(vgg, VGG_DUP, VGG_MACROS);
      const r = await check(vgg, plan, { budgetW, mode: "specified", perMacro: true });
      if (r.source === "milp" && r.objective < r.bisection.objective * (1 - 1e-6)) improved++;
    }
    expect(improved).toBeGreaterThan(0);
  });

  it("VGG16, unified: identical macros and within budget", async () => {
    for (const budgetW of [2, 30]) {
      const plan = makePlan(vgg, VGG_DUP, VGG_MACROS);
      await check(vgg, plan, { budgetW, mode: "unified" });
      const perMacro = new Map<string, Set<number>>();
      vgg.layers.forEach((L, i) => {
        for (const u of unitsOf(vgg, costs, plan, i)) {
          if (!perMacro.has(u.cls)) perMacro.set(u.cls, new Set());
          perMacro.get(u.cls)!.add(u.count / (L.role === "mvm" ? plan.macros[i] : 1));
        }
      });
      for (const s of perMacro.values()) expect(s.size).toBe(1);
    }
  });

  it("VGG16 with a shared ADC bank: one count on both layers, powered once", async () => {
    const j = vgg.mvmLayers[0];
    const i = vgg.mvmLayers[3];
    const plan = makePlan(vgg, VGG_DUP, VGG_MACROS, [[i, j]]);
    await check(vgg, plan, { budgetW: 10, mode: "specified", perMacro: true });
    expect(plan.adc[i]).toBe(plan.adc[j]);
  });

  it("chain4 without per-macro steps, several budgets", async () => {
    for (const budgetW of [0.01, 0.05, 0.3]) {
      const plan = makePlan(chain, [16, 4, 8, 1], [2, 1, 3, 4]);
      await check(chain, plan, { budgetW, mode: "specified" });
    }
  });

  it("reports infeasible without solving when the minimum allocation exceeds the budget", async () => {
    const plan = makePlan(chain, [16, 4, 8, 1], [2, 1, 3, 4]);
    const r = await allocateExact(chain, costs, plan, { budgetW: 1e-4, mode: "specified", perMacro: true });
    expect(r.feasible).toBe(false);
    expect(r.status).toBe("infeasible");
    expect(r.solveMs).toBe(0);
  });
});
