/**
 * Block-level list scheduling of the IR DAG (§7.4): every node starts as soon as all its parents have ended
 * and its operation unit is free. Without ADC sharing every unit's nodes form a chain in the DAG (the
 * inter-bit and inter-block edges), so the schedule is the DAG's as-soon-as-possible schedule (its longest
 * paths) and is computed with per-layer flow-shop recurrences in topological order: O(nodes), no heap, and
 * O(blocks) memory. A shared ADC bank is the one resource whose order the DAG leaves open: the earlier layer
 * keeps its schedule and a later layer's ADC conversions go into the earliest idle gap of the bank that fits
 * them (a fixed-priority list schedule), so the two never overlap.
 */
import type { NetworkModel } from "../mapping/layer-model.ts";
import type { Plan } from "../mapping/plan.ts";
import type { PointCosts } from "../cost/point-costs.ts";
import { bufferOccupancy, type BlockTimes } from "./buffers.ts";
import { compileDataflow, type DataflowGraph, U_ADC, UNIT_COUNT, UNIT_NAMES } from "./compile.ts";

export interface TraceOptions {
  /** Per-block (layer, block, start, end) events to keep, in layer order (default 0). */
  maxBlockEvents?: number;
  /** Activity intervals kept per layer (default 1000). */
  maxIntervalsPerLayer?: number;
}

export interface SimOptions {
  /** Record per-layer activity intervals (and optionally per-block events). */
  trace?: boolean | TraceOptions;
  /** Record every node's start and end (16 bytes per node: small graphs and tests only). */
  nodeTimes?: boolean;
  /** Track buffer occupancy (default true; the scratchpad fields are 0 when off). */
  buffers?: boolean;
}

export interface LayerTimeline {
  layer: number;
  name: string;
  /** Start of the layer's first node and end of its last. */
  startNs: number;
  endNs: number;
  firstDoneNs: number;
  lastDoneNs: number;
}

export interface SimTrace {
  /** Per layer: merged intervals during which at least one of its blocks is in flight, [start, end] pairs. */
  intervals: Float64Array[];
  blockEvents: { layer: number; block: number; startNs: number; endNs: number }[];
  truncated: boolean;
}

export interface SimResult {
  latencyNs: number;
  /** Steady-state period estimate: busy time per inference of the busiest unit (or shared ADC bank). */
  periodNs: number;
  /** Which unit sets the period. */
  periodBound: { layer: string; unit: string };
  nodeCount: number;
  /** Per layer (route layers: their producers' times). */
  startNs: Float64Array;
  firstDoneNs: Float64Array;
  lastDoneNs: Float64Array;
  /** Per layer × UNIT_NAMES: busy time per inference. */
  busyNs: Float64Array;
  timeline: LayerTimeline[];
  /** Per layer: peak input + output buffer occupancy (bytes) and its two parts at that peak. */
  bufferBytes: Float64Array;
  inputBufferBytes: Float64Array;
  outputBufferBytes: Float64Array;
  scratchpadBytesPerMacro: number;
  scratchpadKbNeeded: number;
  trace?: SimTrace;
  nodeStartNs?: Float64Array;
  nodeEndNs?: Float64Array;
}

/** Busy intervals of one ADC bank, sorted and disjoint. */
interface Bank {
  s: number[];
  e: number[];
}

function mergeIntervals(a: Bank, b: Bank): Bank {
  const out: Bank = { s: [], e: [] };
  let i = 0, j = 0;
  while (i < a.s.length || j < b.s.length) {
    const fromA = j >= b.s.length || (i < a.s.length && a.s[i] <= b.s[j]);
    const s = fromA ? a.s[i] : b.s[j];
    const e = fromA ? a.e[i++] : b.e[j++];
    const last = out.s.length - 1;
    if (last >= 0 && s <= out.e[last]) {
      if (e > out.e[last]) out.e[last] = e;
    } else {
      out.s.push(s);
      out.e.push(e);
    }
  }
  return out;
}

interface Context {
  g: DataflowGraph;
  times: BlockTimes;
  banks: Map<number, Bank>;
  bankMembers: Int32Array;
  nodeStart?: Float64Array;
  nodeEnd?: Float64Array;
}

