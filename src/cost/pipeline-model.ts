/**
 * The analytic timing and dynamic-energy model: O(layers), no per-block simulation.
 *
 * Each layer processes ceil(outPixels/dup) blocks. A block's operations are pipelined across blocks, and the
 * bit-level ones (MVM, ADC, shift-and-add) across input-bit iterations, so in steady state a layer emits a
 * block every `interval` ns (its slowest stage; bit-level stages count once per bit iteration) and one block
 * takes `depth` ns from its inputs' arrival to its outputs being stored (and merged).
 *
 * Fine-grained inter-layer pipeline (§7.2–7.3): consumer block b may start once the producer block holding
 * the last pixel of its receptive field is done (ready(b)). With every stage at most `interval` per block, the
 * block-level schedule finishes block b at
 *   done(b) = max over b' ≤ b of ready(b') + depth + (b − b')·interval
 * (a starved stretch follows the producer; a backlog drains at the layer's own rate). Each layer's done(b) is
 * kept as a piecewise-linear curve of at most CURVE_POINTS points; a consumer evaluates the max at block 0, its
 * last block and the blocks where its producers' curves bend (mapped through the receptive field), which is
 * where a piecewise-linear max can peak. O(layers × CURVE_POINTS). Against the block-level simulator
 * (src/schedule) this is within 1.5 % on the zoo networks (test/schedule/agreement.test.ts); assuming a producer
 * emits its output linearly in time instead underestimated deep pipelines by up to 26 %.
 * Layers sharing an ADC bank serialise the ADC work of the overlap of their active windows.
 * The steady-state pipeline period (streamed inferences) is the busiest layer's (or shared bank's) busy time.
 */
import type { NetworkModel } from "../mapping/layer-model.ts";
import type { Plan } from "../mapping/plan.ts";
import type { PointCosts } from "./point-costs.ts";
import { hiPixelTable, modelWindows, windowFirstNeeding, windowHi, type Window } from "../mapping/receptive.ts";

/** Dynamic-energy kinds accumulated by the model (indices into `energyPj`). */
export const ENERGY_KINDS = ["crossbar", "dac", "sampleHold", "adc", "alu", "scratchpad", "router"] as const;
export type EnergyKind = (typeof ENERGY_KINDS)[number];
const E_XB = 0, E_DAC = 1, E_SH = 2, E_ADC = 3, E_ALU = 4, E_SPM = 5, E_NOC = 6;

export interface PipelineResult {
  latencyNs: number;
  periodNs: number;
  /** Dynamic energy of one inference, by ENERGY_KINDS. */
  energyPj: Float64Array;
  dynamicEnergyPj: number;
  /** Per layer (indexed like model.layers). */
  blocks: Float64Array;
  intervalNs: Float64Array;
  depthNs: Float64Array;
  /** Completion of the first and last block. */
  firstDoneNs: Float64Array;
  lastDoneNs: Float64Array;
  /** Busy time of the layer's bottleneck stage per inference (blocks × interval). */
  busyNs: Float64Array;
  /** Which stage bounds the interval: 0 bit-level (mvm/adc/shift-add), 1 add, 2 activation/vector op, 3 load, 4 store, 5 transfer, 6 merge. */
  bottleneck: Int8Array;
  /** ADC busy time per inference (mvm layers). */
  adcBusyNs: Float64Array;
  /** Shared-bank layers whose conversions interleave with their partner's (the approximate case, see below). */
  sharedInterleaved: number;
  /** Length of one bit iteration's slot at the bit-level stages (max of MVM, ADC, shift-and-add per bit). */
  bitStageNs: Float64Array;
  /** Dynamic energy per layer. */
  layerEnergyPj: Float64Array;
  /** Per layer, CURVE_POINTS slots: the block-completion curve (block index, time), curveLen points used. */
  curveBlock: Float64Array;
  curveNs: Float64Array;
  curveLen: Int8Array;
}

/** Which stage bounds a layer's block interval (stored as an Int8 code in the hot loop; named by BOTTLENECK_NAMES). */
export const B_MVM_ADC = 0, B_ADD = 1, B_ALU = 2, B_LOAD = 3, B_STORE = 4, B_TRANSFER = 5, B_MERGE = 6;
export const BOTTLENECK_NAMES = ["mvm/adc", "add", "alu", "load", "store", "transfer", "merge"] as const;

