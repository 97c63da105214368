/**
 * Which producer pixels a computation block needs (the inter-layer rule of §7.3, generalised).
 *
 * A producer writes its output map in row-major order, one block of `dup` pixels at a time, so "pixel n is
 * ready" means "every pixel ≤ n is ready". For a consumer block we therefore need two numbers per producer:
 * `hi`, the highest producer pixel any consumer pixel up to the block's last one needs (a prefix maximum: the
 * producer block holding it is the one to wait for), and `lo`, the lowest producer pixel any consumer pixel
 * from the block's first one on still needs (a suffix minimum: everything below can be released from the
 * buffer once the previous block is loaded). The reference's rule (square maps, the last pixel's window)
 * is the special case; this one handles non-square maps, strides, padding, dilation, upsampling (fractional
 * stride) and windows that do not grow monotonically with the pixel index.
 *
 * Route layers (concat, slice, flatten, upsample) do no work: their consumers' needs are mapped through them,
 * recursively, onto the real producers.
 */
import type { NetworkModel, ReceptiveField } from "../cost/layer-model.ts";

export interface MapSize {
  h: number;
  w: number;
}

/** Guards floor(y · 1/scale) against 2.9999999 for upsampling's fractional stride. */
const EPS = 1e-9;

function clamp(v: number, hi: number): number {
  return v < 0 ? 0 : v > hi ? hi : v;
}

function lastRow(rf: ReceptiveField, y: number, prod: MapSize): number {
  return clamp(Math.floor(y * rf.sh + (rf.kh - 1) * rf.dh - rf.padTop + EPS), prod.h - 1);
}
function lastCol(rf: ReceptiveField, x: number, prod: MapSize): number {
  return clamp(Math.floor(x * rf.sw + (rf.kw - 1) * rf.dw - rf.padLeft + EPS), prod.w - 1);
}
function firstRow(rf: ReceptiveField, y: number, prod: MapSize): number {
  return clamp(Math.floor(y * rf.sh - rf.padTop + EPS), prod.h - 1);
}
function firstCol(rf: ReceptiveField, x: number, prod: MapSize): number {
  return clamp(Math.floor(x * rf.sw - rf.padLeft + EPS), prod.w - 1);
}

/**
 * Highest producer pixel (row-major, 0-based) needed by consumer pixels 0..q of an `outW`-wide map.
 * Within a row the need grows with x and row ends grow with y, so the maximum is at q or at the end of the
 * previous row (which can be higher when two output rows read the same last input row).
 */
export function needHi(rf: ReceptiveField, outW: number, q: number, prod: MapSize): number {
  if (rf.all) return prod.h * prod.w - 1;
  const y = Math.floor(q / outW);
  const x = q - y * outW;
  const own = lastRow(rf, y, prod) * prod.w + lastCol(rf, x, prod);
  if (y === 0) return own;
  const prevRowEnd = lastRow(rf, y - 1, prod) * prod.w + lastCol(rf, outW - 1, prod);
  return own > prevRowEnd ? own : prevRowEnd;
}

/** Lowest producer pixel needed by consumer pixels q..end of an `outW` × `outH` map (mirror of needHi). */
export function needLo(rf: ReceptiveField, outW: number, outH: number, q: number, prod: MapSize): number {
  if (rf.all) return 0;
  const y = Math.floor(q / outW);
  const x = q - y * outW;
  const own = firstRow(rf, y, prod) * prod.w + firstCol(rf, x, prod);
  if (y >= outH - 1) return own;
  const nextRowStart = firstRow(rf, y + 1, prod) * prod.w + firstCol(rf, 0, prod);
  return own < nextRowStart ? own : nextRowStart;
}

/** Smallest y in [0, outH) with lastRow(y) ≥ r (outH if none). Closed form, then a ±1 fix for rounding. */
function firstRowReaching(rf: ReceptiveField, r: number, outH: number, prod: MapSize): number {
  if (r <= 0) return 0;
  if (r > prod.h - 1) return outH;
  let y = Math.max(0, Math.ceil((r - (rf.kh - 1) * rf.dh + rf.padTop - EPS) / rf.sh));
  while (y > 0 && lastRow(rf, y - 1, prod) >= r) y--;
  while (y < outH && lastRow(rf, y, prod) < r) y++;
  return y;
}

function firstColReaching(rf: ReceptiveField, c: number, outW: number, prod: MapSize): number {
  if (c <= 0) return 0;
  if (c > prod.w - 1) return outW;
  let x = Math.max(0, Math.ceil((c - (rf.kw - 1) * rf.dw + rf.padLeft - EPS) / rf.sw));
  while (x > 0 && lastCol(rf, x - 1, prod) >= c) x--;
  while (x < outW && lastCol(rf, x, prod) < c) x++;
  return x;
}

/**
 * Smallest consumer pixel q with needHi(q) ≥ `pixel` (outW·outH if none): the first consumer pixel that has to
 * wait for producer pixel `pixel`. O(1): the inverse of needHi.
 */
export function firstPixelNeeding(rf: ReceptiveField, outW: number, outH: number, pixel: number, prod: MapSize): number {
  if (rf.all || pixel <= 0) return 0;
  const r = Math.floor(pixel / prod.w);
  const c = pixel - r * prod.w;
  const y = firstRowReaching(rf, r, outH, prod);
  if (y >= outH) return outW * outH;
  if (lastRow(rf, y, prod) > r) return y * outW;
  const x = firstColReaching(rf, c, outW, prod);
  if (x < outW) return y * outW + x;
  // No pixel of a row whose window ends in input row r reaches column c: wait for the next input row.
  const y1 = firstRowReaching(rf, r + 1, outH, prod);
  return y1 >= outH ? outW * outH : y1 * outW;
}

