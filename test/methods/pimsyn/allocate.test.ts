import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocateComponents, type AllocateOptions } from "../../../src/methods/pimsyn/allocate.ts";
import type { NetworkModel } from "../../../src/mapping/layer-model.ts";
import { clonePlan } from "../../../src/mapping/plan.ts";
import { type PointCosts } from "../../../src/cost/point-costs.ts";
import { UserError } from "../../../src/errors.ts";
import {
  arbPlan,
  bruteForceMinPeriod,
  cheapestBelowMw,
  chain4Model,
  dateCosts,
  makePlan,
  maxBusyNs,
  tinyModel,
  unitsOf,
  unitsWSpecified,
  unitsWUnified,
  vgg16Model,
  withPeaks,
} from "./allocate-fixtures.ts";

const REL = 1e-9;
const MODES: AllocateOptions["mode"][] = ["specified", "unified"];

let vgg: NetworkModel;
let chain: NetworkModel;
const costs = dateCosts();
beforeAll(async () => {
  vgg = await vgg16Model();
  chain = await chain4Model();
});

const optsArb = fc.record({
  budgetW: fc.double({ min: 0.05, max: 300, noNaN: true }),
  mode: fc.constantFrom(...MODES),
  perMacro: fc.boolean(),
});

function unitsW(model: NetworkModel, c: PointCosts, plan: ReturnType<typeof makePlan>, mode: AllocateOptions["mode"]): number {
  return mode === "unified" ? unitsWUnified(model, c, plan) : unitsWSpecified(model, c, plan);
}

