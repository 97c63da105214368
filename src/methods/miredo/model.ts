/**
 * The analytical model of one temporal mapping: the latency recursion L0–L6 and the energy model, as pure
 * functions of (problem, mapping). docs/dataflow.md states every rule; the MILP (milp.ts) encodes exactly this
 * model and the event simulator (simulate.ts) replays it in time.
 */
import { OPERANDS, type Operand } from "../../hardware/dataflow-hw.ts";
import {
  C_FACTOR,
  computeEnergyPj,
  moveEnergyPj,
  registerIndex,
  relevantMask,
  tileBits,
  transferCycles,
  type Problem,
  type TemporalMapping,
} from "./problem.ts";

export interface LevelUse {
  /** Chain index of the level. */
  level: number;
  used: boolean;
  /** Bitmask of the atoms whose loops sit at or below this level (the tile). */
  inside: number;
  /** Position of the loop at which a new tile moves in (−1: moved once, before the nest or after it for outputs). */
  fire: number;
  /** Cycles of one move (L0, with the bypassed-register cycle). */
  transferCycles: number;
  /** Moves over the layer. */
  moves: number;
  energyPj: number;
}

export interface Evaluation {
  feasible: boolean;
  /** Why not, when infeasible. */
  reason?: string;
  latencyCycles: number;
  energyPj: number;
  startupCycles: number;
  processCycles: number;
  drainCycles: number;
  energy: { movesPj: number; computePj: number; leakagePj: number };
  levels: Record<Operand, LevelUse[]>;
  /** Per position: Critical(i), the steady-state time of one iteration of loop i. */
  critical: number[];
  /** Per position and operand: cycles of the transfers loop i triggers, and whether they are double-buffered. */
  transfer: Record<Operand, number[]>;
  doubled: Record<Operand, boolean[]>;
  usedRegister: Record<Operand, boolean>;
}

const INFEASIBLE = (reason: string): Evaluation => ({
  feasible: false,
  reason,
  latencyCycles: Infinity,
  energyPj: Infinity,
  startupCycles: 0,
  processCycles: 0,
  drainCycles: 0,
  energy: { movesPj: 0, computePj: 0, leakagePj: 0 },
  levels: { I: [], W: [], O: [] },
  critical: [],
  transfer: { I: [], W: [], O: [] },
  doubled: { I: [], W: [], O: [] },
  usedRegister: { I: false, W: false, O: false },
});

/** Structural legality of a mapping (permutation, monotone levels, G loops off the innermost levels, buffering options). */
export function mappingProblem(p: Problem, m: TemporalMapping): string | undefined {
  const n = p.atoms.length;
  if (m.order.length !== n || new Set(m.order).size !== n || m.order.some((a) => a < 0 || a >= n)) return "order is not a permutation of the loops";
  for (const op of OPERANDS) {
    const lv = m.level[op];
    const chain = p.chains[op];
    if (lv.length !== n) return `${op}: one level per loop expected`;
    for (let i = 0; i < n; i++) {
      if (!Number.isInteger(lv[i]) || lv[i] < 0 || lv[i] >= chain.length) return `${op}: level out of range`;
      if (i > 0 && lv[i] < lv[i - 1]) return `${op}: levels must not decrease inward`;
      if (p.atoms[m.order[i]].dim === "G" && lv[i] === chain.length - 1) return `${op}: a G loop cannot sit at the innermost level`;
    }
    if (m.double[op].length !== chain.length) return `${op}: one double-buffer flag per level expected`;
    if (chain.some((l, k) => m.double[op][k] && !l.doubleBufferable)) return `${op}: double buffering where the level does not allow it`;
  }
  return undefined;
}

/** What one operand's level split implies, independent of the double-buffer bits (enumerate.ts reuses it). */
export interface OperandPlan {
  levels: LevelUse[];
  /** Bits of each level's tile (single-buffered). */
  bits: number[];
  usedRegister: boolean;
}

export function operandPlan(p: Problem, order: readonly number[], op: Operand, lv: readonly number[]): OperandPlan {
  const n = order.length;
  const chain = p.chains[op];
  const rel = relevantMask(p, op);
  const reg = registerIndex(p, op);
  const usedRegister = reg >= 0 && lv.includes(reg);
  const penalty = reg >= 0 && !usedRegister ? 1 : 0;
  const bits: number[] = [];
  const levels = chain.map((l, k): LevelUse => {
    let inside = 0;
    for (let i = 0; i < n; i++) if (lv[i] >= k) inside |= 1 << order[i];
    const used = k === 0 || !l.bypassable || lv.includes(k);
    bits.push(k === 0 || !used ? 0 : tileBits(p, op, k, inside));
    if (k === 0 || !used) return { level: k, used, inside, fire: -1, transferCycles: 0, moves: 0, energyPj: 0 };
    let fire = -1;
    for (let i = 0; i < n; i++) if (lv[i] < k && rel & (1 << order[i])) fire = i;
    let moves = 1;
    for (let i = 0; i <= fire; i++) moves *= p.atoms[order[i]].value;
    return {
      level: k,
      used,
      inside,
      fire,
      transferCycles: transferCycles(p, op, k, inside) + penalty,
      moves,
      energyPj: moves * moveEnergyPj(p, op, k, inside),
    };
  });
  return { levels, bits, usedRegister };
}

