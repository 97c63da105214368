/**
 * The component figures of one design point (crossbar size, cell/DAC/ADC bits, scratchpad size), flattened
 * from the preset's rows for the hot scoring loop.
 */
import type { AluOp, Preset, ScratchpadRow } from "../hardware/components.ts";
import { actionEnergyPj, rateGhz } from "../hardware/components.ts";
import { adcRow, aluRow, crossbarRow, dacRow, scratchpadRow } from "../hardware/preset.ts";
import type { DesignPoint } from "../mapping/layer-model.ts";
import type { CostRow } from "./hardware.ts";

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
