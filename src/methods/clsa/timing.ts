/**
 * Durations of the scheduling units: t_MVM for one output pixel on one crossbar copy, and the GPEU latency
 * of a set of a non-MVM layer. Every figure comes from the preset (style.md §2).
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { Preset } from "../../hardware/components.ts";
import { rateGhz } from "../../hardware/components.ts";
import { aluRow } from "../../hardware/preset.ts";
import { UserError } from "../../errors.ts";
import type { ArchSpec } from "../../hardware/arch.ts";
import type { Network } from "../../network/types.ts";
import { prepareMapping } from "../../cost/evaluate.ts";
import { pointCosts } from "../../cost/point-costs.ts";
import { S_DEPTH, S_INTERVAL, STAGE_VECTOR_LENGTH, stageTimes } from "../../cost/pipeline-model.ts";

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

/**
 * The timing of a synthesized design's own allocation (its ADCs, ALUs, scratchpads, NoC: the stage times of
 * src/cost/pipeline-model.ts `stageTimes`, the single source the analytic model and the simulator read). Used
 * when the copies are the design's mapping, so the scheduler, the simulator and the analytic model time the same
 * hardware. Per layer: a block (one pixel on every copy of a crossbar layer; `blockPixels` pixels of a vector
 * layer) occupies the layer for `roundNs` (its interval, the slowest stage) and its outputs are stored
 * `lagNs` = depth − interval after that (the rest of the block's pipeline). Shared ADC banks are not modelled.
 */
export interface DesignTiming {
  roundNs: Float64Array;
  lagNs: Float64Array;
  blockPixels: readonly number[];
}

export function designTiming(arch: ArchSpec, network: Network, preset: Preset, file?: string): DesignTiming {
  const prep = prepareMapping(arch, network, preset, file);
  const costs = pointCosts(preset, prep.model.point, prep.scratchpadKb, prep.flitHopPj);
  const n = prep.model.layers.length;
  const roundNs = new Float64Array(n);
  const lagNs = new Float64Array(n);
  const st = new Float64Array(STAGE_VECTOR_LENGTH);
  for (let i = 0; i < n; i++) {
    stageTimes(prep.model, costs, prep.plan, i, st);
    roundNs[i] = st[S_INTERVAL];
    lagNs[i] = Math.max(0, st[S_DEPTH] - st[S_INTERVAL]);
  }
  const blockPixels = prep.model.layers.map((L, i) => (L.role === "vector" ? Math.max(1, Math.min(prep.plan.dup[i], L.outPixels)) : 1));
  return { roundNs, lagNs, blockPixels };
}
