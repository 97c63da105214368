/**
 * CMSwitch's latency model on a DEHA chip, as pure functions of counts (no solver, no I/O).
 *
 * An operator runs at rate_i = min(Com_i · OPcim_i, (Mem_i · D_cim + D_main) · AI_i) MACs per cycle (Eq. 10);
 * a segment's operators run pipelined, so the segment takes max_i OP_i / rate_i (Eq. 9). Between segments:
 * weight reload, mode switches and write-back (Eqs. 1, 2, 4). Units: cycles, bytes, MACs.
 *
 * AI is the paper's: MACs per byte of every operand the operator moves, its streamed input, its stationary
 * operand (weights, or K/V of an attention product) and its output. The paper's own AI figures count the
 * stationary operand (LLaMA-2 at batch 1 has AI ≈ 2; BERT-large's AI grows with the sequence length), so a
 * short sequence, which reuses each weight over few tokens, is feed-bound and a long one compute-bound.
 * Readings of ours (docs/dualmode.md): a reload writes each operator's distinct weight arrays (copies are
 * written in parallel with their original), so the reload cost depends on the segment, not on its allocation;
 * and the sub-operators of one split operator write one after another, as the operator itself would (Eq. 2's
 * operators load in parallel), so how finely a compiler splits an operator does not change its reload.
 */

/** One CIM operator as the cost model sees it. */
export interface DmOp {
  /** OP_i: multiply-accumulates. */
  macs: number;
  /** Streamed input. */
  inBytes: number;
  /** The stationary operand (weights, or the K/V operand of an attention product): loaded once per segment. */
  stationaryBytes: number;
  outBytes: number;
  /** Arrays holding one copy of the stationary operand. */
  weightArrays: number;
  /** Operators of one write group (the sub-operators of one split operator) load one after another; default: its own. */
  writeGroup?: number;
  /** OP_cim of this operator: MACs per cycle of one compute-mode array (≤ the array's peak; padding wastes some). */
  macsPerArrayCycle: number;
}

/** Output→input buffer sharing between two operators of one segment (Eq. 6). */
export interface DmEdge {
  from: number;
  to: number;
  /** Arrays that may serve as from's output buffer and to's input buffer at once: ⌈shared bytes / array bytes⌉. */
  maxSharedArrays: number;
}

export interface DmChip {
  arrays: number;
  /** D_cim */
  memoryBytesPerCycle: number;
  /** D_main */
  mainBytesPerCycle: number;
  toMemoryCycles: number;
  toComputeCycles: number;
  writeCyclesPerArray: number;
  writeBackBytesPerCycle: number;
}

/** Per-operator counts in one segment; shared[e] for each edge of the segment. */
export interface DmAllocation {
  compute: number[];
  memory: number[];
  shared: number[];
}

/**
 * AI_i of Eq. 10: MACs per byte the feed moves for the operator, streamed input, stationary operand and output
 * (the paper's FLOPs/MOP, in MACs). `pimsyn models` also shows Fig. 12's AI (MACs per streamed input element).
 */
export function feedIntensity(op: DmOp): number {
  return op.macs / (op.inBytes + op.stationaryBytes + op.outBytes);
}

/** MACs per cycle of one operator under its counts. */
export function opRate(op: DmOp, compute: number, memory: number, chip: DmChip): number {
  const feed = (memory * chip.memoryBytesPerCycle + chip.mainBytesPerCycle) * feedIntensity(op);
  return Math.min(compute * op.macsPerArrayCycle, feed);
}

/** T^intra: the slowest operator of the pipelined segment. */
export function segmentCycles(ops: readonly DmOp[], a: DmAllocation, chip: DmChip): number {
  let worst = 0;
  ops.forEach((op, i) => {
    worst = Math.max(worst, op.macs / opRate(op, a.compute[i], a.memory[i], chip));
  });
  return worst;
}

/** Physical memory-mode arrays: shared buffers count once (Eq. 8). */
export function memoryArrays(a: DmAllocation): number {
  return a.memory.reduce((s, m) => s + m, 0) - a.shared.reduce((s, r) => s + r, 0);
}

export function arraysUsed(a: DmAllocation): number {
  return a.compute.reduce((s, c) => s + c, 0) + memoryArrays(a);
}

/** Whether counts obey Eqs. 5–8 at count level: weights resident, shared ≤ its cap and each end's memory, Σ ≤ N. */
export function feasible(ops: readonly DmOp[], edges: readonly DmEdge[], a: DmAllocation, chip: DmChip): boolean {
  if (ops.some((op, i) => a.compute[i] < op.weightArrays || a.memory[i] < 0)) return false;
  const sharedBy = ops.map(() => 0);
  for (let e = 0; e < edges.length; e++) {
    const r = a.shared[e];
    if (r < 0 || r > edges[e].maxSharedArrays) return false;
    sharedBy[edges[e].from] += r;
    sharedBy[edges[e].to] += r;
  }
  if (sharedBy.some((s, i) => s > a.memory[i])) return false;
  return arraysUsed(a) <= chip.arrays;
}

/**
 * T^rw (Eq. 2): operators load in parallel, each writing its distinct weight arrays one after another; the
 * sub-operators of one split operator (one write group) count as that operator.
 */
export function reloadCycles(ops: readonly DmOp[], chip: DmChip): number {
  const byGroup = new Map<number, number>();
  let worst = 0;
  for (const op of ops) {
    if (op.writeGroup === undefined) {
      worst = Math.max(worst, op.weightArrays);
      continue;
    }
    const arrays = (byGroup.get(op.writeGroup) ?? 0) + op.weightArrays;
    byGroup.set(op.writeGroup, arrays);
    worst = Math.max(worst, arrays);
  }
  return chip.writeCyclesPerArray * worst;
}

/** T^swc (Eq. 1) with the best coordinates: arrays that stay in memory mode are not switched. */
export function switchCycles(prevMemory: number, memory: number, chip: DmChip): number {
  const toCompute = Math.max(0, prevMemory - memory);
  const toMemory = Math.max(0, memory - prevMemory);
  return chip.toComputeCycles * toCompute + chip.toMemoryCycles * toMemory;
}

/**
 * T^wb (Eq. 4): when the next segment has fewer memory-mode arrays, the previous segment's results still
 * needed later (at most what its memory arrays hold) go to main memory first.
 */
export function writeBackBytes(prevMemory: number, memory: number, liveOutBytes: number, arrayBytes: number): number {
  return memory >= prevMemory ? 0 : Math.min(liveOutBytes, prevMemory * arrayBytes);
}

export function writeBackCycles(prevMemory: number, memory: number, liveOutBytes: number, arrayBytes: number, chip: DmChip): number {
  return writeBackBytes(prevMemory, memory, liveOutBytes, arrayBytes) / chip.writeBackBytesPerCycle;
}
