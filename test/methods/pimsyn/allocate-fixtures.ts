/**
 * Fixtures for the allocation tests: networks, costs, random plans, and checks written independently of
 * src/methods/pimsyn/allocate.ts (power from planPower or a direct sum, busy times from runPipeline, brute force).
 */
import fc from "fast-check";
import { loadNetwork } from "../../../src/network/load.ts";
import { resolveNetwork } from "../../../src/network/resolve.ts";
import type { LayerSpec } from "../../../src/network/types.ts";
import { buildNetworkModel, type DesignPoint, type NetworkModel } from "../../../src/mapping/layer-model.ts";
import { emptyPlan, type Plan } from "../../../src/mapping/plan.ts";
import { pointCosts, type PointCosts } from "../../../src/cost/point-costs.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";
import { layoutPlan } from "../../../src/mapping/layout.ts";
import { newPipelineResult, runPipeline, S_ADC, S_ADD, S_ALU, S_LD, S_MERGE, S_MVM, S_SA, S_ST, S_XFER, STAGE_VECTOR_LENGTH, stageTimes } from "../../../src/cost/pipeline-model.ts";
import { planPower } from "../../../src/cost/plan-power.ts";

export const POINT: DesignPoint = { crossbarSize: 256, cellBits: 2, dacBits: 1, adcBits: 9, weightBits: 16, activationBits: 16 };
export const NO_NOC = { wholeNoc: true, peakMw: 0, staticMw: 0, unitsPerRouter: 1, areaUm2: 0 };

export function dateCosts(point: DesignPoint = POINT): PointCosts {
  return pointCosts(loadPreset("pimsyn-date24"), point, 64, 0);
}

export async function vgg16Model(): Promise<NetworkModel> {
  return buildNetworkModel((await loadNetwork("vgg16")).network, POINT);
}

export async function chain4Model(): Promise<NetworkModel> {
  const file = new URL("../../../specs/networks/chain4.json", import.meta.url).pathname;
  return buildNetworkModel((await loadNetwork(file)).network, POINT);
}

/** conv(relu) → max pool → conv: eight allocatable counts, small enough to enumerate. */
export function tinyModel(): NetworkModel {
  const layers: LayerSpec[] = [
    { name: "c1", kind: "conv", outChannels: 8, kernel: [3, 3], pad: [1, 1, 1, 1], activation: "relu" },
    { name: "p1", kind: "pool", method: "max", kernel: [2, 2], stride: [2, 2] },
    { name: "c2", kind: "conv", outChannels: 8, kernel: [3, 3], pad: [1, 1, 1, 1] },
  ];
  const net = resolveNetwork({ schemaVersion: 1, name: "tiny", input: { name: "x", shape: [3, 8, 8] }, layers });
  return buildNetworkModel(net, POINT);
}

/** A plan from per-layer dup and macro counts (route layers ignored) and sharing pairs, with hops laid out. */
export function makePlan(model: NetworkModel, dup: number[], macros: number[], shares: [number, number][] = []): Plan {
  const plan = emptyPlan(model.layers.length);
  model.layers.forEach((L, i) => {
    plan.dup[i] = L.role === "route" ? 1 : Math.max(1, Math.min(dup[i % dup.length], L.outPixels));
    plan.macros[i] = L.role === "mvm" ? macros[i % macros.length] : 1;
  });
  for (const [later, earlier] of shares) {
    plan.sharesWith[later] = earlier;
    plan.macros[later] = plan.macros[earlier];
  }
  layoutPlan(model, plan);
  return plan;
}

/** fast-check arbitrary of plans for a model: random dup (1..64), macros (1..8) and up to two sharing pairs. */
export function arbPlan(model: NetworkModel): fc.Arbitrary<Plan> {
  const n = model.layers.length;
  const mvm = model.mvmLayers;
  return fc
    .record({
      dup: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: n, maxLength: n }),
      macros: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: n, maxLength: n }),
      pairs: fc.array(fc.tuple(fc.nat(mvm.length - 1), fc.nat(mvm.length - 1)), { maxLength: 2 }),
    })
    .map(({ dup, macros, pairs }) => {
      const used = new Set<number>();
      const shares: [number, number][] = [];
      for (const [a, b] of pairs) {
        const [j, i] = [mvm[Math.min(a, b)], mvm[Math.max(a, b)]];
        if (i === j || used.has(i) || used.has(j)) continue;
        used.add(i).add(j);
        shares.push([i, j]);
      }
      return makePlan(model, dup, macros, shares);
    });
}

