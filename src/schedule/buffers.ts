/**
 * Buffer occupancy from a simulated schedule (§7.4 "buffer tracking"), used to size the scratchpad.
 *
 * For each layer, at every instant:
 * - input held = for each real producer, the pixels from the lowest one still needed by the oldest block whose
 *   computation has not finished (its last MVM bit, or its vector op) to the highest one needed by the newest
 *   block that has started fetching (a sliding receptive-field window, including what is carried over between
 *   blocks), × the producer's channels;
 * - output held = pixels the layer has stored that not every consumer has fetched yet (once a consumer block's
 *   first operation, its transfer or load, is done, the consumer has taken every pixel below the lowest one its
 *   next block needs), × the layer's channels.
 * The layer's occupancy is the peak over time of the sum. Events that add data are applied before events
 * that release data at the same instant, so the peak errs on the large side. The DAG has no back-pressure:
 * when a layer is slower than its producer, the data waiting for it piles up in its input window, and that is
 * what the occupancy reports (the scratchpad this schedule needs).
 */
import type { DataflowGraph } from "./compile.ts";

/** Per layer, per block: start and end of the first node (fetch), end of the consume slot, end of the last node. */
export interface BlockTimes {
  start: Float64Array[];
  fetchEnd: Float64Array[];
  consumeEnd: Float64Array[];
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
      streams[src.layer].push({ times: t.fetchEnd[c], releasedAfter });
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
  const start = t.start[i], consumeEnd = t.consumeEnd[i], done = t.done[i];
  const consumed = new Float64Array(consumers.length);
  const next = new Int32Array(consumers.length);
  let nStart = 0, nDone = 0, nUsed = 0;
  let produced = 0;
  let best = { input: 0, output: 0 };
  let bestSum = -1;
  const inputHeld = (): number => {
    if (nStart === 0 || nUsed >= B) return 0;
    let elems = 0;
    for (let s = s0; s < s1; s++) {
      const src = g.sources[s];
      const px = src.hi[nStart - 1] - src.lo[nUsed] + 1;
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
    // Next event: additions (block fetch, block stored) win ties over releases (own use, consumer fetches).
    let kind = -1, when = Infinity, which = -1;
    if (nStart < B && start[nStart] < when) { kind = 0; when = start[nStart]; }
    if (nDone < B && done[nDone] < when) { kind = 1; when = done[nDone]; }
    if (nUsed < B && consumeEnd[nUsed] < when) { kind = 2; when = consumeEnd[nUsed]; }
    for (let k = 0; k < consumers.length; k++) {
      const c = consumers[k];
      if (next[k] < c.times.length && c.times[next[k]] < when) { kind = 3; when = c.times[next[k]]; which = k; }
    }
    if (kind < 0) break;
    if (kind === 0) nStart++;
    else if (kind === 1) { nDone++; produced = Math.min(P, nDone * d); }
    else if (kind === 2) nUsed++;
    else { consumed[which] = consumers[which].releasedAfter[next[which]]; next[which]++; }
    const input = inputHeld();
    const output = outputHeld();
    if (input + output > bestSum) { bestSum = input + output; best = { input, output }; }
  }
  return best;
}