export function newPipelineResult(n: number): PipelineResult {
  return {
    latencyNs: 0,
    periodNs: 0,
    energyPj: new Float64Array(ENERGY_KINDS.length),
    dynamicEnergyPj: 0,
    blocks: new Float64Array(n),
    intervalNs: new Float64Array(n),
    depthNs: new Float64Array(n),
    firstDoneNs: new Float64Array(n),
    lastDoneNs: new Float64Array(n),
    busyNs: new Float64Array(n),
    bottleneck: new Int8Array(n),
    adcBusyNs: new Float64Array(n),
    bitStageNs: new Float64Array(n),
    sharedInterleaved: 0,
    layerEnergyPj: new Float64Array(n),
    curveBlock: new Float64Array(n * CURVE_POINTS),
    curveNs: new Float64Array(n * CURVE_POINTS),
    curveLen: new Int8Array(n),
  };
}

/** Points kept per block-completion curve: 3 already gives ≤ 2.4 %, 4 gives ≤ 1.5 %, more gains < 0.1 %. */
export const CURVE_POINTS = 8;

/** Scratch for one layer's candidate blocks and curve points (grown on demand; no allocation per call). */
let candScratch = new Float64Array(64);
/** Ready time of each candidate block. */
let readyScratch = new Float64Array(64);
/** Pixels per block of each layer for the current call (route layers: 1, their curves are per pixel). */
let blockPx = new Float64Array(64);
let ptBlock = new Float64Array(128);
let ptNs = new Float64Array(128);

/** Relative deviation under which a point counts as on the line through its neighbours. */
const COLLINEAR_REL = 1e-9;

function pushPoint(n: number, block: number, ns: number): number {
  if (n >= ptBlock.length) {
    const b = new Float64Array(2 * n), t = new Float64Array(2 * n);
    b.set(ptBlock);
    t.set(ptNs);
    ptBlock = b;
    ptNs = t;
  }
  // A point on the line through the last two replaces the last one: the curve is unchanged, and consumers
  // then see only real bends (each one costs them a candidate).
  if (n >= 2) {
    const b0 = ptBlock[n - 2], t0 = ptNs[n - 2], b1 = ptBlock[n - 1], t1 = ptNs[n - 1];
    // |t1 − line(b1)| ≤ COLLINEAR_REL·t1, multiplied through by block − b0 > 0 (no division in the hot loop).
    const dev = (t1 - t0) * (block - b0) - (b1 - b0) * (ns - t0);
    if (Math.abs(dev) <= COLLINEAR_REL * Math.abs(t1) * (block - b0)) {
      ptBlock[n - 1] = block;
      ptNs[n - 1] = ns;
      return n;
    }
  }
  ptBlock[n] = block;
  ptNs[n] = ns;
  return n + 1;
}

/**
 * Store the curve of layer i with at most CURVE_POINTS points, ends kept: repeatedly drop the interior point
 * that deviates least from the line through its neighbours (its removal changes the curve least).
 */
function storeCurve(res: PipelineResult, i: number, n: number): void {
  // (No three consecutive points are collinear: pushPoint folds them as the curve is built.)
  while (n > CURVE_POINTS) {
    let worst = 1, least = Infinity;
    for (let j = 1; j + 1 < n; j++) {
      const lin = ptNs[j - 1] + ((ptBlock[j] - ptBlock[j - 1]) / (ptBlock[j + 1] - ptBlock[j - 1])) * (ptNs[j + 1] - ptNs[j - 1]);
      const dev = Math.abs(ptNs[j] - lin);
      if (dev < least) { least = dev; worst = j; }
    }
    for (let j = worst; j + 1 < n; j++) {
      ptBlock[j] = ptBlock[j + 1];
      ptNs[j] = ptNs[j + 1];
    }
    n--;
  }
  const o = i * CURVE_POINTS;
  for (let j = 0; j < n; j++) {
    res.curveBlock[o + j] = ptBlock[j];
    res.curveNs[o + j] = ptNs[j];
  }
  res.curveLen[i] = n;
}

/** A shifted layer completes its blocks linearly from `first` to `last`: replace its curve. */
function linearCurve(res: PipelineResult, i: number, blocks: number, first: number, last: number): void {
  const o = i * CURVE_POINTS;
  res.curveLen[i] = 2;
  res.curveBlock[o] = 0;
  res.curveNs[o] = first;
  res.curveBlock[o + 1] = blocks - 1;
  res.curveNs[o + 1] = last;
}

