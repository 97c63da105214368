/**
 * Flexible factorisation (MIREDO §IV-B, Algorithm 1; reference code `flexible_factorization`): a temporal bound
 * becomes its prime factors, merged until the dimension has at most `perDim` factors (the hardware's placement
 * depth) and the whole nest at most `total` (what keeps one MILP small).
 *
 * Which pair to merge follows the paper's FlexScore: the number of distinct ways a dimension's factors can be
 * split into 1, 2 or 3 loops (partitions of the factor multiset into at most three non-empty blocks, counted by
 * the multiset of block products, i.e. by the loop bounds they give). Each step merges the pair of factors of one
 * dimension whose merge loses the least relative FlexScore; ties go to the smaller merged product, then to the
 * dimension order. The paper also stops early when the loss exceeds a threshold α; here the caps are hard (they
 * bound the MILP's size), so merging always continues down to them.
 */
import { LOOP_DIMS, type LoopDim } from "../../hardware/dataflow-hw.ts";
import type { Atom } from "./problem.ts";

export function primeFactors(n: number): number[] {
  const out: number[] = [];
  let m = n;
  for (let f = 2; f * f <= m; f++) {
    while (m % f === 0) {
      out.push(f);
      m /= f;
    }
  }
  if (m > 1) out.push(m);
  return out;
}

/** Distinct loop-bound multisets obtained by splitting the factors `fs` into 1, 2 or 3 non-empty groups. */
export function flexScore(fs: readonly number[]): number {
  if (fs.length === 0) return 1;
  const seen = new Set<string>();
  const blocks: number[] = [];
  const rec = (i: number): void => {
    if (i === fs.length) {
      seen.add([...blocks].sort((a, b) => a - b).join("·"));
      return;
    }
    for (let b = 0; b < blocks.length; b++) {
      blocks[b] *= fs[i];
      rec(i + 1);
      blocks[b] /= fs[i];
    }
    if (blocks.length < 3) {
      blocks.push(fs[i]);
      rec(i + 1);
      blocks.pop();
    }
  };
  rec(0);
  return seen.size;
}

interface Merge {
  loss: number;
  product: number;
  i: number;
  j: number;
}

/** The merge of two factors of `fs` that loses the least relative FlexScore (undefined with fewer than two). */
export function bestMerge(fs: readonly number[]): Merge | undefined {
  const before = flexScore(fs);
  let best: Merge | undefined;
  const tried = new Set<string>();
  for (let i = 0; i < fs.length; i++) {
    for (let j = i + 1; j < fs.length; j++) {
      const pair = `${Math.min(fs[i], fs[j])}·${Math.max(fs[i], fs[j])}`;
      if (tried.has(pair)) continue; // equal pairs give the same multiset
      tried.add(pair);
      const after = flexScore([...fs.filter((_, k) => k !== i && k !== j), fs[i] * fs[j]]);
      const m = { loss: (before - after) / before, product: fs[i] * fs[j], i, j };
      if (!best || m.loss < best.loss - 1e-12 || (Math.abs(m.loss - best.loss) <= 1e-12 && m.product < best.product)) best = m;
    }
  }
  return best;
}

function apply(fs: number[], m: Merge): void {
  const merged = fs[m.i] * fs[m.j];
  fs.splice(m.j, 1);
  fs.splice(m.i, 1, merged);
}

export function factorize(bounds: Record<LoopDim, number>, perDim: number, total: number): Atom[] {
  const per = new Map<LoopDim, number[]>(LOOP_DIMS.map((d) => [d, primeFactors(bounds[d])]));
  for (const fs of per.values()) {
    while (fs.length > perDim) apply(fs, bestMerge(fs) as Merge);
  }
  const count = () => [...per.values()].reduce((s, fs) => s + fs.length, 0);
  while (count() > total) {
    let pick: { fs: number[]; m: Merge } | undefined;
    for (const d of LOOP_DIMS) {
      const fs = per.get(d) as number[];
      const m = bestMerge(fs);
      if (!m) continue;
      if (!pick || m.loss < pick.m.loss - 1e-12 || (Math.abs(m.loss - pick.m.loss) <= 1e-12 && m.product < pick.m.product)) pick = { fs, m };
    }
    if (!pick) break;
    apply(pick.fs, pick.m);
  }
  const atoms: Atom[] = [];
  for (const d of LOOP_DIMS) for (const v of (per.get(d) as number[]).sort((a, b) => b - a)) atoms.push({ dim: d, value: v });
  return atoms;
}
