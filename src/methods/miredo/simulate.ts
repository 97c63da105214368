/**
 * Event simulator of one temporal mapping: it walks every iteration of the loop nest in time with one timer per
 * (loop position, operand), i.e. per (level, operand) transfer port, instead of the analytical model's closed
 * form. A transfer into a double-buffered level starts as soon as the port is free and the previous iteration has
 * started (it fills the other half); a single-buffered one waits until the previous iteration's work is done.
 * The first transfer of a loop whose level is double-buffered is fetched while the parent's previous iteration
 * runs. Every cycle an iteration waits for data is charged to one stall class:
 * - transfer: waiting on a single-buffered input transfer;
 * - weightLoad: waiting on a single-buffered weight load into the macro (memory and compute modes exclusive);
 * - mismatch: waiting on a double-buffered transfer that is slower than the work it overlaps;
 * - writeBack: waiting on a single-buffered partial-sum / output exchange.
 * Transfer times per move are the model's L0 (problem.ts); everything dynamic is the simulator's own.
 */
import { OPERANDS, type Operand } from "../../hardware/dataflow-hw.ts";
import { C_FACTOR, type Problem, type TemporalMapping } from "./problem.ts";
import { evaluate } from "./model.ts";

export interface Stalls {
  transfer: number;
  weightLoad: number;
  mismatch: number;
  writeBack: number;
}

export interface Simulation {
  latencyCycles: number;
  /** Cycles of pure compute (t_MAC × iterations). */
  computeCycles: number;
  stalls: Stalls;
  startupCycles: number;
  drainCycles: number;
}

/** Iterations the simulator walks at most; beyond it the caller should not ask (a layer has far fewer). */
export const MAX_SIM_ITERATIONS = 5e6;

export function simulate(p: Problem, m: TemporalMapping): Simulation {
  const e = evaluate(p, m);
  if (!e.feasible) throw new Error(`simulate: infeasible mapping (${e.reason})`);
  if (p.iterations > MAX_SIM_ITERATIONS) throw new Error(`simulate: ${p.iterations} iterations exceed ${MAX_SIM_ITERATIONS}`);
  const n = m.order.length;
  const F = m.order.map((a) => p.atoms[a].value);
  const tMac = p.hw.macro.tMacCycles;
  const T = (op: Operand, i: number) => C_FACTOR[op] * e.transfer[op][i];
  const stalls: Stalls = { transfer: 0, weightLoad: 0, mismatch: 0, writeBack: 0 };
  const portFree = OPERANDS.map(() => new Float64Array(n));
  const classOf = (op: Operand, doubled: boolean): keyof Stalls => (doubled ? "mismatch" : op === "W" ? "weightLoad" : op === "O" ? "writeBack" : "transfer");

  /**
   * Runs every iteration of loop i; `start` is when the parent's iteration may begin it, `prefetchFrom` per operand
   * the time from which its first transfer could be fetched early (−1: not early). Returns the end time.
   */
  const run = (i: number, start: number, prefetchFrom: number[]): number => {
    if (i === n) return start + tMac;
    let prevStart = start;
    let prevEnd = start;
    let end = start;
    for (let k = 0; k < F[i]; k++) {
      let ready = k === 0 ? start : prevEnd;
      let waitOp: Operand | undefined;
      let waitDoubled = false;
      OPERANDS.forEach((op, o) => {
        const t = T(op, i);
        if (t === 0) return;
        const doubled = e.doubled[op][i];
        let from: number;
        if (k === 0) from = prefetchFrom[o] >= 0 ? prefetchFrom[o] : start;
        else from = doubled ? prevStart : prevEnd;
        const s = Math.max(from, portFree[o][i]);
        const done = s + t;
        portFree[o][i] = done;
        if (done > ready) {
          ready = done;
          waitOp = op;
          waitDoubled = doubled;
        }
      });
      const earliest = k === 0 ? start : prevEnd;
      if (waitOp !== undefined && ready > earliest) stalls[classOf(waitOp, waitDoubled)] += ready - earliest;
      // The child's first transfer may be fetched during this loop's previous iteration when the child is double-buffered.
      const childPrefetch = OPERANDS.map((op) => (i + 1 < n && e.doubled[op][i + 1] && k > 0 ? prevStart : -1));
      const bodyStart = ready;
      end = run(i + 1, bodyStart, childPrefetch);
      prevStart = bodyStart;
      prevEnd = end;
    }
    return end;
  };
  const processEnd = run(0, 0, OPERANDS.map(() => -1));
  const latencyCycles = e.startupCycles + processEnd + e.drainCycles;
  return { latencyCycles, computeCycles: p.iterations * tMac, stalls, startupCycles: e.startupCycles, drainCycles: e.drainCycles };
}
