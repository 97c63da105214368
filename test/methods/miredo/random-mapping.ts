/** A random legal temporal mapping of a problem (monotone levels, G loops off the innermost level); may exceed capacity. */
import { OPERANDS, type Operand } from "../../../src/hardware/dataflow-hw.ts";
import type { Problem, TemporalMapping } from "../../../src/methods/miredo/problem.ts";
import type { Rng } from "../../../src/search/rng.ts";

export function randomMapping(rng: Rng, p: Problem): TemporalMapping {
  const n = p.atoms.length;
  const order = p.atoms.map((_, a) => a);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const level = {} as Record<Operand, number[]>;
  const double = {} as Record<Operand, boolean[]>;
  for (const op of OPERANDS) {
    const L = p.chains[op].length;
    const lv = Array.from({ length: n }, () => rng.int(0, L - 1)).sort((a, b) => a - b);
    level[op] = lv.map((k, i) => (p.atoms[order[i]].dim === "G" && k === L - 1 ? L - 2 : k));
    for (let i = 1; i < n; i++) level[op][i] = Math.max(level[op][i], level[op][i - 1]);
    double[op] = p.chains[op].map((l) => l.doubleBufferable && rng.chance(0.5));
  }
  // G clamping may break monotonicity at the end; fall back to the outer level for any G loop left innermost.
  for (const op of OPERANDS) {
    const L = p.chains[op].length;
    for (let i = 0; i < n; i++) if (p.atoms[order[i]].dim === "G" && level[op][i] === L - 1) for (let j = 0; j <= i; j++) level[op][j] = Math.min(level[op][j], L - 2);
  }
  return { order, level, double };
}