/** Schedule every block of layer i (its producers are already scheduled). */
function scheduleLayer(ctx: Context, i: number): void {
  const g = ctx.g;
  const B = g.blocks[i];
  const T = g.slotCount[i];
  const sb = g.slotBase[i];
  const { slotPred, slotUnit, slotDurNs } = g;
  const unitFree = new Float64Array(UNIT_COUNT);
  const endLocal = new Float64Array(T);
  const start = new Float64Array(B), fetchEnd = new Float64Array(B), consumeEnd = new Float64Array(B), done = new Float64Array(B);
  const consumeSlot = g.consumeSlot[i];
  const s0 = g.sourceBase[i], s1 = g.sourceBase[i + 1];
  const srcDone: Float64Array[] = [], srcHi: Int32Array[] = [], srcDup: number[] = [];
  for (let s = s0; s < s1; s++) {
    const p = g.sources[s].layer;
    if (p < 0 || g.blocks[p] === 0) continue;
    srcDone.push(ctx.times.done[p]);
    srcHi.push(g.sources[s].hi);
    srcDup.push(g.dup[p]);
  }
  const bankId = g.adcBank[i];
  const shared = bankId >= 0 && ctx.bankMembers[bankId] > 1;
  const old: Bank = shared ? (ctx.banks.get(bankId) ?? { s: [], e: [] }) : { s: [], e: [] };
  const mine: Bank = { s: [], e: [] };
  let cursor = 0;
  /** Earliest t ≥ ready with [t, t + dur) clear of the bank's earlier reservations. */
  const fit = (ready: number, dur: number): number => {
    let t = ready;
    const S = old.s, E = old.e;
    while (cursor < S.length && E[cursor] <= t) cursor++;
    while (cursor < S.length && S[cursor] < t + dur) {
      if (E[cursor] > t) t = E[cursor];
      cursor++;
      while (cursor < S.length && E[cursor] <= t) cursor++;
    }
    return t;
  };
  const nodeStart = ctx.nodeStart, nodeEnd = ctx.nodeEnd;
  let id = g.nodeBase[i];
  for (let b = 0; b < B; b++) {
    let ready = 0;
    for (let k = 0; k < srcDone.length; k++) {
      const t = srcDone[k][Math.floor(srcHi[k][b] / srcDup[k])];
      if (t > ready) ready = t;
    }
    for (let k = 0; k < T; k++) {
      const at = sb + k;
      const pred = slotPred[at];
      const r = k === 0 ? ready : pred >= 0 ? endLocal[pred] : 0;
      const u = slotUnit[at];
      const dur = slotDurNs[at];
      let st = r > unitFree[u] ? r : unitFree[u];
      if (shared && u === U_ADC) {
        st = fit(st, dur);
        const last = mine.s.length - 1;
        if (last >= 0 && st <= mine.e[last]) mine.e[last] = st + dur;
        else { mine.s.push(st); mine.e.push(st + dur); }
      }
      const e = st + dur;
      endLocal[k] = e;
      unitFree[u] = e;
      if (k === 0) start[b] = st;
      if (nodeStart) { nodeStart[id] = st; nodeEnd![id] = e; id++; }
    }
    fetchEnd[b] = endLocal[0];
    consumeEnd[b] = endLocal[consumeSlot];
    done[b] = endLocal[T - 1];
  }
  if (shared) ctx.banks.set(bankId, mergeIntervals(old, mine));
  ctx.times.start[i] = start;
  ctx.times.fetchEnd[i] = fetchEnd;
  ctx.times.consumeEnd[i] = consumeEnd;
  ctx.times.done[i] = done;
}

function traceOf(g: DataflowGraph, times: BlockTimes, opts: TraceOptions): SimTrace {
  const maxEvents = opts.maxBlockEvents ?? 0;
  const maxIntervals = opts.maxIntervalsPerLayer ?? 1000;
  const trace: SimTrace = { intervals: [], blockEvents: [], truncated: false };
  for (let i = 0; i < g.layerCount; i++) {
    const B = g.blocks[i];
    const list: number[] = [];
    for (let b = 0; b < B; b++) {
      const s = times.start[i][b], e = times.done[i][b];
      if (list.length && s <= list[list.length - 1]) {
        if (e > list[list.length - 1]) list[list.length - 1] = e;
      } else if (list.length / 2 < maxIntervals) list.push(s, e);
      else { trace.truncated = true; list[list.length - 1] = Math.max(list[list.length - 1], e); }
      if (trace.blockEvents.length < maxEvents) trace.blockEvents.push({ layer: i, block: b, startNs: s, endNs: e });
      else if (maxEvents > 0) trace.truncated = true;
    }
    trace.intervals.push(Float64Array.from(list));
  }
  return trace;
}

function noBuffers(n: number): ReturnType<typeof bufferOccupancy> {
  const zero = new Float64Array(n);
  return { bytes: zero, inputBytes: zero, outputBytes: zero, bytesPerMacro: 0, kbNeeded: 0 };
}

