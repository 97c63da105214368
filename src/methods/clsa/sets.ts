/**
 * Stage 1 of CLSA-CIM: cut every layer's output map into sets, the unit the scheduler orders. A set is a run
 * of consecutive output pixels in row-major order; all sets of a layer hold `setPixels` pixels except perhaps
 * the last, so a pixel's set is `floor(pixel / setPixels)` with no lookup table.
 *
 * Granularities (the paper names the stage, not the cut; see docs/scheduling.md):
 *  - row: one OFM row (a vector layer's whole output when its map is 1×1);
 *  - block: the pixels the layer computes in one step: its `copies` for an mvm layer (one pixel per copy,
 *    one MVM round), `blockPixels` for the others (the mapping's pixels per block, else 1);
 *  - layer: the whole output map, the degenerate case that reproduces layer-by-layer scheduling.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { Granularity } from "./types.ts";

export interface LayerSets {
  pixels: number;
  setPixels: number;
  count: number;
}

export function setsOf(pixels: number, setPixels: number): LayerSets {
  const size = Math.max(1, Math.min(pixels, setPixels));
  return { pixels, setPixels: size, count: Math.max(1, Math.ceil(pixels / size)) };
}

/** Per layer of the model: its sets at this granularity, given its copies (mvm) or block size (others). */
export function buildSets(model: NetworkModel, granularity: Granularity, copies: readonly number[], blockPixels: readonly number[]): LayerSets[] {
  return model.layers.map((L, i) => {
    const pixels = Math.max(1, L.outPixels);
    switch (granularity) {
      case "row":
        return setsOf(pixels, L.outW);
      case "block":
        return setsOf(pixels, L.role === "mvm" ? copies[i] : blockPixels[i]);
      case "layer":
        return setsOf(pixels, pixels);
    }
  });
}

/** First and last pixel (inclusive) of set `s`. */
export function setRange(sets: LayerSets, s: number): [number, number] {
  const q0 = s * sets.setPixels;
  return [q0, Math.min(sets.pixels, q0 + sets.setPixels) - 1];
}
