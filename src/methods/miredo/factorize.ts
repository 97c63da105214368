/**
 * Flexible factorisation (MIREDO §IV-B, reference code `flexible_factorization`): a temporal bound becomes its
 * prime factors, merged until the dimension has at most `perDim` factors (the hardware's placement depth) and
 * the whole nest at most `total` (what keeps one MILP small). Each merge joins the two smallest factors of the
 * dimension with the most factors: small factors are the ones whose separate placement changes least (a
 * simpler loss than the paper's FlexScore; docs/dataflow.md).
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

function mergeSmallest(fs: number[]): void {
  fs.sort((a, b) => a - b);
  const merged = fs[0] * fs[1];
  fs.splice(0, 2, merged);
}

export function factorize(bounds: Record<LoopDim, number>, perDim: number, total: number): Atom[] {
  const per = new Map<LoopDim, number[]>(LOOP_DIMS.map((d) => [d, primeFactors(bounds[d])]));
  for (const fs of per.values()) while (fs.length > perDim) mergeSmallest(fs);
  const count = () => [...per.values()].reduce((s, fs) => s + fs.length, 0);
  while (count() > total) {
    let worst: number[] | undefined;
    for (const d of LOOP_DIMS) {
      const fs = per.get(d) as number[];
      if (fs.length >= 2 && (!worst || fs.length > worst.length)) worst = fs;
    }
    if (!worst) break;
    mergeSmallest(worst);
  }
  const atoms: Atom[] = [];
  for (const d of LOOP_DIMS) for (const v of (per.get(d) as number[]).sort((a, b) => b - a)) atoms.push({ dim: d, value: v });
  return atoms;
}