export function evaluate(p: Problem, m: TemporalMapping): Evaluation {
  const bad = mappingProblem(p, m);
  if (bad) return INFEASIBLE(bad);
  const plans = {} as Record<Operand, OperandPlan>;
  for (const op of OPERANDS) plans[op] = operandPlan(p, m.order, op, m.level[op]);
  return combine(p, m.order, plans, m.double);
}

/** The capacity check, L1–L6 and the energy total for fixed plans and double-buffer bits. */
const OVER_CAPACITY = INFEASIBLE("a level's tiles exceed its capacity");

/** `detail` false: an over-capacity mapping returns one shared result without its numbers (the enumerator's hot path). */
export function combine(p: Problem, order: readonly number[], plans: Record<Operand, OperandPlan>, double: Record<Operand, boolean[]>, detail = true): Evaluation {
  const n = order.length;
  const F = order.map((a) => p.atoms[a].value);
  const levels = { I: plans.I.levels, W: plans.W.levels, O: plans.O.levels };
  const usedRegister = { I: plans.I.usedRegister, W: plans.W.usedRegister, O: plans.O.usedRegister };

  // Capacity: every used level holds its operands' tiles, twice when double-buffered.
  // Slot h + 1 holds hardware level h (slot 0: the macro).
  const demand = new Float64Array(p.hw.levels.length + 1);
  for (const op of OPERANDS) {
    const chain = p.chains[op];
    const bits = plans[op].bits;
    for (let k = 1; k < bits.length; k++) demand[chain[k].hwIndex + 1] += bits[k] * (double[op][k] ? 2 : 1);
  }
  for (let h = -1; h < p.hw.levels.length; h++) {
    const size = h < 0 ? p.chains.W[p.chains.W.length - 1].sizeBits : p.hw.levels[h].sizeBits;
    if (h !== 0 && demand[h + 1] > size) return !detail ? OVER_CAPACITY : INFEASIBLE(`${h < 0 ? "Macro" : p.hw.levels[h].name} needs ${demand[h + 1]} bits, holds ${size}`);
  }

  // L1: transfers triggered at each loop; a loop is double-buffered for an operand when every level it fills is.
  const transfer = {} as Record<Operand, number[]>;
  const doubled = {} as Record<Operand, boolean[]>;
  for (const op of OPERANDS) {
    transfer[op] = new Array<number>(n).fill(0);
    const all = new Array<boolean>(n).fill(true);
    const any = new Array<boolean>(n).fill(false);
    for (const u of levels[op]) {
      if (u.fire < 0) continue;
      transfer[op][u.fire] += u.transferCycles;
      any[u.fire] = true;
      if (!double[op][u.level]) all[u.fire] = false;
    }
    doubled[op] = any.map((a, i) => a && all[i]);
  }

  // L2–L4, innermost loop first.
  const tMac = p.hw.macro.tMacCycles;
  let process: Record<Operand, number> = { I: tMac, W: tMac, O: tMac };
  const critical = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let body = 0;
    for (const op of OPERANDS) {
      const overlap = i + 1 < n && doubled[op][i + 1] ? transfer[op][i + 1] : 0;
      body = Math.max(body, process[op] - overlap);
      // The child's port carries F_{i+1} transfers per iteration of loop i, prefetched or not.
      if (i + 1 < n) body = Math.max(body, F[i + 1] * C_FACTOR[op] * transfer[op][i + 1]);
    }
    let crit = body;
    for (const op of OPERANDS) {
      const t = C_FACTOR[op] * transfer[op][i];
      crit = Math.max(crit, doubled[op][i] ? t : t + body);
    }
    critical[i] = crit;
    const next = {} as Record<Operand, number>;
    for (const op of OPERANDS) next[op] = C_FACTOR[op] * transfer[op][i] + process[op] + (F[i] - 1) * crit;
    process = next;
  }

  // L5–L6: one-time fills of inputs and weights before the nest, one-time write-back of outputs after it.
  const once = (op: Operand) => levels[op].reduce((s, u) => s + (u.level > 0 && u.used && u.fire < 0 ? u.transferCycles : 0), 0);
  const startupCycles = Math.max(once("I"), once("W"));
  const drainCycles = once("O");
  const processCycles = Math.max(process.I, process.W, process.O);
  const latencyCycles = startupCycles + processCycles + drainCycles;

  const movesPj = OPERANDS.reduce((s, op) => s + levels[op].reduce((t, u) => t + u.energyPj, 0), 0);
  const computePj = computeEnergyPj(p, usedRegister);
  const leakagePj = p.hw.leakage.pjPerCycle * latencyCycles;
  return {
    feasible: true,
    latencyCycles,
    energyPj: movesPj + computePj + leakagePj,
    startupCycles,
    processCycles,
    drainCycles,
    energy: { movesPj, computePj, leakagePj },
    levels,
    critical,
    transfer,
    doubled,
    usedRegister,
  };
}
