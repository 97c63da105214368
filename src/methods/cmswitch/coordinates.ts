/**
 * Array coordinates for a plan (after allocation, §2.5 of the reference): arrays that are memory mode in
 * consecutive segments stay where they are, so a segment switches only |m_new − m_prev| arrays, the count the
 * cost model charges. Arrays not in memory mode are compute mode (idle ones included).
 */
import type { OperatorInfo } from "./operators.ts";
import type { Plan, SegmentPlan } from "./plan.ts";

export interface OperatorArrays {
  op: number;
  /** Arrays holding the first copy of the weights (written by the reload), then duplicates. */
  weights: number[];
  copies: number[];
  /** Memory-mode arrays buffering the input / the output; shared ones appear in both operators' lists. */
  input: number[];
  output: number[];
}

export interface PlacedSegment {
  index: number;
  plan: SegmentPlan;
  toMemory: number[];
  toCompute: number[];
  operators: OperatorArrays[];
  /** Memory-mode arrays in this segment, ascending. */
  memory: number[];
}

export function placeArrays(plan: Plan, ops: readonly OperatorInfo[], arrays: number): PlacedSegment[] {
  let memory = new Set<number>();
  const placed: PlacedSegment[] = [];
  plan.segments.forEach((seg, index) => {
    // Keep the lowest-numbered memory arrays of the previous segment, switch the rest back; add new ones from
    // the lowest-numbered compute arrays.
    const keep = [...memory].sort((a, b) => a - b).slice(0, seg.memoryArrays);
    const toCompute = [...memory].filter((a) => !keep.includes(a)).sort((a, b) => a - b);
    const nextMemory = new Set(keep);
    const toMemory: number[] = [];
    for (let a = 0; nextMemory.size < seg.memoryArrays && a < arrays; a++) {
      if (!nextMemory.has(a)) {
        nextMemory.add(a);
        toMemory.push(a);
      }
    }
    const memoryList = [...nextMemory].sort((a, b) => a - b);
    const computeList: number[] = [];
    for (let a = 0; a < arrays; a++) if (!nextMemory.has(a)) computeList.push(a);
    let nextCompute = 0;
    let nextMem = 0;
    const takeCompute = (n: number) => computeList.slice(nextCompute, (nextCompute += n));
    const takeMemory = (n: number) => memoryList.slice(nextMem, (nextMem += n));
    const k = seg.end - seg.start + 1;
    const result: OperatorArrays[] = Array.from({ length: k }, (_, i) => {
      const op = ops[seg.start + i];
      const compute = takeCompute(seg.allocation.compute[i]);
      return { op: seg.start + i, weights: compute.slice(0, op.weightArrays), copies: compute.slice(op.weightArrays), input: [], output: [] };
    });
    // Shared buffers first (output of `from`, input of `to`), then each operator's own, split by its traffic.
    const own = seg.allocation.memory.slice();
    seg.edges.forEach((e, j) => {
      const shared = takeMemory(seg.allocation.shared[j] ?? 0);
      const from = e.from - seg.start;
      const to = e.to - seg.start;
      result[from].output.push(...shared);
      result[to].input.push(...shared);
      own[from] -= shared.length;
      own[to] -= shared.length;
    });
    own.forEach((n, i) => {
      const op = ops[seg.start + i];
      const mine = takeMemory(n);
      const inputs = Math.round((n * op.inBytes) / (op.inBytes + op.outBytes));
      result[i].input.push(...mine.slice(0, inputs));
      result[i].output.push(...mine.slice(inputs));
    });
    placed.push({ index, plan: seg, toMemory, toCompute, operators: result, memory: memoryList });
    memory = nextMemory;
  });
  return placed;
}