describe("allocateComponents: budget and consistency with the pipeline model", () => {
  for (const [name, get] of [["chain4", () => chain], ["vgg16", () => vgg]] as const) {
    it(`${name}: a feasible allocation never exceeds the budget, and its period is the pipeline's largest busy time`, () => {
      const model = get();
      fc.assert(
        fc.property(arbPlan(model), optsArb, (plan, opts) => {
          const r = allocateComponents(model, costs, plan, opts);
          if (!r.feasible) {
            expect(r.minUnitsW).toBeGreaterThan(opts.budgetW);
            return;
          }
          const w = unitsW(model, costs, plan, opts.mode);
          expect(w).toBeLessThanOrEqual(opts.budgetW * (1 + 1e-12));
          expect(r.unitsW).toBeCloseTo(w, 9);
          expect(r.periodNs).toBeGreaterThanOrEqual(r.floorNs);
          const busy = maxBusyNs(model, costs, plan);
          expect(Math.abs(r.periodNs / busy - 1)).toBeLessThan(REL);
          // Every count is a positive integer (a multiple of the layer's macros when per macro).
          model.layers.forEach((L, i) => {
            for (const u of unitsOf(model, costs, plan, i)) {
              expect(Number.isInteger(u.count) && u.count >= 1).toBe(true);
              if ((opts.perMacro || opts.mode === "unified") && L.role === "mvm") expect(u.count % plan.macros[i]).toBe(0);
            }
          });
        }),
        { numRuns: name === "vgg16" ? 150 : 300 },
      );
    });
  }

  it("VGG16: optimality certificate: every allocation with a smaller period costs more than the budget", () => {
    fc.assert(
      fc.property(arbPlan(vgg), fc.double({ min: 0.05, max: 300, noNaN: true }), fc.boolean(), (plan, budgetW, perMacro) => {
        const r = allocateComponents(vgg, costs, plan, { budgetW, mode: "specified", perMacro });
        if (!r.feasible) return;
        expect(cheapestBelowMw(vgg, costs, plan, r.periodNs * (1 - 1e-9), perMacro)).toBeGreaterThan(budgetW * 1e3);
      }),
      { numRuns: 150 },
    );
  });

  it("more budget never makes the period worse (monotone), on VGG16", () => {
    fc.assert(
      fc.property(arbPlan(vgg), optsArb, fc.double({ min: 1, max: 4, noNaN: true }), (plan, opts, factor) => {
        const a = allocateComponents(vgg, costs, plan, opts);
        const b = allocateComponents(vgg, costs, plan, { ...opts, budgetW: opts.budgetW * factor });
        if (a.feasible) {
          expect(b.feasible).toBe(true);
          expect(b.periodNs).toBeLessThanOrEqual(a.periodNs * (1 + REL));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("with an unlimited budget every layer reaches its floor (crossbar reads, load/store, NoC)", () => {
    const plan = makePlan(vgg, [64, 32, 4, 32, 16, 4, 8, 8, 8, 2, 4, 2, 2, 1], [4, 6, 1, 6, 5, 1, 3]);
    const r = allocateComponents(vgg, costs, plan, { budgetW: 1e9, mode: "specified" });
    expect(r.feasible).toBe(true);
    expect(Math.abs(r.periodNs / r.floorNs - 1)).toBeLessThan(REL);
    // The floor is the pipeline's busy time with (practically) unlimited units.
    const big = clonePlan(plan);
    for (const a of [big.adc, big.shiftAdd, big.add, big.act, big.vec]) a.fill(1e12);
    expect(Math.abs(maxBusyNs(vgg, costs, big) / r.floorNs - 1)).toBeLessThan(1e-6);
  });
});

describe("allocateComponents: min-max optimal (brute force on a three-layer net)", () => {
  const tiny = tinyModel();
  const modes = ["specified", "perMacro", "unified"] as const;
  it("equals the best of all integer allocations within budget, for random dup, macros, sharing, prices and budgets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...modes),
        (dup1, dup2, m1, m2, share, adcMw, extraMw, mode) => {
          const plan = makePlan(tiny, [dup1, 4, dup2], [m1, 1, m2], share ? [[2, 0]] : []);
          const c = withPeaks(costs, adcMw, 1);
          const opts: AllocateOptions = { mode: mode === "unified" ? "unified" : "specified", perMacro: mode === "perMacro", budgetW: 0 };
          const min = allocateComponents(tiny, c, plan, { ...opts, budgetW: 1e9 }).minUnitsW;
          const budgetMw = Math.round(min * 1e3) + extraMw * (mode === "unified" ? 3 : 1);
          const expected = bruteForceMinPeriod(tiny, c, clonePlan(plan), budgetMw, mode);
          const r = allocateComponents(tiny, c, plan, { ...opts, budgetW: budgetMw / 1e3 });
          expect(r.feasible).toBe(true);
          expect(Math.abs(r.periodNs / expected - 1)).toBeLessThan(REL);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("the brute force is not trivial: extra budget does change the optimum", () => {
    const plan = makePlan(tiny, [2, 4, 2], [1, 1, 1]);
    const c = withPeaks(costs, 2, 1);
    const tight = bruteForceMinPeriod(tiny, c, clonePlan(plan), 10, "specified");
    const loose = bruteForceMinPeriod(tiny, c, clonePlan(plan), 16, "specified");
    expect(loose).toBeLessThan(tight);
    expect(allocateComponents(tiny, c, plan, { budgetW: 0.016, mode: "specified" }).periodNs).toBeCloseTo(loose, 6);
  });
});

describe("allocateComponents: shared ADC banks, unified macros, infeasibility", () => {
  it("a shared pair uses one bank: same count on both layers, powered once, covering the larger workload", () => {
    const dup = [8, 8, 4, 8, 8, 4, 8, 8, 8, 2, 4, 2, 2, 1];
    const macros = [2, 3, 1, 3, 4, 1, 2, 2, 2, 1, 2];
    const own = makePlan(vgg, dup, macros);
    // The later layer of the pair has the larger ADC workload, so the bank is sized by the partner.
    const j = vgg.mvmLayers[0];
    const i = vgg.mvmLayers[3];
    const shared = makePlan(vgg, dup, macros, [[i, j]]);
    // Same NoC hops, so both plans have the same floors and only the sharing differs.
    shared.hopsIn.set(own.hopsIn);
    shared.hopsMerge.set(own.hopsMerge);
    const ro = allocateComponents(vgg, costs, own, { budgetW: 1e6, mode: "specified" });
    const rs = allocateComponents(vgg, costs, shared, { budgetW: 1e6, mode: "specified" });
    expect(own.adc[i]).toBeGreaterThan(own.adc[j]);
    expect(shared.adc[i]).toBe(shared.adc[j]);
    // Unlimited budget: the bank is sized for the larger of the two layers' needs.
    expect(shared.adc[j]).toBe(Math.max(own.adc[i], own.adc[j]));
    const adcW = (p: typeof own) => {
      let n = 0;
      for (const k of vgg.mvmLayers) if (p.sharesWith[k] < 0) n += p.adc[k];
      return (n * costs.adc.peakMw) / 1e3;
    };
    expect(adcW(own) - adcW(shared)).toBeCloseTo((Math.min(own.adc[i], own.adc[j]) * costs.adc.peakMw) / 1e3, 9);
    expect(rs.unitsW).toBeCloseTo(unitsWSpecified(vgg, costs, shared), 9);
    expect(rs.minUnitsW).toBeCloseTo(ro.minUnitsW - costs.adc.peakMw / 1e3, 9);
  });

  it("unified mode gives identical macros: each unit kind has the same count per macro on every layer", () => {
    fc.assert(
      fc.property(arbPlan(vgg), fc.double({ min: 0.5, max: 200, noNaN: true }), (plan, budgetW) => {
        const r = allocateComponents(vgg, costs, plan, { budgetW, mode: "unified" });
        const perMacro = new Map<string, Set<number>>();
        vgg.layers.forEach((L, i) => {
          const m = L.role === "mvm" ? plan.macros[i] : 1;
          for (const u of unitsOf(vgg, costs, plan, i)) {
            if (!perMacro.has(u.cls)) perMacro.set(u.cls, new Set());
            perMacro.get(u.cls)!.add(u.count / m);
          }
        });
        for (const counts of perMacro.values()) expect(counts.size).toBe(1);
        if (r.feasible) expect(unitsWUnified(vgg, costs, plan)).toBeLessThanOrEqual(budgetW * (1 + 1e-12));
      }),
      { numRuns: 100 },
    );
  });

  it("infeasible exactly when one unit of each kind (per macro) does not fit", () => {
    const plan = makePlan(chain, [16, 4, 8, 1], [2, 1, 3, 4]);
    // Independent minimum: per mvm layer macros × (ADC + shift-add + add + its activation), plus the pool unit.
    const alu = (op: keyof typeof costs.alu) => costs.alu[op]!.peakMw;
    let minMw = 0;
    chain.layers.forEach((L, i) => {
      if (L.role === "mvm") minMw += plan.macros[i] * (costs.adc.peakMw + alu("shiftAdd") + alu("add") + (L.aluOp ? alu(L.aluOp) : 0));
      if (L.role === "vector") minMw += alu(L.aluOp!);
    });
    const below = allocateComponents(chain, costs, plan, { budgetW: (minMw * (1 - 1e-9)) / 1e3, mode: "specified", perMacro: true });
    expect(below.feasible).toBe(false);
    expect(below.minUnitsW).toBeCloseTo(minMw / 1e3, 12);
    const at = allocateComponents(chain, costs, plan, { budgetW: minMw / 1e3 + 1e-12, mode: "specified", perMacro: true });
    expect(at.feasible).toBe(true);
    expect(allocateComponents(chain, costs, plan, { budgetW: -1, mode: "specified" }).feasible).toBe(false);
  });

  it("a layer whose ALU the preset lacks is a user error, not a crash", () => {
    const c: PointCosts = { ...costs, alu: { ...costs.alu, pool: undefined } };
    const plan = makePlan(chain, [4], [1]);
    expect(() => allocateComponents(chain, c, plan, { budgetW: 10, mode: "specified" })).toThrow(UserError);
  });
});
