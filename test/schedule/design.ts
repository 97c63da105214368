/**
 * Test helpers: an allocated design for a zoo network on the pimsyn-date24 preset (256×256 crossbars, 2-bit
 * cells, 1-bit DAC, 9-bit ADC), with units given in proportion to each layer's workload so that no single
 * component dominates: ADCs and shift-and-adds keep up with one crossbar read per bit iteration, adders and
 * activation/vector units with one block per bits × read. Self-contained so the schedule tests do not depend on
 * the synthesis stages.
 */
import { createRng } from "../../src/search/rng.ts";
import { buildNetworkModel, type DesignPoint, type NetworkModel } from "../../src/mapping/layer-model.ts";
import { layoutPlan } from "../../src/mapping/layout.ts";
import { emptyPlan, type Plan } from "../../src/mapping/plan.ts";
import { pointCosts, type PointCosts } from "../../src/cost/point-costs.ts";
import { loadPreset } from "../../src/hardware/preset.ts";
import { loadNetwork } from "../../src/network/load.ts";

export const POINT: DesignPoint = { crossbarSize: 256, cellBits: 2, dacBits: 1, adcBits: 9, weightBits: 16, activationBits: 16 };
export const CROSSBARS_PER_MACRO = 64;

export interface Design {
  model: NetworkModel;
  costs: PointCosts;
  plan: Plan;
}

export async function loadModel(name: string): Promise<{ model: NetworkModel; costs: PointCosts }> {
  const { network } = await loadNetwork(name);
  const model = buildNetworkModel(network, POINT);
  const costs = pointCosts(loadPreset("pimsyn-date24"), POINT, 64, 0);
  return { model, costs };
}

/** Deterministic generator for the random duplication vectors (the project's seeded RNG). */
export function mulberry32(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}

/** Conv layers (mvm layers with more than one output pixel): the ones duplication applies to. */
export function convLayers(model: NetworkModel): number[] {
  return model.mvmLayers.filter((i) => model.layers[i].outPixels > 1);
}

/**
 * The WO·HO-proportional seed (§6.2): conv layer i gets crossbars in proportion to WO_i·HO_i·set_i, so
 * dup_i = ceil(budget·P_i / Σ_j P_j·set_j), then one copy off each layer round-robin until within budget.
 */
export function proportionalDup(model: NetworkModel, budgetCrossbars: number): number[] {
  const dup = model.layers.map(() => 1);
  const conv = convLayers(model);
  const weighted = conv.reduce((s, i) => s + model.layers[i].outPixels * model.layers[i].set, 0);
  let used = 0;
  for (const i of conv) {
    const L = model.layers[i];
    dup[i] = Math.max(1, Math.min(L.outPixels, Math.ceil((budgetCrossbars * L.outPixels) / weighted)));
    used += dup[i] * L.set;
  }
  for (let k = 0; used > budgetCrossbars; k = (k + 1) % conv.length) {
    const i = conv[k];
    if (dup[i] > 1) {
      dup[i]--;
      used -= model.layers[i].set;
    }
  }
  return dup;
}

/** A random vector: each conv layer's copies uniform in [1, 2 × its seed copies]. */
export function randomDup(model: NetworkModel, seedDup: number[], rand: () => number): number[] {
  const dup = model.layers.map(() => 1);
  for (const i of convLayers(model)) dup[i] = 1 + Math.floor(rand() * 2 * seedDup[i]);
  return dup;
}

/** Crossbars for one copy of every conv layer, the unit the test budgets are expressed in. */
export function convSetSum(model: NetworkModel): number {
  return convLayers(model).reduce((s, i) => s + model.layers[i].set, 0);
}

/** Allocate macros and units for a duplication vector and place the macros (fills the hop counts). */
export function allocate(model: NetworkModel, costs: PointCosts, mvmDup: number[]): Plan {
  const n = model.layers.length;
  const plan = emptyPlan(n);
  const blocks = new Float64Array(n);
  const bits = model.bitIterations;
  const read = costs.readNs;
  const sa = costs.alu.shiftAdd!;
  const add = costs.alu.add!;
  for (const L of model.layers) {
    const i = L.index;
    if (L.role === "route") {
      blocks[i] = Math.max(1, ...L.producers.map((p) => (p >= 0 ? blocks[p] : 1)));
      continue;
    }
    if (L.role === "mvm") {
      const d = Math.max(1, Math.min(mvmDup[i], L.outPixels));
      plan.dup[i] = d;
      blocks[i] = Math.ceil(L.outPixels / d);
      plan.macros[i] = Math.max(1, Math.ceil((d * L.set) / CROSSBARS_PER_MACRO));
      const conversions = d * L.conversionsPerCopy;
      plan.adc[i] = Math.ceil(conversions / (costs.adc.rateGhz * read));
      plan.shiftAdd[i] = Math.ceil(conversions / sa.vectorWidth / (sa.rateGhz * read));
      plan.add[i] = Math.ceil((d * L.outChannels * L.rowTiles) / add.vectorWidth / (add.rateGhz * bits * read));
      if (L.aluOp) {
        const u = costs.alu[L.aluOp]!;
        plan.act[i] = Math.ceil((d * L.aluElemsPerPixel) / u.vectorWidth / (u.rateGhz * bits * read));
      }
    } else {
      // A vector layer takes as many blocks as its slowest producer emits (§6.3).
      let b = 1;
      for (const p of L.producers) if (p >= 0) b = Math.max(b, blocks[p]);
      b = Math.min(b, L.outPixels);
      blocks[i] = b;
      plan.dup[i] = Math.ceil(L.outPixels / b);
      const u = costs.alu[L.aluOp!]!;
      plan.vec[i] = Math.ceil((plan.dup[i] * L.aluElemsPerPixel) / u.vectorWidth / (u.rateGhz * bits * read));
    }
  }
  layoutPlan(model, plan);
  return plan;
}
