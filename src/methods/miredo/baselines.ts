/**
 * The two baselines of the paper, on the same hardware and scored by the same model:
 * - weight-stationary (WS): a fixed loop order, weight loops outside (G, K, C, R, S) and the output-row loops
 *   inside (P, Q), so a weight tile stays in the macro while the outputs stream; each operand's loops sit as deep
 *   as capacity allows, operands filled in the order (of six) that suits the objective best; no double buffering;
 * - greedy (ZigZag/LOMA-like): the loop order built greedily from the innermost loop outward, one common level
 *   split for all operands ("even" mapping, no per-operand split), filled as deep as capacity allows, no double
 *   buffering.
 */
import { OPERANDS, type LoopDim, type Operand } from "../../hardware/dataflow-hw.ts";
import { score, type Objective } from "./enumerate.ts";
import { evaluate, type Evaluation } from "./model.ts";
import type { Problem, TemporalMapping } from "./problem.ts";

const WS_ORDER: LoopDim[] = ["G", "K", "C", "R", "S", "P", "Q"];

function noDouble(p: Problem): Record<Operand, boolean[]> {
  return { I: p.chains.I.map(() => false), W: p.chains.W.map(() => false), O: p.chains.O.map(() => false) };
}

/** Operand by operand (in `ops` order, so earlier operands claim shared capacity first): loops as deep as capacity allows. */
function deepestLevels(p: Problem, order: number[], ops: readonly Operand[]): Record<Operand, number[]> {
  const n = order.length;
  const level = { I: new Array<number>(n).fill(0), W: new Array<number>(n).fill(0), O: new Array<number>(n).fill(0) };
  for (const op of ops) {
    const L = p.chains[op].length;
    for (let i = n - 1; i >= 0; i--) {
      const hi = i + 1 < n ? level[op][i + 1] : L - 1;
      for (let k = hi; k >= 0; k--) {
        const trial = { ...level, [op]: level[op].map((v, j) => (j === i ? k : j < i ? 0 : v)) };
        if (evaluate(p, { order, level: trial, double: noDouble(p) }).feasible) {
          level[op][i] = k;
          break;
        }
      }
    }
  }
  return level;
}

const OPERAND_ORDERS: readonly (readonly Operand[])[] = [
  ["I", "W", "O"],
  ["I", "O", "W"],
  ["W", "I", "O"],
  ["W", "O", "I"],
  ["O", "I", "W"],
  ["O", "W", "I"],
];

/** The fixed weight-stationary order; of the six operand orders for the deepest fill, the one best for the objective. */
export function weightStationary(p: Problem, objective: Objective = "edp"): TemporalMapping {
  const order = p.atoms.map((_, a) => a).sort((a, b) => WS_ORDER.indexOf(p.atoms[a].dim) - WS_ORDER.indexOf(p.atoms[b].dim) || a - b);
  let best: { m: TemporalMapping; v: number } | undefined;
  for (const ops of OPERAND_ORDERS) {
    const m = { order, level: deepestLevels(p, order, ops), double: noDouble(p) };
    const v = score(evaluate(p, m), objective);
    if (!best || v < best.v) best = { m, v };
  }
  return (best as { m: TemporalMapping }).m;
}

/** Common tiers: tier t maps to each operand's chain level min(t, chain length − 1). */
function tiered(p: Problem, order: number[], tier: number[]): TemporalMapping {
  const level = {} as Record<Operand, number[]>;
  for (const op of OPERANDS) level[op] = tier.map((t) => Math.min(t, p.chains[op].length - 1));
  return { order, level, double: noDouble(p) };
}

function evenFill(p: Problem, order: number[]): TemporalMapping {
  const n = order.length;
  const tiers = Math.max(...OPERANDS.map((op) => p.chains[op].length));
  const tier = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const hi = i + 1 < n ? tier[i + 1] : tiers - 1;
    for (let t = hi; t >= 0; t--) {
      const trial = tier.map((v, j) => (j === i ? t : j < i ? 0 : v));
      const m = tiered(p, order, trial);
      if (!m.level.I.some((k, j) => p.atoms[order[j]].dim === "G" && k === p.chains.I.length - 1) && evaluate(p, m).feasible) {
        tier[i] = t;
        break;
      }
    }
  }
  return tiered(p, order, tier);
}

export function greedy(p: Problem, objective: Objective): TemporalMapping {
  const left = p.atoms.map((_, a) => a);
  const inner: number[] = [];
  while (left.length > 0) {
    let best: { a: number; v: number } | undefined;
    for (const a of left) {
      const rest = left.filter((b) => b !== a);
      const m = evenFill(p, [...rest, a, ...inner]);
      const v = score(evaluate(p, m), objective);
      if (!best || v < best.v) best = { a, v };
    }
    const pick = (best as { a: number }).a;
    inner.unshift(pick);
    left.splice(left.indexOf(pick), 1);
  }
  return evenFill(p, inner);
}

export interface Baselines {
  ws: { mapping: TemporalMapping; evaluation: Evaluation };
  greedy: { mapping: TemporalMapping; evaluation: Evaluation };
}

export function baselines(p: Problem, objective: Objective): Baselines {
  const ws = weightStationary(p, objective);
  const g = greedy(p, objective);
  return { ws: { mapping: ws, evaluation: evaluate(p, ws) }, greedy: { mapping: g, evaluation: evaluate(p, g) } };
}
