/**
 * Stage 2 of CLSA-CIM: which producer sets each set waits for, from the receptive field of its pixels.
 *
 * For a set covering consumer pixels q0..q1 (row-major) and one producer, the needed producer pixels lie in the
 * rows [first row of q0's window, last row of q1's window]; within a single consumer row the columns are
 * narrowed the same way. Kernel, stride, padding and dilation enter through the layer's ReceptiveField;
 * upsampling is a stride of 1/scale; concat, slice, add, mul and activations are the identity (one producer
 * pixel per consumer pixel, per input); fc, flatten, global pooling, spp and reduceMean need the whole map.
 * The span is taken in row-major order up to the last producer pixel any pixel of the set needs (so the set
 * waits for the producer set holding it, as the block-level simulator does); in a multi-row window a producer
 * set holding only columns outside the window still counts: conservative, exact whenever producer sets are
 * whole rows.
 *
 * Route layers (concat, slice, flatten, upsample) are layers here too, with sets of their own; a consumer
 * behind a route therefore waits exactly for the producer rows the route forwards.
 */
import type { NetworkModel, ReceptiveField } from "../../mapping/layer-model.ts";
import { setRange, type LayerSets } from "./sets.ts";

/** Guards floor(y · 1/scale) against 2.9999999 for upsampling's fractional stride. */
const EPS = 1e-9;

const clamp = (v: number, hi: number): number => (v < 0 ? 0 : v > hi ? hi : v);

/** Inclusive producer pixel span [lo, hi] (row-major) that consumer pixels q0..q1 read. */
export function producerSpan(rf: ReceptiveField, outW: number, q0: number, q1: number, prod: { h: number; w: number }): [number, number] {
  if (rf.all) return [0, prod.h * prod.w - 1];
  const y0 = Math.floor(q0 / outW);
  const y1 = Math.floor(q1 / outW);
  const x0 = y0 === y1 ? q0 - y0 * outW : 0;
  const r0 = clamp(Math.floor(y0 * rf.sh - rf.padTop + EPS), prod.h - 1);
  const lastRow = (y: number) => clamp(Math.floor(y * rf.sh + (rf.kh - 1) * rf.dh - rf.padTop + EPS), prod.h - 1);
  const lastCol = (x: number) => clamp(Math.floor(x * rf.sw + (rf.kw - 1) * rf.dw - rf.padLeft + EPS), prod.w - 1);
  const c0 = clamp(Math.floor(x0 * rf.sw - rf.padLeft + EPS), prod.w - 1);
  const lo = r0 * prod.w + c0;
  // The last producer pixel (row-major) any pixel of the set needs: the set's last pixel's window end, or, when
  // the set also ends the previous output row and that row's window ends on the same producer row (upsampling),
  // that row's last window column. Windows' last rows do not decrease with the output row.
  let hi = lastRow(y1) * prod.w + lastCol(q1 - y1 * outW);
  if (y0 < y1) hi = Math.max(hi, lastRow(y1 - 1) * prod.w + lastCol(outW - 1));
  return lo <= hi ? [lo, hi] : [hi, lo];
}

/** One producer of a layer and, per consumer set, the inclusive range of producer sets it waits for. */
export interface SetDependencies {
  producer: number;
  /** [first, last] producer set per consumer set, flattened: first = ranges[2s], last = ranges[2s + 1]. */
  ranges: Int32Array;
}

/** Dependencies of every set of layer i on each producer layer (the network input needs no wait). */
export function layerDependencies(model: NetworkModel, sets: readonly LayerSets[], i: number): SetDependencies[] {
  const L = model.layers[i];
  const own = sets[i];
  const out: SetDependencies[] = [];
  L.producers.forEach((p, k) => {
    if (p < 0) return;
    const prodSets = sets[p].setPixels;
    const map = L.producerMaps[k];
    const ranges = new Int32Array(2 * own.count);
    for (let s = 0; s < own.count; s++) {
      const [q0, q1] = setRange(own, s);
      const [lo, hi] = producerSpan(L.rf, L.outW, q0, q1, map);
      ranges[2 * s] = Math.floor(lo / prodSets);
      ranges[2 * s + 1] = Math.floor(hi / prodSets);
    }
    out.push({ producer: p, ranges });
  });
  return out;
}

/** Σ over the layer's sets of the producer sets each depends on. */
export function dependencyCount(deps: readonly SetDependencies[]): number {
  let n = 0;
  for (const d of deps) for (let s = 0; s < d.ranges.length; s += 2) n += d.ranges[s + 1] - d.ranges[s] + 1;
  return n;
}
