/**
 * One optimisation problem: a layer's loop nest on a hardware description under one spatial scheme. Holds the
 * temporal loop atoms (flexible factorisation), each operand's chain of memory levels, and the tile arithmetic
 * every model shares (tile sizes of a set of atoms at a level, transfer times, move energies).
 */
import { axisOf, macroSizeBits, OPERANDS, type DataflowHardware, type LoopDim, type Operand } from "../../hardware/dataflow-hw.ts";
import { haloExtent, REDUCTION, RELEVANT, type LoopNest } from "./workload.ts";

/** Unroll factor per loop on one spatial axis (absent = 1). */
export type Unroll = Partial<Record<LoopDim, number>>;

export interface SpatialScheme {
  cores: Unroll;
  rows: Unroll;
  cols: Unroll;
}

/** One temporal loop: a factor of a dimension's temporal bound. */
export interface Atom {
  dim: LoopDim;
  value: number;
}

/** A memory level as one operand sees it. */
export interface ChainLevel {
  name: string;
  /** Index into hw.levels, or −1 for the macro (the innermost weight level). */
  hwIndex: number;
  perCore: boolean;
  sizeBits: number;
  readBitsPerCycle: number;
  writeBitsPerCycle: number;
  readPjPerBit: number;
  writePjPerBit: number;
  bypassable: boolean;
  doubleBufferable: boolean;
}

export interface Problem {
  nest: LoopNest;
  hw: DataflowHardware;
  scheme: SpatialScheme;
  atoms: Atom[];
  chains: Record<Operand, ChainLevel[]>;
  /** Cores the scheme uses (product of the core axis's unroll). */
  activeCores: number;
  /** Temporal iterations (product of all atoms). */
  iterations: number;
}

/** A temporal mapping: loop order and, per operand, the chain level of every position and the double-buffer bits. */
export interface TemporalMapping {
  /** Atom indices, outermost loop first. */
  order: number[];
  /** Per operand: chain index of each position (non-decreasing inward). */
  level: Record<Operand, number[]>;
  /** Per operand: double-buffered flag of each chain level. */
  double: Record<Operand, boolean[]>;
}

export const C_FACTOR: Record<Operand, number> = { I: 1, W: 1, O: 2 };

export function unrollOf(u: Unroll, d: LoopDim): number {
  return u[d] ?? 1;
}

/** The per-operand chains: the hardware levels holding the operand, outer to inner; weights end in the macro. */
export function operandChains(hw: DataflowHardware): Record<Operand, ChainLevel[]> {
  const chains = {} as Record<Operand, ChainLevel[]>;
  for (const op of OPERANDS) {
    chains[op] = hw.levels
      .map((l, k) => ({ l, k }))
      .filter(({ l }) => l.operands.includes(op))
      .map(({ l, k }) => ({
        name: l.name,
        hwIndex: k,
        perCore: l.perCore,
        sizeBits: l.sizeBits,
        readBitsPerCycle: l.readBitsPerCycle,
        writeBitsPerCycle: l.writeBitsPerCycle,
        readPjPerBit: l.readPjPerBit,
        writePjPerBit: l.writePjPerBit,
        bypassable: l.bypassable,
        doubleBufferable: l.doubleBufferable,
      }));
  }
  chains.W.push({
    name: "Macro",
    hwIndex: -1,
    perCore: true,
    sizeBits: macroSizeBits(hw),
    readBitsPerCycle: hw.macro.writeBitsPerCycle,
    writeBitsPerCycle: hw.macro.writeBitsPerCycle,
    readPjPerBit: 0,
    writePjPerBit: hw.macro.writePjPerBit,
    bypassable: false,
    doubleBufferable: hw.macro.pingPong,
  });
  return chains;
}

/** The deepest per-operand chain: how many levels a dimension's factors can spread over. */
export function placementDepth(hw: DataflowHardware): number {
  const c = operandChains(hw);
  return Math.max(...OPERANDS.map((op) => c[op].length));
}

export function makeProblem(nest: LoopNest, hw: DataflowHardware, scheme: SpatialScheme, atoms: Atom[]): Problem {
  const activeCores = Object.values(scheme.cores).reduce<number>((a, b) => a * (b ?? 1), 1);
  return {
    nest,
    hw,
    scheme,
    atoms,
    chains: operandChains(hw),
    activeCores,
    iterations: atoms.reduce((a, t) => a * t.value, 1),
  };
}

/** Spatial unroll of loop d seen by a level: macro axes always, the core axis only at shared levels. */
function spatialAt(p: Problem, d: LoopDim, shared: boolean): number {
  const s = unrollOf(p.scheme.rows, d) * unrollOf(p.scheme.cols, d);
  return shared ? s * unrollOf(p.scheme.cores, d) : s;
}

/** Elements of operand `op` a level holds when the atoms in `inside` (a bitmask over atoms) sit at or below it. */
export function tileElements(p: Problem, op: Operand, inside: number, shared: boolean): number {
  const ext = { R: 1, S: 1, P: 1, Q: 1, C: 1, K: 1, G: 1 } as Record<LoopDim, number>;
  p.atoms.forEach((a, i) => {
    if (inside & (1 << i)) ext[a.dim] *= a.value;
  });
  for (const d of Object.keys(ext) as LoopDim[]) ext[d] *= spatialAt(p, d, shared);
  const n = p.nest;
  if (op === "W") return ext.R * ext.S * ext.C * ext.K * ext.G;
  if (op === "O") return ext.P * ext.Q * ext.K * ext.G;
  const h = haloExtent(ext.R, ext.P, n.strideH, n.dilationH, n.inH);
  const w = haloExtent(ext.S, ext.Q, n.strideW, n.dilationW, n.inW);
  return h * w * ext.C * ext.G;
}