/** Eq. 5's objective of the plan as the pipeline model computes it: the largest layer busy time. */
export function maxBusyNs(model: NetworkModel, c: PointCosts, plan: Plan): number {
  const res = runPipeline(model, c, plan, newPipelineResult(model.layers.length));
  let m = 0;
  for (const b of res.busyNs) m = Math.max(m, b);
  return m;
}

/** Specified mode: peak W of the ADCs and ALUs as plan-power.ts counts them (a shared bank once). */
export function unitsWSpecified(model: NetworkModel, c: PointCosts, plan: Plan): number {
  const p = planPower(model, c, NO_NOC, plan);
  return p.adcW + p.aluW;
}

/** The unit kinds a layer uses, with the count the plan gives it and the peak mW of one unit. */
export function unitsOf(model: NetworkModel, c: PointCosts, plan: Plan, i: number): { cls: string; count: number; peakMw: number }[] {
  const L = model.layers[i];
  if (L.role === "mvm") {
    const u = [
      { cls: "adc", count: plan.adc[i], peakMw: c.adc.peakMw },
      { cls: "shiftAdd", count: plan.shiftAdd[i], peakMw: c.alu.shiftAdd!.peakMw },
      { cls: "add", count: plan.add[i], peakMw: c.alu.add!.peakMw },
    ];
    if (L.aluOp) u.push({ cls: L.aluOp, count: plan.act[i], peakMw: c.alu[L.aluOp]!.peakMw });
    return u;
  }
  if (L.role === "vector") return [{ cls: L.aluOp!, count: plan.vec[i], peakMw: c.alu[L.aluOp!]!.peakMw }];
  return [];
}

/** Unified mode: every macro holds the per-macro maximum of each unit kind; macros of a shared pair count once. */
export function unitsWUnified(model: NetworkModel, c: PointCosts, plan: Plan): number {
  let chipMacros = 0;
  for (const i of model.mvmLayers) if (plan.sharesWith[i] < 0) chipMacros += plan.macros[i];
  const perMacro = new Map<string, { k: number; peakMw: number }>();
  model.layers.forEach((L, i) => {
    const m = L.role === "mvm" ? plan.macros[i] : 1;
    for (const u of unitsOf(model, c, plan, i)) {
      const k = Math.ceil(u.count / m);
      const prev = perMacro.get(u.cls);
      if (!prev || k > prev.k) perMacro.set(u.cls, { k, peakMw: u.peakMw });
    }
  });
  let mw = 0;
  for (const { k, peakMw } of perMacro.values()) mw += k * peakMw;
  return (Math.max(1, chipMacros) * mw) / 1e3;
}

/** Copy of the costs with every ADC/ALU peak power replaced (keeps brute-force searches small). */
export function withPeaks(c: PointCosts, adcMw: number, aluMw: number): PointCosts {
  const alu = Object.fromEntries(Object.entries(c.alu).map(([k, u]) => [k, u && { ...u, peakMw: aluMw }])) as PointCosts["alu"];
  return { ...c, adc: { ...c.adc, peakMw: adcMw }, alu };
}

/**
 * Brute force, independent of allocate.ts: enumerate every integer allocation (counts in steps of `step(i)`,
 * one bank for a shared pair; unified: one per-macro count per unit kind) within `budgetMw`, score each
 * with runPipeline, return the smallest largest-busy-time.
 */
