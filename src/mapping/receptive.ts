/**
 * Which producer pixels a computation block needs (the inter-layer rule of §7.3, generalised).
 *
 * A producer writes its output map in row-major order, one block of `dup` pixels at a time, so "pixel n is
 * ready" means "every pixel ≤ n is ready". For a consumer block we therefore need two numbers per producer:
 * `hi`, the highest producer pixel any consumer pixel up to the block's last one needs (a prefix maximum: the
 * producer block holding it is the one to wait for), and `lo`, the lowest producer pixel any consumer pixel
 * from the block's first one on still needs (a suffix minimum: everything below can be released from the
 * buffer once the previous block is done with it). The reference's rule (square maps, the last pixel's window)
 * is the special case; this one handles non-square maps, strides, padding, dilation, upsampling (fractional
 * stride) and windows that do not grow monotonically with the pixel index.
 *
 * Route layers (concat, slice, flatten, upsample) do no work: their consumers' needs are mapped through them,
 * recursively, onto the real producers.
 */
import type { NetworkModel, ReceptiveField } from "./layer-model.ts";

export interface MapSize {
  h: number;
  w: number;
}

/** Guards floor(y · 1/scale) against 2.9999999 for upsampling's fractional stride. */
const EPS = 1e-9;

/**
 * Last / first real input index read by a window of `taps` taps `dilation` apart starting at `start` on an axis
 * of length n: taps in the padding are skipped (with dilation the last real tap can sit before n − 1). A window
 * entirely in the padding (possible with ceil-mode pools) is clamped to the nearest edge.
 */
function lastTap(start: number, taps: number, dilation: number, n: number): number {
  const end = start + (taps - 1) * dilation;
  if (end <= n - 1) return end < 0 ? 0 : end;
  if (start > n - 1) return n - 1;
  return start + Math.floor((n - 1 - start) / dilation) * dilation;
}
function firstTap(start: number, taps: number, dilation: number, n: number): number {
  if (start >= 0) return start > n - 1 ? n - 1 : start;
  const first = start + Math.ceil(-start / dilation) * dilation;
  const end = start + (taps - 1) * dilation;
  return first > end || first > n - 1 ? Math.min(Math.max(end, 0), n - 1) : first;
}

/** Window start on the input axis; fractional strides (upsampling) map output y to input ⌊y·s⌋. */
function origin(y: number, stride: number, pad: number): number {
  return Math.floor(y * stride + EPS) - pad;
}

function lastRow(rf: ReceptiveField, y: number, prod: MapSize): number {
  return lastTap(origin(y, rf.sh, rf.padTop), rf.kh, rf.dh, prod.h);
}
function lastCol(rf: ReceptiveField, x: number, prod: MapSize): number {
  return lastTap(origin(x, rf.sw, rf.padLeft), rf.kw, rf.dw, prod.w);
}
function firstRow(rf: ReceptiveField, y: number, prod: MapSize): number {
  return firstTap(origin(y, rf.sh, rf.padTop), rf.kh, rf.dh, prod.h);
}
function firstCol(rf: ReceptiveField, x: number, prod: MapSize): number {
  return firstTap(origin(x, rf.sw, rf.padLeft), rf.kw, rf.dw, prod.w);
}

/**
 * The window rule of one (consumer, producer) pair tabulated per output row and column, so the hot loops look
 * up a few small arrays (a few hundred entries, cache-resident) instead of redoing the arithmetic.
 */
export interface Window {
  /** The consumer needs the whole producer map for any pixel (fc, global pool, flatten). */
  all: boolean;
  outW: number;
  outH: number;
  prodW: number;
  prodH: number;
  /** Per output row / column: last input row / column read by it or any earlier one, and first read by it or
   * any later one. */
  hiRow: Int32Array;
  hiCol: Int32Array;
  loRow: Int32Array;
  loCol: Int32Array;
  /** Per input row r (0..prodH): first output row whose window ends at or below r (outH if none). */
  rowReach: Int32Array;
  /** Per input column c (0..prodW): first output column whose window ends at or right of c (outW if none). */
  colReach: Int32Array;
  /** windowHi of every output pixel, built on first use by hiPixelTable (the analytic model's hot loop). */
  hiPixel: Int32Array | undefined;
}

export function windowOf(rf: ReceptiveField, outW: number, outH: number, prod: MapSize): Window {
  const w: Window = {
    all: rf.all,
    outW,
    outH,
    prodW: prod.w,
    prodH: prod.h,
    hiRow: new Int32Array(outH),
    hiCol: new Int32Array(outW),
    loRow: new Int32Array(outH),
    loCol: new Int32Array(outW),
    rowReach: new Int32Array(prod.h + 1),
    colReach: new Int32Array(prod.w + 1),
    hiPixel: undefined,
  };
  // Running maxima of the window ends and running minima (from the far side) of the window starts: with
  // dilation a later window can end earlier (its last tap falls in the padding), and what a prefix of the output
  // needs is the maximum anyway.
  for (let y = 0; y < outH; y++) w.hiRow[y] = Math.max(lastRow(rf, y, prod), y > 0 ? w.hiRow[y - 1] : 0);
  for (let x = 0; x < outW; x++) w.hiCol[x] = Math.max(lastCol(rf, x, prod), x > 0 ? w.hiCol[x - 1] : 0);
  for (let y = outH - 1; y >= 0; y--) w.loRow[y] = Math.min(firstRow(rf, y, prod), y < outH - 1 ? w.loRow[y + 1] : prod.h);
  for (let x = outW - 1; x >= 0; x--) w.loCol[x] = Math.min(firstCol(rf, x, prod), x < outW - 1 ? w.loCol[x + 1] : prod.w);
  for (let r = 0, y = 0; r <= prod.h; r++) {
    while (y < outH && w.hiRow[y] < r) y++;
    w.rowReach[r] = y;
  }
  for (let c = 0, x = 0; c <= prod.w; c++) {
    while (x < outW && w.hiCol[x] < c) x++;
    w.colReach[c] = x;
  }
  return w;
}

