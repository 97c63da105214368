/**
 * Durations of the scheduling units: t_MVM for one output pixel on one crossbar copy, and the GPEU latency
 * of a set of a non-MVM layer. Every figure comes from the preset (style.md §2).
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { Preset } from "../../hardware/components.ts";
import { rateGhz } from "../../hardware/components.ts";
import { aluRow } from "../../hardware/preset.ts";
import { UserError } from "../../errors.ts";

export interface SetTiming {
  crossbarReadNs: number;
  bitIterations: number;
  /** One MVM round of one copy: every bit iteration of one input vector (one output pixel, all channels). */
  mvmRoundNs: number;
  /** Per layer: GPEU time per output pixel (0 for mvm and route layers). */
  gpeuNsPerPixel: Float64Array;
  /** When set, every GPEU set (vector and route layers) takes this long instead. */
  gpeuNsPerSet?: number;
}

/**
 * Vector layers run on one ALU of their op: elements / (vectorWidth × actions per ns). Route layers (concat,
 * slice, flatten, upsample) are address remaps in the shared feature-map buffer and take no time unless a
 * fixed per-set latency is given.
 */
export function setTiming(model: NetworkModel, preset: Preset, gpeuNsPerSet?: number): SetTiming {
  const readNs = preset.globals.crossbarReadNs;
  const gpeuNsPerPixel = new Float64Array(model.layers.length);
  if (gpeuNsPerSet === undefined) {
    for (const L of model.layers) {
      if (L.role !== "vector" || L.aluOp === undefined || L.aluElemsPerPixel === 0) continue;
      if (!preset.alu.some((r) => r.op === L.aluOp))
        throw new UserError(`preset ${preset.name} has no "${L.aluOp}" ALU row for layer "${L.name}"; pass a fixed --gpeu-ns`, {
          pointer: "--gpeu-ns",
        });
      const row = aluRow(preset, L.aluOp);
      gpeuNsPerPixel[L.index] = L.aluElemsPerPixel / (row.vectorWidth * rateGhz(row));
    }
  }
  return {
    crossbarReadNs: readNs,
    bitIterations: model.bitIterations,
    mvmRoundNs: model.bitIterations * readNs,
    gpeuNsPerPixel,
    gpeuNsPerSet,
  };
}

/** GPEU latency of a set of `pixels` output pixels of non-MVM layer `layer`. */
export function gpeuSetNs(t: SetTiming, layer: number, pixels: number): number {
  return t.gpeuNsPerSet ?? pixels * t.gpeuNsPerPixel[layer];
}