export function bruteForceMinPeriod(
  model: NetworkModel,
  c: PointCosts,
  plan: Plan,
  budgetMw: number,
  mode: "specified" | "perMacro" | "unified",
): number {
  type Slot = { set: (v: number) => void; stepUnits: number; peakMw: number };
  const slots: Slot[] = [];
  const pipelineRes = newPipelineResult(model.layers.length);
  const macrosOf = (i: number) => (model.layers[i].role === "mvm" ? plan.macros[i] : 1);
  if (mode === "unified") {
    let chip = 0;
    for (const i of model.mvmLayers) if (plan.sharesWith[i] < 0) chip += plan.macros[i];
    const byClass = new Map<string, { peakMw: number; setters: ((k: number) => void)[] }>();
    model.layers.forEach((L, i) => {
      const m = macrosOf(i);
      const put = (cls: string, peakMw: number, f: (k: number) => void) => {
        if (!byClass.has(cls)) byClass.set(cls, { peakMw, setters: [] });
        byClass.get(cls)!.setters.push(f);
      };
      if (L.role === "mvm") {
        put("adc", c.adc.peakMw, (k) => (plan.adc[i] = k * m));
        put("shiftAdd", c.alu.shiftAdd!.peakMw, (k) => (plan.shiftAdd[i] = k * m));
        put("add", c.alu.add!.peakMw, (k) => (plan.add[i] = k * m));
        if (L.aluOp) put(L.aluOp, c.alu[L.aluOp]!.peakMw, (k) => (plan.act[i] = k * m));
      } else if (L.role === "vector") put(L.aluOp!, c.alu[L.aluOp!]!.peakMw, (k) => (plan.vec[i] = k * m));
    });
    for (const { peakMw, setters } of byClass.values()) slots.push({ set: (k) => setters.forEach((f) => f(k)), stepUnits: 1, peakMw: Math.max(1, chip) * peakMw });
  } else {
    model.layers.forEach((L, i) => {
      const step = mode === "perMacro" ? macrosOf(i) : 1;
      if (L.role === "mvm") {
        const s = plan.sharesWith[i];
        if (s < 0) {
          const partner = model.layers.findIndex((_, p) => plan.sharesWith[p] === i);
          slots.push({ set: (v) => { plan.adc[i] = v; if (partner >= 0) plan.adc[partner] = v; }, stepUnits: step, peakMw: c.adc.peakMw });
        }
        slots.push({ set: (v) => (plan.shiftAdd[i] = v), stepUnits: step, peakMw: c.alu.shiftAdd!.peakMw });
        slots.push({ set: (v) => (plan.add[i] = v), stepUnits: step, peakMw: c.alu.add!.peakMw });
        if (L.aluOp) slots.push({ set: (v) => (plan.act[i] = v), stepUnits: step, peakMw: c.alu[L.aluOp]!.peakMw });
      } else if (L.role === "vector") slots.push({ set: (v) => (plan.vec[i] = v), stepUnits: 1, peakMw: c.alu[L.aluOp!]!.peakMw });
    });
  }
  let minMw = 0;
  for (const s of slots) minMw += s.stepUnits * s.peakMw;
  let best = Infinity;
  const visit = (k: number, leftMw: number): void => {
    if (k === slots.length) {
      runPipeline(model, c, plan, pipelineRes);
      let m = 0;
      for (const b of pipelineRes.busyNs) m = Math.max(m, b);
      if (m < best) best = m;
      return;
    }
    const s = slots[k];
    // Reserve the minimum of the slots still to come.
    let rest = 0;
    for (let q = k + 1; q < slots.length; q++) rest += slots[q].stepUnits * slots[q].peakMw;
    for (let v = s.stepUnits; v * s.peakMw <= leftMw - rest + 1e-9; v += s.stepUnits) {
      s.set(v);
      visit(k + 1, leftMw - v * s.peakMw);
    }
  };
  if (minMw > budgetMw + 1e-9) return Infinity;
  visit(0, budgetMw);
  return best;
}

/**
 * Optimality certificate for a min-max allocation (specified mode), from the pipeline's own stage times: the
 * cheapest allocation whose every layer busy time is below `targetNs` (each unit's work = its busy time × its
 * count; counts in steps of `step`). Returns +∞ when some layer's floor (crossbar/memory/NoC) is ≥ targetNs.
 */
export function cheapestBelowMw(model: NetworkModel, c: PointCosts, plan: Plan, targetNs: number, perMacro: boolean): number {
  const st = new Float64Array(STAGE_VECTOR_LENGTH);
  const bits = model.bitIterations;
  let mw = 0;
  const banks = new Map<number, number>();
  for (let i = 0; i < model.layers.length; i++) {
    const L = model.layers[i];
    if (L.role === "route") continue;
    const blocks = stageTimes(model, c, plan, i, st);
    const floor = blocks * Math.max(st[S_LD], st[S_ST], st[S_XFER], L.role === "mvm" ? Math.max(bits * st[S_MVM], st[S_MERGE]) : 0);
    if (floor >= targetNs) return Infinity;
    const step = perMacro && L.role === "mvm" ? plan.macros[i] : 1;
    const need = (busyNs: number, units: number) => step * Math.max(1, Math.ceil((busyNs * units) / targetNs / step));
    if (L.role === "mvm") {
      const owner = plan.sharesWith[i] >= 0 ? plan.sharesWith[i] : i;
      banks.set(owner, Math.max(banks.get(owner) ?? 0, need(blocks * bits * st[S_ADC], plan.adc[i])));
      mw += need(blocks * bits * st[S_SA], plan.shiftAdd[i]) * c.alu.shiftAdd!.peakMw;
      mw += need(blocks * st[S_ADD], plan.add[i]) * c.alu.add!.peakMw;
      if (L.aluOp) mw += need(blocks * st[S_ALU], plan.act[i]) * c.alu[L.aluOp]!.peakMw;
    } else mw += need(blocks * st[S_ALU], plan.vec[i]) * c.alu[L.aluOp!]!.peakMw;
  }
  for (const n of banks.values()) mw += n * c.adc.peakMw;
  return mw;
}