/**
 * Highest producer pixel (row-major, 0-based) needed by consumer pixels 0..q. With the running maxima, the
 * maximum over the prefix is at q itself or at the end of the previous row (higher when two output rows read
 * the same last input row, e.g. at the bottom edge).
 */
export function windowHi(w: Window, q: number): number {
  if (w.all) return w.prodH * w.prodW - 1;
  const y = (q / w.outW) | 0; // pixel indices are < 2^31
  const own = w.hiRow[y] * w.prodW + w.hiCol[q - y * w.outW];
  if (y === 0) return own;
  const prev = w.hiRow[y - 1] * w.prodW + w.hiCol[w.outW - 1];
  return own > prev ? own : prev;
}

/** Maps up to this many output pixels get a windowHi table (4 bytes a pixel); larger ones compute it. */
const HI_TABLE_MAX_PIXELS = 1 << 20;

/**
 * windowHi for every output pixel as one array (one load instead of a division and six loads), or undefined
 * for `all` windows and maps beyond HI_TABLE_MAX_PIXELS. Built once per window.
 */
export function hiPixelTable(w: Window): Int32Array | undefined {
  if (w.hiPixel !== undefined || w.all) return w.hiPixel;
  const pixels = w.outW * w.outH;
  if (pixels > HI_TABLE_MAX_PIXELS) return undefined;
  const table = new Int32Array(pixels);
  for (let q = 0; q < pixels; q++) table[q] = windowHi(w, q);
  w.hiPixel = table;
  return table;
}

/** Lowest producer pixel needed by consumer pixels q..end (the mirror of windowHi). */
export function windowLo(w: Window, q: number): number {
  if (w.all) return 0;
  const y = (q / w.outW) | 0;
  const own = w.loRow[y] * w.prodW + w.loCol[q - y * w.outW];
  if (y >= w.outH - 1) return own;
  const next = w.loRow[y + 1] * w.prodW + w.loCol[0];
  return own < next ? own : next;
}

/** Smallest consumer pixel q with windowHi(q) ≥ pixel (outW·outH if none): the inverse of windowHi. */
export function windowFirstNeeding(w: Window, pixel: number): number {
  if (w.all || pixel <= 0) return 0;
  const r = (pixel / w.prodW) | 0;
  const y = w.rowReach[r];
  if (y >= w.outH) return w.outW * w.outH;
  if (w.hiRow[y] > r) return y * w.outW;
  const x = w.colReach[pixel - r * w.prodW];
  if (x < w.outW) return y * w.outW + x;
  // No pixel of a row whose window ends in input row r reaches that column: wait for the next input row.
  const y1 = w.rowReach[r + 1];
  return y1 >= w.outH ? w.outW * w.outH : y1 * w.outW;
}

const windowCache = new WeakMap<object, Window[][]>();
/** The last model asked for (the hot loop asks for the same one on every call; a WeakMap lookup costs more). */
let lastModel: NetworkModel | undefined;
let lastWindows: Window[][] = [];

/**
 * Per layer and producer index, the window tables. Memoised per network (the models of every design point
 * share them: the geometry depends neither on the point nor on the plan), and the analytic model's hot loop
 * reads these.
 */
export function modelWindows(model: NetworkModel): Window[][] {
  if (model === lastModel) return lastWindows;
  const key = model.network ?? model;
  let windows = windowCache.get(key);
  if (!windows) {
    windows = model.layers.map((L) => L.producers.map((_, k) => windowOf(L.rf, L.outW, outH(model, L.index), L.producerMaps[k])));
    windowCache.set(key, windows);
  }
  lastModel = model;
  lastWindows = windows;
  return windows;
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
    const w = windowOf(R.rf, R.outW, rH, R.producerMaps[k]);
    const hi2 = new Int32Array(hi.length);
    const lo2 = new Int32Array(lo.length);
    for (let b = 0; b < hi.length; b++) {
      hi2[b] = windowHi(w, hi[b]);
      lo2[b] = windowLo(w, lo[b]);
    }
    descend(model, consumer, pp, R.producerMaps[k], hi2, lo2, out);
  });
}

/**
 * The real producers of layer i (network input included, as layer −1) with, for each of its `blocks` blocks
 * of `dup` pixels, the producer pixels it needs.
 */
export function resolveSources(model: NetworkModel, i: number, blocks: number, dup: number): Source[] {
  const L = model.layers[i];
  const pixels = L.outPixels;
  const windows = modelWindows(model)[i];
  const out: Source[] = [];
  L.producers.forEach((p, k) => {
    const w = windows[k];
    const hi = new Int32Array(blocks);
    const lo = new Int32Array(blocks);
    for (let b = 0; b < blocks; b++) {
      const q0 = b * dup;
      hi[b] = windowHi(w, Math.min(pixels, q0 + dup) - 1);
      lo[b] = windowLo(w, q0);
    }
    descend(model, i, p, L.producerMaps[k], hi, lo, out);
  });
  return out;
}