/** needHi and firstPixelNeeding tabulated for one (consumer, producer) pair of a model. */
export interface NeedTable {
  /** Per consumer pixel q: needHi(q). */
  hi: Int32Array;
  /** Per producer pixel n: firstPixelNeeding(n). */
  first: Int32Array;
}

/** Beyond this many entries per model the tables are not built (callers compute instead). */
const MAX_TABLE_ENTRIES = 1 << 24;
const tableCache = new WeakMap<NetworkModel, (NeedTable | undefined)[][]>();

/**
 * Per layer and producer index, the need tables (undefined for route layers, the network input, or models too
 * large to tabulate). Memoised per model: the receptive-field geometry does not depend on the plan, and the
 * analytic model's hot loop looks these up instead of recomputing them.
 */
export function needTables(model: NetworkModel): (NeedTable | undefined)[][] {
  const cached = tableCache.get(model);
  if (cached) return cached;
  let entries = 0;
  for (const L of model.layers) {
    if (L.role === "route") continue;
    L.producers.forEach((p, k) => {
      if (p >= 0 && model.layers[p].role !== "route") entries += L.outPixels + L.producerMaps[k].h * L.producerMaps[k].w;
    });
  }
  const tables = model.layers.map((L) =>
    L.producers.map((p, k): NeedTable | undefined => {
      if (entries > MAX_TABLE_ENTRIES || L.role === "route" || p < 0 || model.layers[p].role === "route") return undefined;
      const map = L.producerMaps[k];
      const hi = new Int32Array(L.outPixels);
      for (let q = 0; q < hi.length; q++) hi[q] = needHi(L.rf, L.outW, q, map);
      // hi is non-decreasing, so its inverse is a two-pointer sweep.
      const first = new Int32Array(map.h * map.w);
      for (let n = 0, q = 0; n < first.length; n++) {
        while (q < hi.length && hi[q] < n) q++;
        first[n] = q;
      }
      return { hi, first };
    }),
  );
  tableCache.set(model, tables);
  return tables;
}

/** One real producer of a layer (route layers resolved), with per-consumer-block pixel bounds. */
export interface Source {
  /** Producer layer index, or −1 for the network input. */
  layer: number;
  /** Channels of the producer's map (elements per pixel held in a buffer). */
  channels: number;
  map: MapSize;
  /** Per consumer block: highest / lowest producer pixel needed (see the module comment). */
  hi: Int32Array;
  lo: Int32Array;
}

/**
 * Channels of the network input as seen by its consumer `i` (NetworkModel carries no input shape): a conv
 * row is kh·kw·CI, an fc row the flattened input, a vector layer loads C·window per pixel.
 */
function inputChannels(model: NetworkModel, i: number, map: MapSize): number {
  const L = model.layers[i];
  if (L.role === "mvm") {
    const rows = L.inputsPerCopy;
    return Math.max(1, Math.round(L.rf.all ? rows / (map.h * map.w) : rows / (L.rf.kh * L.rf.kw)));
  }
  if (L.role === "vector") {
    const window = L.rf.all ? map.h * map.w : L.rf.kh * L.rf.kw;
    return Math.max(1, Math.round((L.loadElemsPerPixel * (L.rf.all ? L.outPixels : 1)) / window));
  }
  return 1;
}

function outH(model: NetworkModel, i: number): number {
  const L = model.layers[i];
  return Math.max(1, Math.round(L.outPixels / L.outW));
}

/** Map bounds in route layer r's output onto its k-th input and keep descending to real layers. */
function descend(model: NetworkModel, consumer: number, p: number, map: MapSize, hi: Int32Array, lo: Int32Array, out: Source[]): void {
  if (p < 0 || model.layers[p].role !== "route") {
    const channels = p < 0 ? inputChannels(model, consumer, map) : model.layers[p].outChannels;
    out.push({ layer: p, channels, map, hi, lo });
    return;
  }
  const R = model.layers[p];
  const rH = outH(model, p);
  R.producers.forEach((pp, k) => {
    const pm = R.producerMaps[k];
    const hi2 = new Int32Array(hi.length);
    const lo2 = new Int32Array(lo.length);
    for (let b = 0; b < hi.length; b++) {
      hi2[b] = needHi(R.rf, R.outW, hi[b], pm);
      lo2[b] = needLo(R.rf, R.outW, rH, lo[b], pm);
    }
    descend(model, consumer, pp, pm, hi2, lo2, out);
  });
}

/**
 * The real producers of layer i (network input included, as layer −1) with, for each of its `blocks` blocks
 * of `dup` pixels, the producer pixels it needs.
 */
export function resolveSources(model: NetworkModel, i: number, blocks: number, dup: number): Source[] {
  const L = model.layers[i];
  const h = outH(model, i);
  const pixels = L.outPixels;
  const out: Source[] = [];
  L.producers.forEach((p, k) => {
    const pm = L.producerMaps[k];
    const hi = new Int32Array(blocks);
    const lo = new Int32Array(blocks);
    for (let b = 0; b < blocks; b++) {
      const q0 = b * dup;
      const q1 = Math.min(pixels, q0 + dup) - 1;
      hi[b] = needHi(L.rf, L.outW, q1, pm);
      lo[b] = needLo(L.rf, L.outW, h, q0, pm);
    }
    descend(model, i, p, pm, hi, lo, out);
  });
  return out;
}