/** Schedule a compiled graph. */
export function simulateGraph(g: DataflowGraph, opts: SimOptions = {}): SimResult {
  const n = g.layerCount;
  const empty = new Float64Array(0);
  const times: BlockTimes = {
    start: Array.from({ length: n }, () => empty),
    fetchEnd: Array.from({ length: n }, () => empty),
    consumeEnd: Array.from({ length: n }, () => empty),
    done: Array.from({ length: n }, () => empty),
  };
  const bankMembers = new Int32Array(n);
  for (let i = 0; i < n; i++) if (g.adcBank[i] >= 0) bankMembers[g.adcBank[i]]++;
  const ctx: Context = { g, times, banks: new Map(), bankMembers };
  if (opts.nodeTimes) {
    ctx.nodeStart = new Float64Array(g.nodeCount);
    ctx.nodeEnd = new Float64Array(g.nodeCount);
  }
  const startNs = new Float64Array(n), firstDoneNs = new Float64Array(n), lastDoneNs = new Float64Array(n);
  const busyNs = new Float64Array(n * UNIT_COUNT);
  const bankBusy = new Float64Array(n);
  const timeline: LayerTimeline[] = [];
  let periodNs = 0;
  let periodBound = { layer: "", unit: "" };
  for (let i = 0; i < n; i++) {
    const B = g.blocks[i];
    if (B === 0) {
      // Route layer: pure data routing, done when its producers are.
      for (const p of g.producers[i]) {
        if (p < 0) continue;
        startNs[i] = Math.max(startNs[i], startNs[p]);
        firstDoneNs[i] = Math.max(firstDoneNs[i], firstDoneNs[p]);
        lastDoneNs[i] = Math.max(lastDoneNs[i], lastDoneNs[p]);
      }
      continue;
    }
    scheduleLayer(ctx, i);
    startNs[i] = times.start[i][0];
    firstDoneNs[i] = times.done[i][0];
    lastDoneNs[i] = times.done[i][B - 1];
    timeline.push({ layer: i, name: g.names[i], startNs: startNs[i], endNs: lastDoneNs[i], firstDoneNs: firstDoneNs[i], lastDoneNs: lastDoneNs[i] });
    for (let at = g.slotBase[i]; at < g.slotBase[i + 1]; at++) busyNs[i * UNIT_COUNT + g.slotUnit[at]] += B * g.slotDurNs[at];
    for (let u = 0; u < UNIT_COUNT; u++) {
      const busy = busyNs[i * UNIT_COUNT + u];
      if (u === U_ADC && g.adcBank[i] >= 0) bankBusy[g.adcBank[i]] += busy;
      if (busy > periodNs) { periodNs = busy; periodBound = { layer: g.names[i], unit: UNIT_NAMES[u] }; }
    }
  }
  for (let r = 0; r < n; r++) {
    if (bankMembers[r] > 1 && bankBusy[r] > periodNs) { periodNs = bankBusy[r]; periodBound = { layer: g.names[r], unit: "adc bank (shared)" }; }
  }
  let latencyNs = 0;
  for (const o of g.outputs) if (lastDoneNs[o] > latencyNs) latencyNs = lastDoneNs[o];
  const buf = opts.buffers === false ? noBuffers(n) : bufferOccupancy(g, times);
  const res: SimResult = {
    latencyNs,
    periodNs,
    periodBound,
    nodeCount: g.nodeCount,
    startNs,
    firstDoneNs,
    lastDoneNs,
    busyNs,
    timeline,
    bufferBytes: buf.bytes,
    inputBufferBytes: buf.inputBytes,
    outputBufferBytes: buf.outputBytes,
    scratchpadBytesPerMacro: buf.bytesPerMacro,
    scratchpadKbNeeded: buf.kbNeeded,
  };
  if (opts.trace) res.trace = traceOf(g, times, opts.trace === true ? {} : opts.trace);
  if (ctx.nodeStart) {
    res.nodeStartNs = ctx.nodeStart;
    res.nodeEndNs = ctx.nodeEnd;
  }
  return res;
}

/** Compile and schedule an allocated design. */
export function simulate(model: NetworkModel, costs: PointCosts, plan: Plan, opts: SimOptions = {}): SimResult {
  return simulateGraph(compileDataflow(model, costs, plan), opts);
}

/** Single-inference latency of an allocated design, by block-level simulation. */
export function simulateLatencyNs(model: NetworkModel, costs: PointCosts, plan: Plan): number {
  return simulate(model, costs, plan, { buffers: false }).latencyNs;
}
