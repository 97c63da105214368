/**
 * Lower bounds of a design's dynamic energy per inference that hold whatever its duplication, macros,
 * allocation, sharing, layout or scratchpad size: each layer does at least its WO·HO pixels' work (blocks × dup ≥
 * WO·HO and ceil(x) ≥ x in every count of the pipeline model, src/cost/pipeline-model.ts), each unit of work at
 * the point's per-action energies; scratchpad traffic at the cheapest energy per bit of any scratchpad row; NoC
 * traffic at 0; no static energy. Pure.
 */
import type { ScratchpadRow } from "../hardware/components.ts";
import type { NetworkModel } from "../mapping/layer-model.ts";
import type { PointCosts } from "./point-costs.ts";

/** Cheapest scratchpad read and write energy per bit over the rows a design could pick. */
export interface ScratchpadPerBit {
  readPjPerBit: number;
  writePjPerBit: number;
}

export function cheapestScratchpadPerBit(rows: readonly ScratchpadRow[]): ScratchpadPerBit {
  let readPjPerBit = Infinity, writePjPerBit = Infinity;
  for (const r of rows) {
    readPjPerBit = Math.min(readPjPerBit, r.readEnergyPj / r.accessBits);
    writePjPerBit = Math.min(writePjPerBit, r.writeEnergyPj / r.accessBits);
  }
  return { readPjPerBit, writePjPerBit };
}

/**
 * The least dynamic energy (pJ) any design at this model's point (crossbar size, cell, DAC and ADC bits) spends on
 * one inference. `c`'s scratchpad row is not used: `spm` stands for every row.
 */
export function dynamicEnergyFloorPj(model: NetworkModel, c: PointCosts, spm: ScratchpadPerBit): number {
  const bits = model.bitIterations;
  const act = c.activationBits;
  let pj = 0;
  for (const L of model.layers) {
    if (L.role === "route") continue;
    const px = L.outPixels;
    pj += px * L.loadElemsPerPixel * act * spm.readPjPerBit + px * L.outChannels * act * spm.writePjPerBit;
    if (L.role === "mvm") {
      const conv = L.conversionsPerCopy;
      const sa = c.alu.shiftAdd!;
      const ad = c.alu.add!;
      pj +=
        px * bits * (L.set * c.crossbar.energyPj + L.dacRowsPerCopy * c.dac.energyPj + conv * (c.adc.energyPj + (c.sampleHold?.energyPj ?? 0)) + (conv / sa.vectorWidth) * sa.energyPj) +
        ((px * L.outChannels * L.rowTiles) / ad.vectorWidth) * ad.energyPj;
      if (L.aluOp) pj += ((px * L.aluElemsPerPixel) / c.alu[L.aluOp]!.vectorWidth) * c.alu[L.aluOp]!.energyPj;
    } else if (L.aluOp) {
      const u = c.alu[L.aluOp]!;
      pj += ((px * L.aluElemsPerPixel) / u.vectorWidth) * u.energyPj;
    }
  }
  return pj;
}

/** ADC conversions of one inference, at least: every crossbar layer's WO·HO pixels × bit iterations × its conversions. */
export function conversionsFloor(model: NetworkModel): number {
  let n = 0;
  for (const i of model.mvmLayers) n += model.layers[i].outPixels * model.bitIterations * model.layers[i].conversionsPerCopy;
  return n;
}

/**
 * A floor of one inference's latency from ADC throughput: all of its conversions happen within its latency, and
 * `adcs` ADCs (shared banks counted once) convert at most `adcs × rate` per ns. (In the pipeline model each layer
 * takes ≥ its conversions ÷ (its ADCs × rate), and max_i w_i/a_i ≥ Σw/Σa.)
 */
export function adcLatencyFloorNs(model: NetworkModel, c: PointCosts, adcs: number): number {
  return conversionsFloor(model) / (Math.max(1, adcs) * c.adc.rateGhz);
}
