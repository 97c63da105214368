/**
 * Segmentation DP + per-segment allocation (Algorithm 1): every feasible segment (one copy of each
 * operator's weights fits: Σ weight arrays ≤ N) is allocated by the MILP, then the DP picks the split that
 * minimises intra-segment time plus reload, switch and write-back costs, with the previous segment's
 * allocation in its state. In dual mode every segment is offered twice, with its dual-mode optimum and with
 * its all-compute optimum: switching and write-back can make memory mode a loss, and then the DP falls back.
 */
import {
  reloadCycles, switchCycles, writeBackBytes, writeBackCycles, type DmAllocation, type DmChip, type DmEdge, type DmOp,
} from "../../cost/dualmode.ts";
import { segmentDp } from "../../search/segment-dp.ts";
import { firstStarts } from "./operators.ts";
import { SegmentAllocator, type ModePolicy, type SegmentInput, type SegmentResult } from "./allocate.ts";

/** What the planner needs of an operator list (operators.ts builds it from a network; tests build it directly). */
export interface PlanInput {
  ops: (DmOp & { lastConsumer: number })[];
  edges: DmEdge[];
  edgesInto: number[][];
}

export interface SegmentPlan {
  start: number;
  end: number;
  /** The segment fell back to its all-compute allocation (dual-mode plans only). */
  allCompute: boolean;
  allocation: DmAllocation;
  /** Edges of the allocation's `shared` counts, in global operator indices. */
  edges: DmEdge[];
  memoryArrays: number;
  intraCycles: number;
  reloadCycles: number;
  switchCycles: number;
  writeBackCycles: number;
  writeBackBytes: number;
  toMemory: number;
  toCompute: number;
}

export interface Plan {
  policy: ModePolicy;
  segments: SegmentPlan[];
  totalCycles: number;
  stats: { milps: number; pruned: number; separable: number; cacheHits: number; segmentsSolved: number; dpStates: number; solveMs: number };
}

/** The segment's operators and its internal edges, indices local to the segment. */
export function segmentInput(input: PlanInput, start: number, end: number): { segment: SegmentInput; edges: DmEdge[] } {
  const edges: DmEdge[] = [];
  const local: DmEdge[] = [];
  for (let to = start; to <= end; to++) {
    for (const e of input.edgesInto[to]) {
      const edge = input.edges[e];
      if (edge.from < start) continue;
      edges.push(edge);
      local.push({ from: edge.from - start, to: edge.to - start, maxSharedArrays: edge.maxSharedArrays });
    }
  }
  return { segment: { ops: input.ops.slice(start, end + 1), edges: local }, edges };
}

function liveOutBytes(input: PlanInput, start: number, end: number): number {
  let bytes = 0;
  for (let p = start; p <= end; p++) if (input.ops[p].lastConsumer > end) bytes += input.ops[p].outBytes;
  return bytes;
}

export async function planSegments(input: PlanInput, chip: DmChip, arrayBytes: number, policy: ModePolicy): Promise<Plan> {
  const m = input.ops.length;
  const starts = firstStarts(input.ops, chip.arrays);
  const bad = starts.findIndex((s) => s < 0);
  if (bad >= 0) throw new Error(`operator ${bad} needs ${input.ops[bad].weightArrays} arrays, more than the chip's ${chip.arrays}`);
  const policies: ModePolicy[] = policy === "dual" ? ["dual", "all-compute"] : ["all-compute"];
  const allocators = policies.map((p) => new SegmentAllocator(chip, p));
  // solved[v][end][start − starts[end]]
  const solved: SegmentResult[][][] = policies.map(() => []);
  const edgesOf: DmEdge[][][] = [];
  const reload: number[][] = [];
  const live: number[][] = [];
  let segmentsSolved = 0;
  for (let end = 0; end < m; end++) {
    const rows: SegmentResult[][] = policies.map(() => []);
    const rowEdges: DmEdge[][] = [];
    for (let start = starts[end]; start <= end; start++) {
      const { segment, edges } = segmentInput(input, start, end);
      for (let v = 0; v < policies.length; v++) rows[v].push(await allocators[v].solve(segment));
      rowEdges.push(edges);
      segmentsSolved++;
    }
    rows.forEach((row, v) => solved[v].push(row));
    edgesOf.push(rowEdges);
    reload.push(rowEdges.map((_, k) => reloadCycles(input.ops.slice(starts[end] + k, end + 1), chip)));
    live.push(rowEdges.map((_, k) => liveOutBytes(input, starts[end] + k, end)));
  }
  const at = (v: number, start: number, end: number) => solved[v][end][start - starts[end]];
  const inter = (ps: number, pe: number, pv: number, s: number, e: number, v: number) => {
    const prevMemory = ps < 0 ? 0 : at(pv, ps, pe).memoryArrays;
    const memory = at(v, s, e).memoryArrays;
    const liveOut = ps < 0 ? 0 : live[pe][ps - starts[pe]];
    return {
      sw: switchCycles(prevMemory, memory, chip),
      wb: writeBackCycles(prevMemory, memory, liveOut, arrayBytes, chip),
      wbBytes: writeBackBytes(prevMemory, memory, liveOut, arrayBytes),
      prevMemory,
      memory,
    };
  };
  const dp = segmentDp({
    length: m,
    variants: policies.length,
    firstStart: (end) => starts[end],
    cost: (ps, pe, pv, s, e, v) => {
      const { sw, wb } = inter(ps, pe, pv, s, e, v);
      return at(v, s, e).cycles + reload[e][s - starts[e]] + sw + wb;
    },
  });
  const segments: SegmentPlan[] = [];
  let prev: [number, number, number] = [-1, -1, -1];
  let total = 0;
  dp.segments.forEach(([s, e], k) => {
    const v = dp.variants[k];
    const r = at(v, s, e);
    const { sw, wb, wbBytes, prevMemory, memory } = inter(prev[0], prev[1], prev[2], s, e, v);
    const plan: SegmentPlan = {
      start: s,
      end: e,
      allCompute: policies[v] === "all-compute",
      allocation: r.allocation,
      edges: edgesOf[e][s - starts[e]],
      memoryArrays: r.memoryArrays,
      intraCycles: r.cycles,
      reloadCycles: reload[e][s - starts[e]],
      switchCycles: sw,
      writeBackCycles: wb,
      writeBackBytes: wbBytes,
      toMemory: Math.max(0, memory - prevMemory),
      toCompute: Math.max(0, prevMemory - memory),
    };
    total += plan.intraCycles + plan.reloadCycles + plan.switchCycles + plan.writeBackCycles;
    segments.push(plan);
    prev = [s, e, v];
  });
  const stats = allocators.reduce(
    (a, x) => ({
      milps: a.milps + x.stats.milps,
      pruned: a.pruned + x.stats.pruned,
      separable: a.separable + x.stats.separable,
      cacheHits: a.cacheHits + x.stats.cacheHits,
      solveMs: a.solveMs + x.stats.solveMs,
    }),
    { milps: 0, pruned: 0, separable: 0, cacheHits: 0, solveMs: 0 },
  );
  return {
    policy,
    segments,
    totalCycles: total,
    stats: { ...stats, segmentsSolved, dpStates: dp.states, solveMs: Math.round(stats.solveMs) },
  };
}