/** Layer L's candidate blocks (see layerCurve), sorted and distinct, into candScratch; returns how many. */
function candidateBlocks(L: NetworkModel["layers"][number], res: PipelineResult, windows: Window[], blocks: number, d: number): number {
  const producers = L.producers;
  const np = producers.length;
  const P = L.outPixels;
  const cb = res.curveBlock, cl = res.curveLen;
  // At most 1 + 2·7 row candidates + CURVE_POINTS − 1 bends per producer + 1.
  if (candScratch.length < 18 + np * CURVE_POINTS) candScratch = new Float64Array(32 + 2 * np * CURVE_POINTS);
  const cand = candScratch;
  // Candidates are pushed in nearly ascending order, so the insertion sort below does little shifting.
  let m = 0;
  cand[m++] = 0;
  // Rows of a strided consumer become ready in bursts (a whole output row once the producer reaches the window's
  // last input row). Small maps: every row's first and last block (the staircase); large maps: the last two
  // rows' first blocks, where the final backlog starts.
  const W = L.outW;
  if (W > 0 && P > W) {
    const rows = Math.ceil(P / W);
    if (rows <= 8) {
      for (let r = 1; r < rows; r++) {
        cand[m++] = Math.floor((r * W - 1) / d);
        cand[m++] = Math.floor((r * W) / d);
      }
    } else {
      cand[m++] = Math.floor((P - 2 * W) / d);
      cand[m++] = Math.floor((P - W) / d);
    }
  }
  for (let k = 0; k < np; k++) {
    const p = producers[k];
    if (p < 0) continue;
    const dp = blockPx[p];
    const w = windows[k];
    const o = p * CURVE_POINTS, end = o + cl[p];
    for (let z = o + 1; z < end; z++) {
      // Bends ascend and windowFirstNeeding is monotone: once past the map, the rest are too.
      const q = windowFirstNeeding(w, Math.ceil(cb[z] - 1e-9) * dp);
      if (q >= P) break;
      cand[m++] = Math.floor(q / d);
    }
  }
  cand[m++] = blocks - 1;
  // Insertion sort (a handful of candidates), dropping duplicates.
  let u = 0;
  for (let j = 0; j < m; j++) {
    const v = cand[j];
    let at = u;
    while (at > 0 && cand[at - 1] > v) at--;
    if (at > 0 && cand[at - 1] === v) continue;
    for (let s = u; s > at; s--) cand[s] = cand[s - 1];
    cand[at] = v;
    u++;
  }
  return u;
}

/** ready(c) of each of the u candidate blocks of layer L (written to the ready scratch, returned). */
function readyTimes(L: NetworkModel["layers"][number], res: PipelineResult, windows: Window[], cand: Float64Array, u: number, d: number): Float64Array {
  const producers = L.producers;
  const np = producers.length;
  const P = L.outPixels;
  const cb = res.curveBlock, cn = res.curveNs, cl = res.curveLen;
  // ready(c) for every candidate: every producer block that block c needs is done (a route producer's curve is
  // per pixel). Each producer's curve is scanned once over all candidates: the producer block a candidate waits
  // for (windowHi is a prefix maximum) does not decrease as the candidates ascend.
  if (readyScratch.length < u) readyScratch = new Float64Array(2 * u);
  const ready = readyScratch;
  for (let j = 0; j < u; j++) ready[j] = 0;
  for (let k = 0; k < np; k++) {
    const p = producers[k];
    if (p < 0) continue;
    const w = windows[k];
    const o = p * CURVE_POINTS, end = o + cl[p];
    if (w.all) {
      // Every block needs the whole producer map.
      const t = cn[end - 1];
      for (let j = 0; j < u; j++) if (t > ready[j]) ready[j] = t;
      continue;
    }
    const dp = blockPx[p];
    const hiTable = hiPixelTable(w);
    let z = o + 1;
    for (let j = 0; j < u; j++) {
      const q = Math.min(P, (cand[j] + 1) * d) - 1;
      const kb = Math.floor((hiTable !== undefined ? hiTable[q] : windowHi(w, q)) / dp);
      let t: number;
      if (kb <= cb[o]) t = cn[o];
      else {
        while (z < end && kb > cb[z]) z++;
        t = z < end ? cn[z - 1] + ((kb - cb[z - 1]) / (cb[z] - cb[z - 1])) * (cn[z] - cn[z - 1]) : cn[end - 1];
      }
      if (t > ready[j]) ready[j] = t;
    }
  }
  return ready;
}

