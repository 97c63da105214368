/**
 * Brute force under the same cost model as the DP + MILP: every integer allocation of every segment, every
 * segmentation. Independent of the solver and of the DP; shares only the pure cost functions.
 */
import {
  feasible, memoryArrays, reloadCycles, segmentCycles, switchCycles, writeBackCycles, type DmAllocation, type DmChip,
  type DmEdge, type DmOp,
} from "../../../src/cost/dualmode.ts";
import { THETA_TOLERANCE, type ModePolicy } from "../../../src/methods/cmswitch/allocate.ts";
import type { PlanInput } from "../../../src/methods/cmswitch/plan.ts";

/** Calls visit for every feasible allocation (pruned on arrays used, which only grows as operators are added). */
function eachAllocation(ops: DmOp[], edges: DmEdge[], chip: DmChip, policy: ModePolicy, visit: (a: DmAllocation) => void): void {
  const k = ops.length;
  const N = chip.arrays;
  const a: DmAllocation = { compute: new Array(k).fill(0), memory: new Array(k).fill(0), shared: new Array(edges.length).fill(0) };
  const into = ops.map((_, i) => edges.map((e, j) => (e.to === i ? j : -1)).filter((j) => j >= 0));
  const memMax = policy === "dual" ? N : 0;
  const rec = (i: number, used: number) => {
    if (i === k) {
      if (feasible(ops, edges, a, chip)) visit({ compute: [...a.compute], memory: [...a.memory], shared: [...a.shared] });
      return;
    }
    for (let c = ops[i].weightArrays; used + c <= N; c++) {
      for (let m = 0; m <= memMax && used + c + m <= N + m; m++) {
        a.compute[i] = c;
        a.memory[i] = m;
        const sharedRec = (t: number, sharedSum: number) => {
          const net = used + c + m - sharedSum;
          if (t === into[i].length) {
            if (net <= N) rec(i + 1, net);
            return;
          }
          const e = into[i][t];
          for (let r = 0; r <= Math.min(edges[e].maxSharedArrays, m, memMax); r++) {
            a.shared[e] = r;
            sharedRec(t + 1, sharedSum + r);
          }
          a.shared[e] = 0;
        };
        sharedRec(0, 0);
      }
    }
    a.compute[i] = 0;
    a.memory[i] = 0;
  };
  rec(0, 0);
}

export function bruteSegment(ops: DmOp[], edges: DmEdge[], chip: DmChip, policy: ModePolicy): { cycles: number; memoryArrays: number } {
  let bestTheta = 0;
  eachAllocation(ops, edges, chip, policy, (a) => {
    bestTheta = Math.max(bestTheta, 1 / segmentCycles(ops, a, chip));
  });
  let fewest = Infinity;
  let cycles = Infinity;
  eachAllocation(ops, edges, chip, policy, (a) => {
    const theta = 1 / segmentCycles(ops, a, chip);
    if (theta < bestTheta * (1 - THETA_TOLERANCE)) return;
    const m = memoryArrays(a);
    if (m < fewest || (m === fewest && 1 / theta < cycles)) {
      fewest = m;
      cycles = 1 / theta;
    }
  });
  return { cycles, memoryArrays: fewest };
}

/**
 * The cheapest total over every segmentation (2^(m−1) of them) and, in dual mode, every choice per segment
 * between its dual-mode and its all-compute optimum.
 */
export function bruteTotal(input: PlanInput, chip: DmChip, arrayBytes: number, policy: ModePolicy): number {
  const m = input.ops.length;
  const cache = new Map<string, { cycles: number; memoryArrays: number } | null>();
  const seg = (s: number, e: number, p: ModePolicy) => {
    const key = `${s},${e},${p}`;
    if (!cache.has(key)) {
      const ops = input.ops.slice(s, e + 1);
      const weights = ops.reduce((sum, o) => sum + o.weightArrays, 0);
      const edges = input.edges.filter((x) => x.from >= s && x.to <= e).map((x) => ({ ...x, from: x.from - s, to: x.to - s }));
      cache.set(key, weights <= chip.arrays ? bruteSegment(ops, edges, chip, p) : null);
    }
    return cache.get(key) ?? null;
  };
  const live = (s: number, e: number) => input.ops.slice(s, e + 1).reduce((b, o) => b + (o.lastConsumer > e ? o.outBytes : 0), 0);
  let best = Infinity;
  for (let mask = 0; mask < 1 << (m - 1); mask++) {
    const cuts: [number, number][] = [];
    let s = 0;
    for (let i = 0; i < m; i++) {
      if (i === m - 1 || mask & (1 << i)) {
        cuts.push([s, i]);
        s = i + 1;
      }
    }
    const options: ModePolicy[] = policy === "dual" ? ["dual", "all-compute"] : ["all-compute"];
    for (let choice = 0; choice < options.length ** cuts.length; choice++) {
      let total = 0;
      let prev: { s: number; e: number; p: ModePolicy } | undefined;
      let code = choice;
      for (const [a, b] of cuts) {
        const p = options[code % options.length];
        code = Math.floor(code / options.length);
        const r = seg(a, b, p);
        if (!r) {
          total = Infinity;
          break;
        }
        const pm = prev ? (seg(prev.s, prev.e, prev.p) as { memoryArrays: number }).memoryArrays : 0;
        const liveOut = prev ? live(prev.s, prev.e) : 0;
        total += r.cycles + reloadCycles(input.ops.slice(a, b + 1), chip) + switchCycles(pm, r.memoryArrays, chip);
        total += writeBackCycles(pm, r.memoryArrays, liveOut, arrayBytes, chip);
        prev = { s: a, e: b, p };
      }
      best = Math.min(best, total);
    }
  }
  return best;
}
