/**
 * Dual-mode allocation of one segment (§4.3.2) as a count-level MILP in HiGHS: integer compute and memory
 * arrays per operator and shared output→input buffers per dependency; maximise the throughput θ with
 * θ·OP_i ≤ Com_i·OPcim_i and θ·OP_i ≤ (Mem_i·D_cim + D_main)·AI_i, Σ arrays − Σ shared ≤ N.
 *
 * A second solve keeps θ at its optimum and minimises the memory-mode arrays, so the allocation (and with it
 * the switch and write-back costs between segments) is a function of the segment alone. Results are cached
 * by the segment's signature: repeated transformer blocks solve once.
 */
import { solveMilp, type MilpProblem, type MilpRow, type MilpSolution } from "../../search/milp.ts";
import {
  feedIntensity, memoryArrays, segmentCycles, type DmAllocation, type DmChip, type DmEdge, type DmOp,
} from "../../cost/dualmode.ts";

export interface SegmentInput {
  ops: DmOp[];
  /** Edges between the segment's operators, indices local to `ops`. */
  edges: DmEdge[];
}

export interface SegmentResult {
  allocation: DmAllocation;
  /** T^intra in cycles, from the cost model on the integer counts. */
  cycles: number;
  /** Physical memory-mode arrays. */
  memoryArrays: number;
}

/** Relative tolerance on θ between the two solves (and in the brute force that checks them). */
export const THETA_TOLERANCE = 1e-7;

/**
 * HiGHS 1.15.3 (WASM) fails with "HiGHS error -1" in presolve on some tiny models of ours when mip_rel_gap is
 * 1e-8 or less (found on vgg8: 5 variables); 1e-7 matches THETA_TOLERANCE and the second solve's integer
 * objective needs no gap. A solve that still fails is retried once with a looser gap.
 */
const MILP_OPTIONS = { timeLimitS: 30, mipRelGap: 1e-7 };
const RETRY_OPTIONS = { timeLimitS: 30, mipRelGap: 1e-6 };

async function solveRobust(problem: MilpProblem): Promise<MilpSolution> {
  try {
    return await solveMilp(problem, MILP_OPTIONS);
  } catch {
    return solveMilp(problem, RETRY_OPTIONS);
  }
}

/** dual: compute and memory mode; all-compute: the CIM-MLC-like baseline (no memory mode, weights duplicated). */
export type ModePolicy = "dual" | "all-compute";

export function segmentSignature(s: SegmentInput, chip: DmChip, policy: ModePolicy): string {
  const ops = s.ops.map((o) => [o.macs, o.inBytes, o.stationaryBytes, o.outBytes, o.weightArrays, o.macsPerArrayCycle]);
  const edges = policy === "dual" ? s.edges.map((e) => [e.from, e.to, e.maxSharedArrays]) : [];
  return JSON.stringify([policy, chip.arrays, chip.memoryBytesPerCycle, chip.mainBytesPerCycle, ops, edges]);
}

/**
 * Variables: t (θ scaled so the slowest single-array rate is 1), then per operator Com_i, Mem_i, then one
 * shared count per edge.
 */
function model(s: SegmentInput, chip: DmChip, policy: ModePolicy): { problem: MilpProblem; scale: number } {
  const k = s.ops.length;
  const N = chip.arrays;
  const memoryMax = policy === "dual" ? N : 0;
  // t = θ · scale with scale = max_i OP_i / OPcim_i keeps coefficients near 1 whatever the operator sizes.
  const scale = Math.max(...s.ops.map((o) => o.macs / o.macsPerArrayCycle));
  const com = (i: number) => 1 + 2 * i;
  const mem = (i: number) => 2 + 2 * i;
  const shared = (e: number) => 1 + 2 * k + e;
  const vars: MilpProblem["vars"] = [{ kind: "continuous", lb: 0, obj: 1 }];
  s.ops.forEach((o) => {
    vars.push({ kind: "integer", lb: o.weightArrays, ub: N });
    vars.push({ kind: "integer", lb: 0, ub: memoryMax });
  });
  s.edges.forEach((e) => vars.push({ kind: "integer", lb: 0, ub: Math.min(memoryMax, e.maxSharedArrays) }));
  const rows: MilpRow[] = [];
  s.ops.forEach((o, i) => {
    // t ≤ Com_i · OPcim_i · scale / OP_i
    rows.push({ vars: [0, com(i)], coefs: [1, -(o.macsPerArrayCycle * scale) / o.macs], lb: -Infinity, ub: 0 });
    // t ≤ (Mem_i · D_cim + D_main) · AI_i · scale / OP_i
    const perByte = (feedIntensity(o) * scale) / o.macs;
    rows.push({ vars: [0, mem(i)], coefs: [1, -chip.memoryBytesPerCycle * perByte], lb: -Infinity, ub: chip.mainBytesPerCycle * perByte });
  });
  // Σ Com + Σ Mem − Σ shared ≤ N
  const all: number[] = [];
  const coefs: number[] = [];
  s.ops.forEach((_, i) => all.push(com(i), mem(i)) && coefs.push(1, 1));
  s.edges.forEach((_, e) => all.push(shared(e)) && coefs.push(-1));
  rows.push({ vars: all, coefs, lb: -Infinity, ub: N });
  // A shared array is one of its two operators' memory arrays (in- or output buffer, never both roles of one operator).
  s.ops.forEach((_, i) => {
    const v = [mem(i)];
    const c = [-1];
    s.edges.forEach((e, j) => {
      if (e.from === i || e.to === i) {
        v.push(shared(j));
        c.push(1);
      }
    });
    if (v.length > 1) rows.push({ vars: v, coefs: c, lb: -Infinity, ub: 0 });
  });
  return { problem: { sense: "maximize", vars, rows }, scale };
}

