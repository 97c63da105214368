/** Small random problems for the exactness and agreement tests: random shapes with few temporal loops. */
import type { DataflowHardware, LoopDim } from "../../../src/hardware/dataflow-hw.ts";
import { makeProblem, type Atom, type Problem, type SpatialScheme } from "../../../src/methods/miredo/problem.ts";
import type { Rng } from "../../../src/search/rng.ts";
import type { LoopNest } from "../../../src/methods/miredo/workload.ts";

const SMALL = [2, 3, 4, 5, 7];

/** A layer whose temporal loops are `count` atoms over random dimensions, under a random legal spatial scheme. */
export function randomProblem(rng: Rng, hw: DataflowHardware, count: number): Problem {
  const dims: LoopDim[] = ["R", "S", "P", "Q", "C", "K", "G"];
  const atoms: Atom[] = [];
  for (let i = 0; i < count; i++) atoms.push({ dim: rng.pick(dims), value: rng.pick(SMALL) });
  atoms.sort((a, b) => dims.indexOf(a.dim) - dims.indexOf(b.dim) || b.value - a.value);
  const temporal = Object.fromEntries(dims.map((d) => [d, atoms.filter((a) => a.dim === d).reduce((s, a) => s * a.value, 1)])) as Record<LoopDim, number>;
  const scheme: SpatialScheme = {
    cores: rng.pick([{}, { P: 2 }, { K: 4 }, { Q: 2, K: 2 }, { P: 8 }]),
    rows: rng.pick([{ C: 32 }, { C: 16 }, { R: 3, C: 8 }, { C: 4 }]),
    cols: rng.pick([{ K: 16 }, { K: 8 }, {}]),
  };
  const bounds = { ...temporal };
  for (const d of dims) bounds[d] *= (scheme.cores[d] ?? 1) * (scheme.rows[d] ?? 1) * (scheme.cols[d] ?? 1);
  const strideH = rng.pick([1, 1, 2]);
  const nest: LoopNest = {
    layer: "random",
    bounds,
    strideH,
    strideW: strideH,
    dilationH: 1,
    dilationW: 1,
    inH: (bounds.P - 1) * strideH + bounds.R,
    inW: (bounds.Q - 1) * strideH + bounds.S,
  };
  return makeProblem(nest, hw, scheme, atoms);
}
