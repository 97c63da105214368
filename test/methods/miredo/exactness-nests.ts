/**
 * Exactness with loop order on deeper nests (5 and 6 loops, every factor > 1): the full MILP (order, levels,
 * buffering all decided inside) against enumeration of every order × per-operand split × double-buffer choice,
 * scored by the same model. Brute force over 5–6 loops on the full 7-level chip is beyond a test budget
 * (≈ 14 M mappings for 4 loops), so these cases use the default chip without its two registers and with the
 * global buffer single-buffered (3 levels per operand, 12 double-buffer choices), and nests with repeated
 * factors (as ResNet's are: fc is C4 C2 C2 K2 K2 K2), which keeps the order count within budget.
 */
import { describe, expect, it } from "vitest";
import { loadDataflowHardware, type DataflowHardware, type LoopDim } from "../../../src/hardware/dataflow-hw.ts";
import { enumerateBest, orders, score, type Objective } from "../../../src/methods/miredo/enumerate.ts";
import { solveProblem } from "../../../src/methods/miredo/milp.ts";
import { makeProblem, type Atom, type Problem, type SpatialScheme } from "../../../src/methods/miredo/problem.ts";
import { Rng } from "../../../src/search/rng.ts";

const DIMS: LoopDim[] = ["R", "S", "P", "Q", "C", "K", "G"];

export function reducedChip(): DataflowHardware {
  const base = loadDataflowHardware("miredo-8core-28nm");
  return { ...base, levels: base.levels.filter((l) => l.kind !== "register").map((l) => (l.name === "GlobalBuffer" ? { ...l, doubleBufferable: false } : l)) };
}

/** `count` atoms over count − 2 distinct (dimension, value) kinds: two of them repeat. */
function deepProblem(rng: Rng, hw: DataflowHardware, count: number): Problem {
  const kinds = Array.from({ length: count - 2 }, () => ({ dim: rng.pick(DIMS), value: rng.pick([2, 3, 4]) }));
  const atoms: Atom[] = [...kinds, rng.pick(kinds), rng.pick(kinds)].map((a) => ({ ...a }));
  atoms.sort((a, b) => DIMS.indexOf(a.dim) - DIMS.indexOf(b.dim) || b.value - a.value);
  const scheme: SpatialScheme = {
    cores: rng.pick([{}, { P: 2 }, { K: 4 }]),
    rows: rng.pick([{ C: 16 }, { R: 3, C: 8 }, { C: 4 }]),
    cols: rng.pick([{ K: 16 }, { K: 8 }, {}]),
  };
  const bounds = Object.fromEntries(DIMS.map((d) => [d, atoms.filter((a) => a.dim === d).reduce((s, a) => s * a.value, 1)])) as Record<LoopDim, number>;
  for (const d of DIMS) bounds[d] *= (scheme.cores[d] ?? 1) * (scheme.rows[d] ?? 1) * (scheme.cols[d] ?? 1);
  const nest = { layer: "deep", bounds, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, inH: bounds.P + bounds.R - 1, inW: bounds.Q + bounds.S - 1 };
  return makeProblem(nest, hw, scheme, atoms);
}

export function deepExactnessCases(seed: number, count: number, loops: number): void {
  const hw = reducedChip();
  const rng = new Rng(seed);
  const problems = Array.from({ length: count }, () => deepProblem(rng, hw, loops));
  describe(`full MILP optimum = enumerated optimum over every loop order (${loops} loops, seed ${seed})`, () => {
    problems.forEach((p, t) => {
      const objective: Objective = t % 2 === 0 ? "latency" : "energy";
      it(`${p.atoms.map((a) => a.dim + a.value).join("·")} ${objective}`, async () => {
        // The enumeration really ranges over orders: more than one distinct order exists.
        expect([...orders(p)].length).toBeGreaterThan(1);
        const bf = enumerateBest(p, objective);
        const r = await solveProblem(p, objective, { timeLimitS: 120, mipRelGap: 1e-7 });
        expect(r.optimal).toBe(true);
        const milp = score(r.evaluation!, objective);
        expect(Number.isFinite(bf.value)).toBe(true);
        expect(Math.abs(milp - r.objective) / bf.value).toBeLessThan(1e-6);
        expect(Math.abs(milp - bf.value) / bf.value).toBeLessThanOrEqual(1e-6);
      }, 180_000);
    });
  });
}
