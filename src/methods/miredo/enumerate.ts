/**
 * Exhaustive search of the temporal mapping space of one problem: every loop order (equal factors of one
 * dimension kept in index order, as the MILP does), every monotone level split per operand, every
 * double-buffer choice. The honesty check of the MILP on small problems (test/methods/miredo/exactness.test.ts).
 */
import { OPERANDS, type Operand } from "../../hardware/dataflow-hw.ts";
import { combine, operandPlan, type Evaluation } from "./model.ts";
import type { Problem, TemporalMapping } from "./problem.ts";

export type Objective = "latency" | "energy" | "edp";

export function score(e: Evaluation, objective: Objective): number {
  if (!e.feasible) return Infinity;
  if (objective === "latency") return e.latencyCycles;
  if (objective === "energy") return e.energyPj;
  return e.latencyCycles * e.energyPj;
}

/** Loop orders with equal atoms (same dimension and value) in index order. */
export function* orders(p: Problem): Generator<number[]> {
  const n = p.atoms.length;
  const used = new Array<boolean>(n).fill(false);
  const cur: number[] = [];
  function* rec(): Generator<number[]> {
    if (cur.length === n) {
      yield [...cur];
      return;
    }
    for (let a = 0; a < n; a++) {
      if (used[a]) continue;
      const twin = p.atoms.findIndex((b, j) => j < a && !used[j] && b.dim === p.atoms[a].dim && b.value === p.atoms[a].value);
      if (twin >= 0) continue;
      used[a] = true;
      cur.push(a);
      yield* rec();
      cur.pop();
      used[a] = false;
    }
  }
  yield* rec();
}

/** Non-decreasing level sequences of length n over `levels` levels. */
export function splits(n: number, levels: number): number[][] {
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (lo: number): void => {
    if (cur.length === n) {
      out.push([...cur]);
      return;
    }
    for (let k = lo; k < levels; k++) {
      cur.push(k);
      rec(k);
      cur.pop();
    }
  };
  rec(0);
  return out;
}

function doubleChoices(p: Problem, op: Operand): boolean[][] {
  const chain = p.chains[op];
  let out: boolean[][] = [[]];
  for (const l of chain) out = out.flatMap((c) => (l.doubleBufferable ? [[...c, false], [...c, true]] : [[...c, false]]));
  return out;
}

export interface Enumerated {
  best: TemporalMapping | undefined;
  value: number;
  evaluated: number;
}

export function enumerateBest(p: Problem, objective: Objective): Enumerated {
  const n = p.atoms.length;
  const sp = Object.fromEntries(OPERANDS.map((op) => [op, splits(n, p.chains[op].length)])) as Record<Operand, number[][]>;
  const db = Object.fromEntries(OPERANDS.map((op) => [op, doubleChoices(p, op)])) as Record<Operand, boolean[][]>;
  let best: TemporalMapping | undefined;
  let value = Infinity;
  let evaluated = 0;
  for (const order of orders(p)) {
    const legal = (op: Operand) =>
      sp[op].filter((lv) => lv.every((k, i) => !(p.atoms[order[i]].dim === "G" && k === p.chains[op].length - 1)));
    const plans = (op: Operand) => legal(op).map((lv) => ({ lv, plan: operandPlan(p, order, op, lv) }));
    const pI = plans("I");
    const pW = plans("W");
    const pO = plans("O");
    for (const I of pI)
      for (const W of pW)
        for (const O of pO) {
          const pl = { I: I.plan, W: W.plan, O: O.plan };
          for (const dI of db.I)
            for (const dW of db.W)
              for (const dO of db.O) {
                const double = { I: dI, W: dW, O: dO };
                const v = score(combine(p, order, pl, double, false), objective);
                evaluated++;
                if (v < value) {
                  value = v;
                  best = { order, level: { I: I.lv, W: W.lv, O: O.lv }, double };
                }
              }
        }
  }
  return { best, value, evaluated };
}