/**
 * The block-completion curve of layer i (blocks of d pixels; depth and interval from stageTimes), stored in res.
 * Candidates: block 0, the last block, and the first block that waits for each bend of a producer's curve.
 */
function layerCurve(
  model: NetworkModel, res: PipelineResult, windows: Window[], i: number, blocks: number, d: number, depth: number, interval: number,
): void {
  const L = model.layers[i];
  const u = candidateBlocks(L, res, windows, blocks, d);
  const cand = candScratch;
  const ready = readyTimes(L, res, windows, cand, u, d);
  let n = 0;
  let prevB = 0, prevE = 0, prevR = 0;
  for (let j = 0; j < u; j++) {
    const c = cand[j];
    const r = ready[j] + depth;
    let e = r;
    if (j > 0) {
      const own = prevE + (c - prevB) * interval;
      // Between candidates ready is taken linear; where it rises faster than the layer drains its backlog it
      // overtakes the own-rate line: keep that bend as a point.
      // (Slopes compared multiplied through by c − prevB > 0: no division unless there is a bend.)
      const span = c - prevB;
      const rise = r - prevR;
      if (rise > interval * span && prevE > prevR) {
        const x = ((prevE - prevR) * span) / (rise - interval * span);
        if (x < span) n = pushPoint(n, prevB + x, prevE + x * interval);
      }
      if (own > e) e = own;
    }
    n = pushPoint(n, c, e);
    prevB = c;
    prevE = e;
    prevR = r;
  }
  storeCurve(res, i, n);
}

/** Indices into the stage-time vector filled by `stageTimes` (ns unless named otherwise). */
export const S_XFER = 0, S_LD = 1, S_MVM = 2, S_ADC = 3, S_SA = 4, S_ADD = 5, S_ALU = 6, S_ST = 7, S_MERGE = 8;
export const S_INTERVAL = 9, S_DEPTH = 10, S_BOTTLENECK = 11;
export const S_LD_ACCESSES = 12, S_ST_ACCESSES = 13, S_XFER_FLITS = 14, S_MERGE_FLITS = 15, S_ADD_OPS = 16, S_ALU_OPS = 17;
export const STAGE_VECTOR_LENGTH = 18;
const scratch = new Float64Array(STAGE_VECTOR_LENGTH);

/**
 * Durations of one block's operations for layer i (the IRs of Table II: transfer, load, MVM, ADC, shift-and-add,
 * add, ALU op, store, merge), with per-bit values for the bit-level ones, and the resulting interval and depth.
 * The single source of per-IR latency for both the analytic model and the block-level simulator.
 * Returns the layer's block count. Writes into `out` (no allocation).
 */
