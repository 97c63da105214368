/**
 * Tiny networks and hand-made round-number costs for golden schedules. With the design point below every IR
 * of these nets takes a round time (the arithmetic is in the comments of golden.test.ts and checked there
 * against stageTimes):
 *   transfer 10, load 10, MVM 100, ADC 50, shift-and-add 25, add 20, store 10 ns (2 bit iterations);
 *   pool 2×2 op 50 ns; eltwise op 10 ns.
 */
import { buildNetworkModel, type DesignPoint, type NetworkModel } from "../../src/mapping/layer-model.ts";
import { emptyPlan, type Plan } from "../../src/mapping/plan.ts";
import { type PointCosts, type UnitCost } from "../../src/cost/point-costs.ts";
import type { ScratchpadRow } from "../../src/hardware/components.ts";
import { resolveNetwork } from "../../src/network/resolve.ts";
import type { LayerSpec } from "../../src/network/types.ts";

/** 50×50 crossbars, 2-bit weights in 2-bit cells (one cell), 2-bit activations through a 1-bit DAC: 2 bit iterations. */
export const TINY_POINT: DesignPoint = { crossbarSize: 50, cellBits: 2, dacBits: 1, adcBits: 8, weightBits: 2, activationBits: 2 };

function unit(rateGhz: number, vectorWidth = 1): UnitCost {
  return { energyPj: 1, rateGhz, staticMw: 0, peakMw: 1, latencyNs: 1 / rateGhz, areaUm2: 0, vectorWidth };
}

const scratchpad: ScratchpadRow = {
  capacityKb: 64,
  accessBits: 4096, // every block of these nets fits in one access
  readLatencyNs: 10,
  writeLatencyNs: 10,
  readEnergyPj: 1,
  writeEnergyPj: 1,
  staticPowerMw: 0,
  dynamicPowerMw: 0,
  peakPowerMw: 0,
  latencyNs: 10,
  areaUm2: 0,
  source: "test",
};

export const TINY_COSTS: PointCosts = {
  crossbar: unit(0.01),
  adc: unit(1), // one conversion per ns per ADC
  dac: unit(1),
  alu: {
    shiftAdd: unit(0.04, 50), // 50 elements per 25 ns
    add: unit(0.05, 2), // 2 elements per 20 ns
    pool: unit(0.02, 8), // 8 elements per 50 ns
    relu: undefined,
    sigmoid: undefined,
    eltwise: unit(0.1, 2), // 2 elements per 10 ns
    mul: undefined,
  },
  scratchpad,
  readNs: 100,
  flitBits: 1024, // every transfer is one flit
  nocGhz: 0.1, // one flit over zero hops: 10 ns
  flitHopPj: 0,
  activationBits: 2,
};

/** A 3×3, pad-1 conv with 2 output channels (the shape every golden net uses). */
export function conv3(name: string, inputs?: string[]): LayerSpec {
  return { name, kind: "conv", outChannels: 2, kernel: [3, 3], pad: [1, 1, 1, 1], ...(inputs ? { inputs } : {}) };
}

export function tinyModel(name: string, layers: LayerSpec[], input: [number, number, number] = [1, 4, 4]): NetworkModel {
  const network = resolveNetwork({ schemaVersion: 1, name, input: { name: "input", shape: input }, layers });
  return buildNetworkModel(network, TINY_POINT);
}

/**
 * A plan giving every layer the units that make its IRs take the round times above: conversions per bit
 * are 50 per copy, so dup ADCs at 1 GHz take 50 ns and dup shift-and-adds (one 50-wide op per copy at 0.04 GHz)
 * 25 ns; outputs / 2 adders take 20 ns; dup vector units take one op per 50 ns (pool) or 10 ns (eltwise).
 */
export function tinyPlan(model: NetworkModel, dup: Record<string, number>): Plan {
  const plan = emptyPlan(model.layers.length);
  for (const L of model.layers) {
    const d = dup[L.name] ?? 1;
    plan.dup[L.index] = d;
    if (L.role === "mvm") {
      plan.adc[L.index] = (d * L.conversionsPerCopy) / 50;
      plan.shiftAdd[L.index] = (d * L.conversionsPerCopy) / 50;
      plan.add[L.index] = (d * L.outChannels * L.rowTiles) / 2;
    } else if (L.role === "vector") {
      plan.vec[L.index] = d;
    }
  }
  return plan;
}