/** Bitmask of the atoms relevant to an operand, and of the output's reduction atoms. */
export function relevantMask(p: Problem, op: Operand): number {
  let m = 0;
  p.atoms.forEach((a, i) => {
    if (RELEVANT[op].has(a.dim)) m |= 1 << i;
  });
  return m;
}

export function reductionMask(p: Problem): number {
  let m = 0;
  p.atoms.forEach((a, i) => {
    if (REDUCTION.has(a.dim)) m |= 1 << i;
  });
  return m;
}

/**
 * Bits per element of an operand at a chain level whose tile holds the atoms `inside`: outputs are partial sums
 * (psum precision) when some reduction loop sits outside the tile, i.e. the tile leaves the level incomplete.
 */
export function elementBits(p: Problem, op: Operand, inside: number): number {
  const pr = p.hw.precision;
  if (op === "I") return pr.inputBits;
  if (op === "W") return pr.weightBits;
  const red = reductionMask(p);
  return (inside & red) === red ? pr.outputBits : pr.psumBits;
}

/** Bits one instance of chain level k holds for the tile `inside`. */
export function tileBits(p: Problem, op: Operand, k: number, inside: number, bitsPerElement = elementBits(p, op, inside)): number {
  const lvl = p.chains[op][k];
  return tileElements(p, op, inside, !lvl.perCore) * bitsPerElement;
}

/** Copies of a level's tile across the chip: one per active core for per-core levels. */
function instances(p: Problem, lvl: ChainLevel): number {
  return lvl.perCore ? p.activeCores : 1;
}

/** Distinct bits a shared source sends to the per-core copies (cores that share data get it by multicast). */
function distinctBits(p: Problem, op: Operand, k: number, bits: number): number {
  const dst = p.chains[op][k];
  const src = p.chains[op][k - 1];
  if (!dst.perCore) return bits;
  if (src.perCore) return bits * p.activeCores;
  let relevantCores = 1;
  for (const [d, f] of Object.entries(p.scheme.cores) as [LoopDim, number][]) if (RELEVANT[op].has(d)) relevantCores *= f;
  return bits * relevantCores;
}

/**
 * L0: cycles to move the tile `inside` from chain level k − 1 into level k (each direction for outputs): the shared
 * source streams the distinct bits through its read port while every core's copy fills through its write port;
 * at least one cycle. The +1 cycle of a bypassed register is added by the caller.
 */
export function transferCycles(p: Problem, op: Operand, k: number, inside: number, bitsPerElement = elementBits(p, op, inside)): number {
  const bits = tileBits(p, op, k, inside, bitsPerElement);
  const src = p.chains[op][k - 1];
  const dst = p.chains[op][k];
  const srcTime = src.perCore ? bits / src.readBitsPerCycle : distinctBits(p, op, k, bits) / src.readBitsPerCycle;
  return Math.max(srcTime, bits / dst.writeBitsPerCycle, 1);
}

/** Energy (pJ) of one move of the tile `inside` into level k on every core: reads at the source, writes at k; outputs also go back. */
export function moveEnergyPj(p: Problem, op: Operand, k: number, inside: number, bitsPerElement = elementBits(p, op, inside)): number {
  const bits = tileBits(p, op, k, inside, bitsPerElement);
  const src = p.chains[op][k - 1];
  const dst = p.chains[op][k];
  const all = bits * instances(p, dst);
  const distinct = distinctBits(p, op, k, bits);
  if (op !== "O") return distinct * src.readPjPerBit + all * dst.writePjPerBit;
  return distinct * (src.readPjPerBit + src.writePjPerBit) + all * (dst.readPjPerBit + dst.writePjPerBit);
}

/** Index of the operand's bypassable register in its chain, or −1. */
export function registerIndex(p: Problem, op: Operand): number {
  return p.chains[op].findIndex((l) => l.bypassable);
}

/** Compute-side energy that does not depend on the temporal mapping except through register bypass (pJ). */
const computeMemo = new WeakMap<Problem, number[]>();

export function computeEnergyPj(p: Problem, usedRegister: Record<Operand, boolean>): number {
  let memo = computeMemo.get(p);
  if (!memo) {
    memo = [false, true].flatMap((i) => [false, true].map((o) => computeEnergyUncached(p, { I: i, W: true, O: o })));
    computeMemo.set(p, memo);
  }
  return memo[(usedRegister.I ? 2 : 0) + (usedRegister.O ? 1 : 0)];
}

function computeEnergyUncached(p: Problem, usedRegister: Record<Operand, boolean>): number {
  const hw = p.hw;
  const steps = p.iterations * p.activeCores;
  const rowsUsed = Object.values(p.scheme.rows).reduce<number>((a, b) => a * (b ?? 1), 1);
  const colsUsed = Object.values(p.scheme.cols).reduce<number>((a, b) => a * (b ?? 1), 1);
  const innermost = (op: Operand): ChainLevel => {
    const c = p.chains[op];
    const reg = registerIndex(p, op);
    return reg >= 0 && !usedRegister[op] ? c[reg - 1] : c[c.length - 1];
  };
  const mac = hw.macro.activationPj * steps;
  const inputs = steps * rowsUsed * hw.precision.inputBits * innermost("I").readPjPerBit;
  const oLvl = innermost("O");
  const outputs = steps * colsUsed * hw.precision.psumBits * (oLvl.readPjPerBit + oLvl.writePjPerBit);
  return mac + inputs + outputs;
}

/** Tiles of the macro rows / columns axes: a guard used by the checks and the reports. */
export function macroAxes(hw: DataflowHardware): { rows: number; cols: number } {
  return { rows: axisOf(hw, "macroRows").size, cols: axisOf(hw, "macroColumns").size };
}
