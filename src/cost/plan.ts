/**
 * A plan is the mapping in numeric form, struct-of-arrays indexed like NetworkModel.layers, so the hot
 * scoring loop touches only typed arrays. Synthesis stages fill one directly; `evaluate` builds one from an
 * arch.json mapping.
 */
import type { AluOp, Preset, ScratchpadRow } from "../hardware/components.ts";
import { actionEnergyPj, rateGhz } from "../hardware/components.ts";
import { adcRow, aluRow, crossbarRow, dacRow, scratchpadRow } from "../hardware/preset.ts";
import type { DesignPoint } from "./layer-model.ts";
import type { CostRow } from "./hardware.ts";

export interface Plan {
  /** Weight copies (mvm) or output pixels per block (vector layers); 1 for route layers. */
  dup: Int32Array;
  /** Macros the layer spans (vector layers: 1, on a producer's merge macro). */
  macros: Int32Array;
  /** Units available to the layer: ADCs, shift-and-adds, adders, its activation unit, its vector op unit. */
  adc: Float64Array;
  shiftAdd: Float64Array;
  add: Float64Array;
  act: Float64Array;
  vec: Float64Array;
  /** NoC hops from the producers' merge macros to this layer's farthest macro, and to gather at its merge macro. */
  hopsIn: Float64Array;
  hopsMerge: Float64Array;
  /** Index of the earlier layer whose ADC bank this layer shares, or −1. */
  sharesWith: Int32Array;
}

export function emptyPlan(layerCount: number): Plan {
  return {
    dup: new Int32Array(layerCount).fill(1),
    macros: new Int32Array(layerCount).fill(1),
    adc: new Float64Array(layerCount),
    shiftAdd: new Float64Array(layerCount),
    add: new Float64Array(layerCount),
    act: new Float64Array(layerCount),
    vec: new Float64Array(layerCount),
    hopsIn: new Float64Array(layerCount),
    hopsMerge: new Float64Array(layerCount),
    sharesWith: new Int32Array(layerCount).fill(-1),
  };
}

export function clonePlan(p: Plan): Plan {
  return {
    dup: p.dup.slice(),
    macros: p.macros.slice(),
    adc: p.adc.slice(),
    shiftAdd: p.shiftAdd.slice(),
    add: p.add.slice(),
    act: p.act.slice(),
    vec: p.vec.slice(),
    hopsIn: p.hopsIn.slice(),
    hopsMerge: p.hopsMerge.slice(),
    sharesWith: p.sharesWith.slice(),
  };
}

/** One component's figures flattened for the hot loop. */
export interface UnitCost {
  energyPj: number;
  rateGhz: number;
  staticMw: number;
  peakMw: number;
  latencyNs: number;
  areaUm2: number;
  vectorWidth: number;
}

function unit(row: CostRow & { vectorWidth?: number }): UnitCost {
  return {
    energyPj: actionEnergyPj(row),
    rateGhz: rateGhz(row),
    staticMw: row.staticPowerMw,
    peakMw: row.peakPowerMw,
    latencyNs: row.latencyNs,
    areaUm2: row.areaUm2,
    vectorWidth: row.vectorWidth ?? 1,
  };
}

const ALU_OPS: AluOp[] = ["shiftAdd", "add", "pool", "relu", "sigmoid", "eltwise", "mul"];

/** Component figures of one design point (crossbar size, cell/DAC/ADC bits, scratchpad size). */
export interface PointCosts {
  crossbar: UnitCost;
  adc: UnitCost;
  dac: UnitCost;
  sampleHold?: UnitCost;
  alu: Record<AluOp, UnitCost | undefined>;
  scratchpad: ScratchpadRow;
  readNs: number;
  flitBits: number;
  nocGhz: number;
  /** Dynamic energy of one flit over one hop (0 when the NoC is costed as a constant power). */
  flitHopPj: number;
  activationBits: number;
}

export function pointCosts(preset: Preset, point: DesignPoint, scratchpadKb: number, flitHopPj: number): PointCosts {
  const alu = Object.fromEntries(
    ALU_OPS.map((op) => {
      const row = preset.alu.find((r) => r.op === op);
      return [op, row ? unit(aluRow(preset, op)) : undefined];
    }),
  ) as Record<AluOp, UnitCost | undefined>;
  return {
    crossbar: unit(crossbarRow(preset, point.crossbarSize, point.cellBits)),
    adc: unit(adcRow(preset, point.adcBits)),
    dac: unit(dacRow(preset, point.dacBits)),
    sampleHold: preset.sampleHold[0] ? unit(preset.sampleHold[0]) : undefined,
    alu,
    scratchpad: scratchpadRow(preset, scratchpadKb),
    readNs: preset.globals.crossbarReadNs,
    flitBits: preset.globals.flitBits,
    nocGhz: preset.globals.nocClockGhz,
    flitHopPj,
    activationBits: point.activationBits,
  };
}