export function stageTimes(model: NetworkModel, c: PointCosts, plan: Plan, i: number, out: Float64Array): number {
  const L = model.layers[i];
  const bits = model.bitIterations;
  const actBits = c.activationBits;
  const spm = c.scratchpad;
  const access = spm.accessBits;
  if (L.role === "route") {
    for (let k = 0; k < STAGE_VECTOR_LENGTH; k++) out[k] = 0; // (a loop: TypedArray#fill's call costs more)
    return 1;
  }
  const d = Math.min(plan.dup[i], L.outPixels);
  const blocks = Math.ceil(L.outPixels / d);
  const m = plan.macros[i] > 0 ? plan.macros[i] : 1;
  const perMacro = d / m;
  const xferFlits = Math.ceil((perMacro * L.transferElemsPerPixel * actBits) / c.flitBits);
  const tXfer = (plan.hopsIn[i] + xferFlits) / c.nocGhz;
  const ldAccesses = Math.ceil((d * L.loadElemsPerPixel * actBits) / access);
  const stAccesses = Math.ceil((d * L.outChannels * actBits) / access);
  const tLd = Math.ceil(ldAccesses / m) * spm.readLatencyNs;
  const tSt = Math.ceil(stAccesses / m) * spm.writeLatencyNs;
  out[S_XFER] = tXfer;
  out[S_LD] = tLd;
  out[S_ST] = tSt;
  out[S_LD_ACCESSES] = ldAccesses;
  out[S_ST_ACCESSES] = stAccesses;
  out[S_XFER_FLITS] = xferFlits;
  let interval: number, depth: number, bottleneck = B_MVM_ADC;
  if (L.role === "mvm") {
    const conv = d * L.conversionsPerCopy; // ADC conversions per bit iteration
    const tMvm = c.readNs;
    const tAdc = conv / (plan.adc[i] * c.adc.rateGhz);
    const sa = c.alu.shiftAdd!;
    const tSa = conv / sa.vectorWidth / (plan.shiftAdd[i] * sa.rateGhz);
    const bitStage = Math.max(tMvm, tAdc, tSa);
    const ad = c.alu.add!;
    const addOps = (d * L.outChannels * L.rowTiles) / ad.vectorWidth;
    const tAdd = addOps / (plan.add[i] * ad.rateGhz);
    let tAct = 0, aluOps = 0;
    if (L.aluOp !== undefined) {
      const u = c.alu[L.aluOp]!;
      aluOps = (d * L.aluElemsPerPixel) / u.vectorWidth;
      tAct = aluOps / (plan.act[i] * u.rateGhz);
    }
    const mergeFlits = m > 1 ? Math.ceil((perMacro * L.outChannels * actBits) / c.flitBits) : 0;
    const tMerge = m > 1 ? (plan.hopsMerge[i] + mergeFlits) / c.nocGhz : 0;
    interval = bits * bitStage;
    if (tAdd > interval) { interval = tAdd; bottleneck = B_ADD; }
    if (tAct > interval) { interval = tAct; bottleneck = B_ALU; }
    if (tLd > interval) { interval = tLd; bottleneck = B_LOAD; }
    if (tSt > interval) { interval = tSt; bottleneck = B_STORE; }
    if (tXfer > interval) { interval = tXfer; bottleneck = B_TRANSFER; }
    if (tMerge > interval) { interval = tMerge; bottleneck = B_MERGE; }
    depth = tXfer + tLd + tMvm + tAdc + tSa + (bits - 1) * bitStage + tAdd + tAct + tSt + tMerge;
    out[S_MVM] = tMvm;
    out[S_ADC] = tAdc;
    out[S_SA] = tSa;
    out[S_ADD] = tAdd;
    out[S_ALU] = tAct;
    out[S_MERGE] = tMerge;
    out[S_MERGE_FLITS] = mergeFlits;
    out[S_ADD_OPS] = addOps;
    out[S_ALU_OPS] = aluOps;
  } else {
    const u = c.alu[L.aluOp!]!;
    const aluOps = (d * L.aluElemsPerPixel) / u.vectorWidth;
    const tOp = aluOps / (plan.vec[i] * u.rateGhz);
    interval = tOp;
    bottleneck = B_ALU;
    if (tLd > interval) { interval = tLd; bottleneck = B_LOAD; }
    if (tSt > interval) { interval = tSt; bottleneck = B_STORE; }
    if (tXfer > interval) { interval = tXfer; bottleneck = B_TRANSFER; }
    depth = tXfer + tLd + tOp + tSt;
    // The bit-level, add and merge stages do not exist here (every field is written: no clearing pass).
    out[S_MVM] = out[S_ADC] = out[S_SA] = out[S_ADD] = out[S_MERGE] = 0;
    out[S_MERGE_FLITS] = out[S_ADD_OPS] = 0;
    out[S_ALU] = tOp;
    out[S_ALU_OPS] = aluOps;
  }
  out[S_INTERVAL] = interval;
  out[S_DEPTH] = depth;
  out[S_BOTTLENECK] = bottleneck;
  return blocks;
}