function allocationFrom(values: Float64Array, s: SegmentInput): DmAllocation {
  const k = s.ops.length;
  const round = (j: number) => Math.round(values[j]);
  return {
    compute: s.ops.map((_, i) => round(1 + 2 * i)),
    memory: s.ops.map((_, i) => round(2 + 2 * i)),
    shared: s.edges.map((_, e) => round(1 + 2 * k + e)),
  };
}

export interface AllocatorStats {
  milps: number;
  /** Dual-mode segments settled by the lower bound, without a solve. */
  pruned: number;
  /** Dual-mode segments without buffer sharing, solved in closed form. */
  separable: number;
  cacheHits: number;
  solveMs: number;
}

/** Solves segments, caching by signature; `stats` counts the work for the bench and metrics. */
export class SegmentAllocator {
  private readonly cache = new Map<string, Promise<SegmentResult>>();
  readonly stats: AllocatorStats = { milps: 0, pruned: 0, separable: 0, cacheHits: 0, solveMs: 0 };

  constructor(
    private readonly chip: DmChip,
    private readonly policy: ModePolicy,
  ) {}

  solve(s: SegmentInput): Promise<SegmentResult> {
    const key = segmentSignature(s, this.chip, this.policy);
    const hit = this.cache.get(key);
    if (hit) {
      this.stats.cacheHits++;
      return hit;
    }
    const result = this.solveUncached(s);
    this.cache.set(key, result);
    return result;
  }

  private async solveUncached(s: SegmentInput): Promise<SegmentResult> {
    const allCompute = allComputeOptimum(s.ops, s.edges.length, this.chip);
    if (this.policy === "all-compute") return allCompute;
    // Without buffer sharing the operators only compete for arrays: solved in closed form, no MILP.
    if (s.edges.every((e) => e.maxSharedArrays === 0)) {
      this.stats.separable++;
      return separableOptimum(s.ops, s.edges.length, this.chip, true);
    }
    // When no allocation can beat all-compute's θ, its allocation (no memory arrays) is the answer; proven by a
    // lower bound on the arrays any faster allocation needs.
    if (arraysLowerBound(s, this.chip, (1 / allCompute.cycles) * (1 + THETA_TOLERANCE)) > this.chip.arrays) {
      this.stats.pruned++;
      return allCompute;
    }
    const { problem } = model(s, this.chip, this.policy);
    const first = await solveRobust(problem);
    this.stats.milps++;
    this.stats.solveMs += first.solveMs;
    if (!first.hasSolution) throw new Error(`segment MILP: ${first.status}`);
    const firstAllocation = allocationFrom(first.values, s);
    const firstCycles = segmentCycles(s.ops, firstAllocation, this.chip);
    // No second solve when the first allocation already has the fewest memory arrays any allocation within
    // the tolerance of its θ can have.
    const fewest = memoryLowerBound(s, this.chip, (1 / firstCycles) * (1 - THETA_TOLERANCE));
    if (memoryArrays(firstAllocation) <= fewest) {
      return { allocation: firstAllocation, cycles: firstCycles, memoryArrays: memoryArrays(firstAllocation) };
    }
    // Second solve: θ within tolerance of its optimum, fewest physical memory-mode arrays.
    const k = s.ops.length;
    const second: MilpProblem = {
      sense: "minimize",
      vars: problem.vars.map((v, j) => {
        const obj = j === 0 ? 0 : j <= 2 * k ? ((j - 1) % 2 === 1 ? 1 : 0) : -1;
        return { ...v, obj };
      }),
      rows: [...problem.rows, { vars: [0], coefs: [1], lb: first.objective * (1 - THETA_TOLERANCE), ub: Infinity }],
    };
    const refined = await solveRobust(second);
    this.stats.milps++;
    this.stats.solveMs += refined.solveMs;
    const values = refined.hasSolution ? refined.values : first.values;
    const allocation = allocationFrom(values, s);
    return { allocation, cycles: segmentCycles(s.ops, allocation, this.chip), memoryArrays: memoryArrays(allocation) };
  }
}

