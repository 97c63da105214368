/**
 * Buffer occupancy from a simulated schedule (§7.4 "buffer tracking"), used to size the scratchpad.
 *
 * For each layer, at every instant:
 * - input held = for each real producer, the pixels from the lowest one the oldest not-yet-loaded block
 *   still needs to the highest one the newest started block needs (a sliding receptive-field window,
 *   including the part carried over between blocks), × the producer's channels;
 * - output held = pixels the layer has stored that not every consumer has loaded yet (a consumer has done
 *   with every pixel below the lowest one its next block needs), × the layer's channels.
 * The layer's occupancy is the peak over time of the sum. Events that add data are applied before events
 * that release data at the same instant, so the peak errs on the large side.
 */
import type { DataflowGraph } from "./compile.ts";

/** Per layer, per block: start of the first node, end of the load, end of the last node. */
export interface BlockTimes {
  start: Float64Array[];
  loadEnd: Float64Array[];
  done: Float64Array[];
}

export interface BufferOccupancy {
  /** Per layer: peak of input + output held (bytes), and the two parts at that peak. */
  bytes: Float64Array;
  inputBytes: Float64Array;
  outputBytes: Float64Array;
  /** max over layers of bytes / the layer's macros. */
  bytesPerMacro: number;
  /** bytesPerMacro in KB rounded up to a power of two (at least 1). */
  kbNeeded: number;
}

interface ConsumerStream {
  times: Float64Array;
  /** Per consumer block: producer pixels released once it is loaded. */
  releasedAfter: Int32Array;
}

/** A power of two ≥ kb, at least 1. */
export function powerOfTwoKb(bytes: number): number {
  const kb = bytes / 1024;
  let p = 1;
  while (p < kb) p *= 2;
  return p;
}

export function bufferOccupancy(g: DataflowGraph, t: BlockTimes): BufferOccupancy {
  const n = g.layerCount;
  const bytesPerElement = g.activationBits / 8;
  const streams: ConsumerStream[][] = Array.from({ length: n }, () => []);
  for (let c = 0; c < n; c++) {
    const B = g.blocks[c];
    for (let s = g.sourceBase[c]; s < g.sourceBase[c + 1]; s++) {
      const src = g.sources[s];
      if (src.layer < 0 || g.blocks[src.layer] === 0) continue;
      const releasedAfter = new Int32Array(B);
      for (let b = 0; b < B; b++) releasedAfter[b] = b + 1 < B ? src.lo[b + 1] : g.outPixels[src.layer];
      streams[src.layer].push({ times: t.loadEnd[c], releasedAfter });
    }
  }
  const res: BufferOccupancy = {
    bytes: new Float64Array(n),
    inputBytes: new Float64Array(n),
    outputBytes: new Float64Array(n),
    bytesPerMacro: 0,
    kbNeeded: 1,
  };
  for (let i = 0; i < n; i++) {
    const B = g.blocks[i];
    if (B === 0) continue;
    const peak = layerPeak(g, i, t, streams[i]);
    res.bytes[i] = (peak.input + peak.output) * bytesPerElement;
    res.inputBytes[i] = peak.input * bytesPerElement;
    res.outputBytes[i] = peak.output * bytesPerElement;
    const perMacro = res.bytes[i] / Math.max(1, g.macroNum[i]);
    if (perMacro > res.bytesPerMacro) res.bytesPerMacro = perMacro;
  }
  res.kbNeeded = powerOfTwoKb(res.bytesPerMacro);
  return res;
}

/** Sweep the layer's events in time order; returns the element counts at the peak of their sum. */
function layerPeak(g: DataflowGraph, i: number, t: BlockTimes, consumers: ConsumerStream[]): { input: number; output: number } {
  const B = g.blocks[i];
  const d = g.dup[i];
  const P = g.outPixels[i];
  const CO = g.outChannels[i];
  const s0 = g.sourceBase[i], s1 = g.sourceBase[i + 1];
  const start = t.start[i], loadEnd = t.loadEnd[i], done = t.done[i];
  const consumed = new Float64Array(consumers.length);
  const next = new Int32Array(consumers.length);
  let nStart = 0, nDone = 0, nLoad = 0;
  let produced = 0;
  let best = { input: 0, output: 0 };
  let bestSum = -1;
  const inputHeld = (): number => {
    if (nStart === 0 || nLoad >= B) return 0;
    let elems = 0;
    for (let s = s0; s < s1; s++) {
      const src = g.sources[s];
      const px = src.hi[nStart - 1] - src.lo[nLoad] + 1;
      if (px > 0) elems += px * src.channels;
    }
    return elems;
  };
  const outputHeld = (): number => {
    let low = consumers.length ? Infinity : 0;
    for (let k = 0; k < consumed.length; k++) if (consumed[k] < low) low = consumed[k];
    return produced > low ? (produced - low) * CO : 0;
  };
  for (;;) {
    // Next event: additions (block start, block stored) win ties over releases (own load, consumer loads).
    let kind = -1, when = Infinity, which = -1;
    if (nStart < B && start[nStart] < when) { kind = 0; when = start[nStart]; }
    if (nDone < B && done[nDone] < when) { kind = 1; when = done[nDone]; }
    if (nLoad < B && loadEnd[nLoad] < when) { kind = 2; when = loadEnd[nLoad]; }
    for (let k = 0; k < consumers.length; k++) {
      const c = consumers[k];
      if (next[k] < c.times.length && c.times[next[k]] < when) { kind = 3; when = c.times[next[k]]; which = k; }
    }
    if (kind < 0) break;
    if (kind === 0) nStart++;
    else if (kind === 1) { nDone++; produced = Math.min(P, nDone * d); }
    else if (kind === 2) nLoad++;
    else { consumed[which] = consumers[which].releasedAfter[next[which]]; next[which]++; }
    const input = inputHeld();
    const output = outputHeld();
    if (input + output > bestSum) { bestSum = input + output; best = { input, output }; }
  }
  return best;
}