/** Evaluate timing and dynamic energy of `plan`; writes into `res` (reused across calls: no allocation). */
export function runPipeline(model: NetworkModel, c: PointCosts, plan: Plan, res: PipelineResult): PipelineResult {
  res.sharedInterleaved = 0;
  if (blockPx.length < model.layers.length) blockPx = new Float64Array(2 * model.layers.length);
  for (let i = 0; i < model.layers.length; i++) {
    const L = model.layers[i];
    blockPx[i] = L.role === "route" ? 1 : Math.min(plan.dup[i], L.outPixels);
  }
  const layers = model.layers;
  const bits = model.bitIterations;
  const spm = c.scratchpad;
  const e = res.energyPj;
  const st = scratch;
  const windows = modelWindows(model);
  for (let k = 0; k < e.length; k++) e[k] = 0; // (a loop: TypedArray#fill's call costs more than 7 stores)
  let period = 0;
  let latency = 0;

  for (let i = 0; i < layers.length; i++) {
    const L = layers[i];
    if (L.role === "route") {
      // Pure data routing, costs nothing: pixel q of a concat/slice/upsample exists once the producer pixels it
      // maps to do (its curve is per pixel, with no depth of its own); flatten needs all of its input.
      layerCurve(model, res, windows[i], i, L.outPixels, 1, 0, 0);
      res.blocks[i] = 1;
      res.intervalNs[i] = 0;
      res.depthNs[i] = 0;
      res.firstDoneNs[i] = res.curveNs[i * CURVE_POINTS];
      res.lastDoneNs[i] = res.curveNs[i * CURVE_POINTS + res.curveLen[i] - 1];
      res.busyNs[i] = 0;
      res.adcBusyNs[i] = 0;
      res.layerEnergyPj[i] = 0;
      res.bottleneck[i] = B_TRANSFER;
      continue;
    }
    const blocks = stageTimes(model, c, plan, i, st);
    const interval = st[S_INTERVAL];
    const depth = st[S_DEPTH];
    const bottleneck = st[S_BOTTLENECK];
    const adcBusy = blocks * bits * st[S_ADC];
    const d = Math.min(plan.dup[i], L.outPixels);
    let energy = 0;
    {
      const m = plan.macros[i] > 0 ? plan.macros[i] : 1;
      const eComm = blocks * (st[S_LD_ACCESSES] * spm.readEnergyPj + st[S_ST_ACCESSES] * spm.writeEnergyPj);
      // NoC traffic: bits (whole flits) × hops × energy per bit per hop (c.flitHopPj is one flit's), with the hop
      // counts of the layout (fillHops: the farthest producer → macro, and macro → merge macro, distances). A
      // consumer on its producer's merge macro (0 hops) reads its scratchpad and uses no router.
      const eNoc = blocks * (st[S_XFER_FLITS] * m * plan.hopsIn[i] + st[S_MERGE_FLITS] * m * plan.hopsMerge[i]) * c.flitHopPj;
      e[E_SPM] += eComm;
      e[E_NOC] += eNoc;
      energy += eComm + eNoc;
    }
    if (L.role === "mvm") {
      const conv = d * L.conversionsPerCopy;
      const iters = blocks * bits;
      const sa = c.alu.shiftAdd!;
      const ad = c.alu.add!;
      const exb = iters * d * L.set * c.crossbar.energyPj;
      const edac = iters * d * L.dacRowsPerCopy * c.dac.energyPj;
      const esh = c.sampleHold ? iters * conv * c.sampleHold.energyPj : 0;
      const eadc = iters * conv * c.adc.energyPj;
      const ealu =
        iters * (conv / sa.vectorWidth) * sa.energyPj +
        blocks * st[S_ADD_OPS] * ad.energyPj +
        (L.aluOp !== undefined ? blocks * st[S_ALU_OPS] * c.alu[L.aluOp]!.energyPj : 0);
      e[E_XB] += exb;
      e[E_DAC] += edac;
      e[E_SH] += esh;
      e[E_ADC] += eadc;
      e[E_ALU] += ealu;
      energy += exb + edac + esh + eadc + ealu;
    } else {
      const ea = blocks * st[S_ALU_OPS] * c.alu[L.aluOp!]!.energyPj;
      e[E_ALU] += ea;
      energy += ea;
    }

    // Fine-grained inter-layer pipeline: the layer's block-completion curve from its producers' curves.
    layerCurve(model, res, windows[i], i, blocks, d, depth, interval);
    const o = i * CURVE_POINTS;
    let first = res.curveNs[o];
    let last = res.curveNs[o + res.curveLen[i] - 1];

    const s = plan.sharesWith[i];
    if (s >= 0) {
      // Shared ADC bank: the ADC work of the two layers cannot overlap in time. The earlier layer keeps its
      // schedule; the later one's conversions (one bit iteration, tAdc, at a time) go into the gaps between the
      // earlier layer's conversions where they fit, else wait until that layer's ADC work is over (as the
      // simulator schedules them). The earlier layer converts once per bit slot, so its gaps are each slot's
      // idle tail plus, between blocks, what its pace (own interval, or its producers') leaves beyond the slots.
      const sAdcPerBit = res.blocks[s] > 0 ? res.adcBusyNs[s] / (res.blocks[s] * bits) : 0;
      const pace = res.blocks[s] > 1 ? (res.lastDoneNs[s] - res.firstDoneNs[s]) / (res.blocks[s] - 1) : res.intervalNs[s];
      const slot = res.bitStageNs[s];
      const tAdc = st[S_ADC];
      const slotGap = slot - sAdcPerBit;
      const blockGap = slotGap + Math.max(0, Math.max(pace, res.intervalNs[s]) - bits * slot);
      // Share of the earlier layer's active time this layer's conversions (each tAdc long) can use.
      const usable = tAdc > 0 ? ((bits - 1) * Math.floor(slotGap / tAdc + 1e-9) + Math.floor(blockGap / tAdc + 1e-9)) * tAdc : 0;
      const f = Math.min(1, usable / Math.max(pace, res.intervalNs[s]));
      const overlap = Math.min(last, res.lastDoneNs[s]) - Math.max(first - depth, res.firstDoneNs[s] - res.depthNs[s]);
      if (overlap > 0) {
        if (f <= 0) {
          // No conversion fits between the earlier layer's: this layer's ADC work starts when that layer's
          // ends, and its blocks then follow at its own rate (or as its inputs arrive, if later).
          first = Math.max(first, res.lastDoneNs[s] + interval);
          last = Math.max(last, first + (blocks - 1) * interval);
          linearCurve(res, i, blocks, first, last);
        } else {
          // While the earlier layer runs, conversions progress at rate f; after it, at full rate. This is an
          // approximation of the simulator's gap filling (within a few % on most designs, up to ~10 % off on some):
          // synthesis rejects such designs (src/methods/pimsyn/partition.ts) and keeps sharing where it is exact.
          res.sharedInterleaved++;
          const start = first - depth;
          const window = Math.max(0, res.lastDoneNs[s] - start);
          const doneBy = (work: number) => (f * window >= work ? start + work / f : res.lastDoneNs[s] + (work - f * window));
          const tail = st[S_SA] + st[S_ADD] + st[S_ALU] + st[S_ST] + st[S_MERGE];
          const firstShared = doneBy(bits * tAdc) + tail;
          const lastShared = doneBy(adcBusy) + tail;
          if (firstShared > first || lastShared > last) {
            first = Math.max(first, firstShared);
            last = Math.max(last, lastShared, first + (blocks - 1) * interval);
            // Blocks finish at the shared rate until the earlier layer ends, then at this layer's own pace.
            const perBlock = bits * tAdc;
            const kEnd = Math.min(blocks - 2, Math.floor((f * window) / perBlock) - 1);
            const tEnd = Math.max(first + kEnd * interval, start + ((kEnd + 1) * perBlock) / f + tail);
            if (kEnd >= 1 && tEnd > first && tEnd < last) {
              const o3 = i * CURVE_POINTS;
              res.curveLen[i] = 3;
              res.curveBlock[o3] = 0;
              res.curveNs[o3] = first;
              res.curveBlock[o3 + 1] = kEnd;
              res.curveNs[o3 + 1] = tEnd;
              res.curveBlock[o3 + 2] = blocks - 1;
              res.curveNs[o3 + 2] = last;
            } else linearCurve(res, i, blocks, first, last);
          }
        }
      }
      const bank = adcBusy + res.adcBusyNs[s];
      if (bank > period) period = bank;
    }

    res.blocks[i] = blocks;
    res.intervalNs[i] = interval;
    res.depthNs[i] = depth;
    res.firstDoneNs[i] = first;
    res.lastDoneNs[i] = last;
    res.busyNs[i] = blocks * interval;
    res.adcBusyNs[i] = adcBusy;
    res.bitStageNs[i] = Math.max(st[S_MVM], st[S_ADC], st[S_SA]);
    res.bottleneck[i] = bottleneck;
    res.layerEnergyPj[i] = energy;
    if (blocks * interval > period) period = blocks * interval;
  }
  for (const o of model.outputs) if (res.lastDoneNs[o] > latency) latency = res.lastDoneNs[o];
  let dyn = 0;
  for (let k = 0; k < e.length; k++) dyn += e[k];
  res.dynamicEnergyPj = dyn;
  res.latencyNs = latency;
  res.periodNs = period;
  return res;
}