/**
 * The all-compute optimum without a solver: with no memory mode the problem separates, and the best θ is the
 * largest of the operators' breakpoints θ = c · OPcim_i / OP_i at which Σ_i max(A_i, ⌈θ · OP_i / OPcim_i⌉) ≤ N
 * (a feed-bound operator caps θ lower still, whatever its arrays). The exactness test checks it against brute force.
 */
export function allComputeOptimum(ops: readonly DmOp[], edgeCount: number, chip: DmChip): SegmentResult {
  return separableOptimum(ops, edgeCount, chip, false);
}

/**
 * The optimum of a segment whose operators share no buffers (or of all-compute, `memory` false): each operator
 * then needs c_i(θ) = max(A_i, ⌈θ·OP_i/OPcim_i⌉) compute and m_i(θ) = ⌈(θ·OP_i/AI_i − D_main)/D_cim⌉⁺ memory
 * arrays to reach θ, independently of the others, so the best θ is the largest breakpoint (a c·OPcim_i/OP_i or
 * an (m·D_cim + D_main)·AI_i/OP_i) at which Σ_i c_i + m_i ≤ N. The allocation is the minimal one at θ lowered by
 * the tolerance: the fewest memory arrays within THETA_TOLERANCE of the optimum, as the MILP's second solve
 * chooses. Checked against brute force by the exactness test.
 */
export function separableOptimum(ops: readonly DmOp[], edgeCount: number, chip: DmChip, memory: boolean): SegmentResult {
  const N = chip.arrays;
  const computeNeed = (theta: number, o: DmOp) => Math.max(o.weightArrays, Math.ceil(theta * (o.macs / o.macsPerArrayCycle) * (1 - 1e-12)));
  const memoryNeed = (theta: number, o: DmOp) =>
    memory ? Math.max(0, Math.ceil(((theta * o.macs * (1 - 1e-12)) / feedIntensity(o) - chip.mainBytesPerCycle) / chip.memoryBytesPerCycle)) : 0;
  const feedCap = (o: DmOp) => (chip.mainBytesPerCycle * feedIntensity(o)) / o.macs;
  const fits = (theta: number) => {
    let used = 0;
    for (const o of ops) {
      if (!memory && theta > feedCap(o) * (1 + 1e-12)) return false;
      used += computeNeed(theta, o) + memoryNeed(theta, o);
      if (used > N) return false;
    }
    return true;
  };
  const candidates: number[] = [];
  for (const o of ops) {
    for (let c = o.weightArrays; c <= N; c++) candidates.push((c * o.macsPerArrayCycle) / o.macs);
    if (memory) for (let m = 0; m <= N; m++) candidates.push(((m * chip.memoryBytesPerCycle + chip.mainBytesPerCycle) * feedIntensity(o)) / o.macs);
    else candidates.push(feedCap(o));
  }
  candidates.sort((a, b) => a - b);
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(candidates[mid])) lo = mid;
    else hi = mid - 1;
  }
  const theta = memory ? candidates[lo] * (1 - THETA_TOLERANCE) : candidates[lo];
  const allocation: DmAllocation = {
    compute: ops.map((o) => computeNeed(theta, o)),
    memory: ops.map((o) => memoryNeed(theta, o)),
    shared: new Array(edgeCount).fill(0),
  };
  return { allocation, cycles: segmentCycles(ops, allocation, chip), memoryArrays: memoryArrays(allocation) };
}

/**
 * A lower bound on the arrays any allocation reaching throughput θ uses: each operator needs c_i(θ) compute and
 * m_i(θ) memory arrays; sharing saves at most Σ caps and at most half the memory arrays (a shared array is
 * memory of two operators), and raising Mem_i above m_i to share more saves nothing net.
 */
export function arraysLowerBound(s: SegmentInput, chip: DmChip, theta: number): number {
  let compute = 0;
  for (const o of s.ops) compute += Math.max(o.weightArrays, Math.ceil((theta * o.macs * (1 - 1e-12)) / o.macsPerArrayCycle));
  return compute + memoryLowerBound(s, chip, theta);
}

/** Physical memory-mode arrays any allocation reaching θ needs (the memory part of arraysLowerBound). */
export function memoryLowerBound(s: SegmentInput, chip: DmChip, theta: number): number {
  let memory = 0;
  for (const o of s.ops) {
    memory += Math.max(0, Math.ceil(((theta * o.macs * (1 - 1e-12)) / feedIntensity(o) - chip.mainBytesPerCycle) / chip.memoryBytesPerCycle));
  }
  const caps = s.edges.reduce((sum, e) => sum + e.maxSharedArrays, 0);
  return memory - Math.min(caps, Math.floor(memory / 2));
}
