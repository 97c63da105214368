/**
 * The MILP of one problem (one layer under one spatial scheme): loop order, per-operand level split and
 * double-buffer bits, with the latency recursion and the energy model of model.ts encoded exactly and linearly:
 * - the loop order as a chain of suffix states (the set of atoms at positions ≥ i, one-hot per position), so
 *   every quantity that depends on "which loops are inside" (tile sizes, halo, move counts) is a constant per
 *   state: no exp, no log approximation;
 * - tile sizes as one-hot choices over the subsets of relevant atoms a level may hold (capacity, transfer time);
 * - products of binaries and bounded continuous values by big-M rows (no indicator constraints), and
 *   (F_i − 1)·Critical(i) as Σ_a (v_a − 1)·y[i,a] with y[i,a] ≥ Critical(i) − M_i·(1 − x[a,i]).
 * Each auxiliary is bounded only on the side the optimisation pushes against, which makes the relaxation exact
 * at the optimum; milp.ts's result is decoded into a mapping and re-scored by model.ts, and
 * test/methods/miredo/exactness.test.ts checks the optimum against enumeration.
 */
import { OPERANDS, type Operand } from "../../hardware/dataflow-hw.ts";
import { solveMilp, type MilpSolution } from "../../search/milp.ts";
import { LinearModel, type Terms } from "./milp-build.ts";
import { evaluate, type Evaluation } from "./model.ts";
import {
  C_FACTOR,
  computeEnergyPj,
  moveEnergyPj,
  reductionMask,
  registerIndex,
  relevantMask,
  tileBits,
  transferCycles,
  type Problem,
  type TemporalMapping,
} from "./problem.ts";

interface Aff {
  t: Terms;
  c: number;
}
const K = (c: number): Aff => ({ t: [], c });
const V = (v: number, f = 1): Aff => ({ t: [[v, f]], c: 0 });
function sum(...xs: Aff[]): Aff {
  return { t: xs.flatMap((x) => x.t), c: xs.reduce((s, x) => s + x.c, 0) };
}
function mul(x: Aff, f: number): Aff {
  return { t: x.t.map(([v, c]) => [v, c * f]), c: x.c * f };
}
const neg = (x: Aff) => mul(x, -1);

/** Subsets of the atoms in `mask` with `size` members (any size when −1) that respect the twin order. */
function subsets(p: Problem, mask: number, size: number): number[] {
  const n = p.atoms.length;
  const out: number[] = [];
  for (let s = 0; s < 1 << n; s++) {
    if ((s & ~mask) !== 0) continue;
    if (size >= 0 && popcount(s) !== size) continue;
    if (!twinOrdered(p, s, mask)) continue;
    out.push(s);
  }
  return out;
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}

/** Equal atoms a < b (same dimension and value) run in index order, a outside b: a set of inner atoms holding a holds b. */
function twinOrdered(p: Problem, s: number, mask: number): boolean {
  const n = p.atoms.length;
  for (let a = 0; a < n; a++) {
    if (!(s & (1 << a))) continue;
    for (let b = a + 1; b < n; b++) {
      if (!(mask & (1 << b))) continue;
      if (p.atoms[b].dim === p.atoms[a].dim && p.atoms[b].value === p.atoms[a].value && !(s & (1 << b))) return false;
    }
  }
  return true;
}

export type MilpObjective = "latency" | "energy";

export interface MilpOptions {
  timeLimitS: number;
  mipRelGap: number;
  /** ε-constraint: latency ≤ this (cycles). */
  maxLatency?: number;
  /** Objective cutoff from a shared incumbent: objective ≤ this. */
  cutoff?: number;
}

export interface MilpResult {
  status: string;
  optimal: boolean;
  /** The MILP's own objective value (cycles or pJ). */
  objective: number;
  mapping?: TemporalMapping;
  evaluation?: Evaluation;
  /** The MILP's objective equals the model's value of the decoded mapping (to 1e-6). */
  consistent?: boolean;
  variables: number;
  binaries: number;
  constraints: number;
  solveMs: number;
}

interface Encoded {
  model: LinearModel;
  latency: number;
  energy: Terms;
  decode(values: Float64Array): TemporalMapping;
}

/**
 * The same order with equal atoms (same dimension and value) relabelled into index order, outer first: an identical
 * mapping (twins are interchangeable), and the only labelling the suffix states admit.
 */
export function canonicalOrder(p: Problem, order: readonly number[]): number[] {
  const kind = (a: number) => `${p.atoms[a].dim}${p.atoms[a].value}`;
  const queue = new Map<string, number[]>();
  for (const a of [...order].sort((x, y) => x - y)) queue.set(kind(a), [...(queue.get(kind(a)) ?? []), a]);
  return order.map((a) => (queue.get(kind(a)) as number[]).shift() as number);
}

/** `fixedOrder`: the loop order is given (outermost first); the MILP then decides levels and buffering only. */
export function encode(p: Problem, givenOrder?: readonly number[]): Encoded {
  const fixedOrder = givenOrder && canonicalOrder(p, givenOrder);
  const m = new LinearModel();
  const n = p.atoms.length;
  const all = (1 << n) - 1;
  const vals = p.atoms.map((a) => a.value);

  // Loop order: suffix states st[i][S] for i = 1..n−1 (S_0 = all atoms, S_n = none).
  const states: number[][] = [];
  const st: Map<number, number>[] = [];
  for (let i = 0; i <= n; i++) {
    if (i === 0 || i === n) {
      states.push([i === 0 ? all : 0]);
      st.push(new Map());
      continue;
    }
    const ss = subsets(p, all, n - i);
    states.push(ss);
    const vars = new Map(ss.map((s) => [s, m.bin()]));
    if (fixedOrder) {
      const suffix = fixedOrder.slice(i).reduce((acc, a) => acc | (1 << a), 0);
      for (const [s, v] of vars) m.vars[v] = s === suffix ? { kind: "continuous", lb: 1, ub: 1 } : { kind: "continuous", lb: 0, ub: 0 };
    }
    st.push(vars);
    m.eq([...vars.values()].map((v) => [v, 1]), 1);
  }
  /** [a ∈ S_i] as an affine expression. */
  const member = (i: number, a: number): Aff => {
    if (i === 0) return K(1);
    if (i === n) return K(0);
    return { t: states[i].filter((s) => s & (1 << a)).map((s) => [st[i].get(s) as number, 1]), c: 0 };
  };
  /** x[a][i]: atom a at position i = [a ∈ S_i] − [a ∈ S_{i+1}]. */
  const x: Aff[][] = p.atoms.map((_, a) => Array.from({ length: n }, (_, i) => sum(member(i, a), neg(member(i + 1, a)))));
  for (let i = 1; i < n; i++) {
    // Consecutive states differ by one atom: S_{i+1} ⊂ S_i.
    for (let a = 0; a < n; a++) {
      const e = x[a][i - 1];
      m.ge(e.t, -e.c);
    }
  }

  const chains = p.chains;
  const lv = {} as Record<Operand, number[][]>; // lv[op][i][k] for k ≥ 1 (index k), binary
  const used = {} as Record<Operand, Aff[]>;
  const db = {} as Record<Operand, Aff[]>;
  const TR = {} as Record<Operand, number[]>;
  const TRmax = {} as Record<Operand, number[]>;
  const has = {} as Record<Operand, number[][]>; // has[op][i][k]
  const ts = {} as Record<Operand, Map<number, number>[]>;
  const allIn: Aff[] = [];
  const wPs: Map<number, number>[] = [];
  const red = reductionMask(p);
  const energy: Terms = [];
  let energyConst = 0;

  for (const op of OPERANDS) {
    const chain = chains[op];
    const L = chain.length;
    const rel = relevantMask(p, op);
    const relAt = (i: number): Aff => sum(...p.atoms.map((_, a) => (rel & (1 << a) ? x[a][i] : K(0))));
    lv[op] = Array.from({ length: n }, () => [-1, ...Array.from({ length: L - 1 }, () => m.bin())]);
    for (let i = 0; i < n; i++) {
      for (let k = 1; k < L; k++) {
        if (k + 1 < L) m.le([[lv[op][i][k + 1], 1], [lv[op][i][k], -1]], 0);
        if (i + 1 < n) m.le([[lv[op][i][k], 1], [lv[op][i + 1][k], -1]], 0);
      }
      // G loops stay off the innermost level.
      p.atoms.forEach((at, a) => {
        if (at.dim === "G") {
          const e = x[a][i];
          m.le([[lv[op][i][L - 1], 1], ...e.t], 1 - e.c);
        }
      });
    }
    // Atom-level membership g[a][k] = [atom a at level ≥ k] = Σ_i x[a][i]·lv[i][k].
    const g: number[][] = p.atoms.map(() => [-1, ...Array.from({ length: L - 1 }, () => m.cont(0, 1))]);
    for (let a = 0; a < n; a++) {
      if (!(rel & (1 << a)) && !(op === "O" && red & (1 << a))) continue;
      for (let k = 1; k < L; k++) {
        for (let i = 0; i < n; i++) {
          const e = x[a][i];
          m.ge([[g[a][k], 1], ...e.t.map(([v, c]): [number, number] => [v, -c]), [lv[op][i][k], -1]], e.c - 1);
          m.le([[g[a][k], 1], [lv[op][i][k], -1], ...e.t], 1 - e.c);
        }
      }
    }
    // Used levels: a bypassable register is used when some loop sits in it.
    used[op] = chain.map((l, k) => {
      if (k === 0 || !l.bypassable) return K(1);
      const u = m.cont(0, 1);
      for (let i = 0; i < n; i++) m.ge([[u, 1], [lv[op][i][k], -1]], 0);
      m.le([[u, 1], ...Array.from({ length: n }, (_, i): [number, number] => [lv[op][i][k], -1])], 0);
      return V(u);
    });
    const reg = registerIndex(p, op);
    const penalty: Aff = reg >= 0 ? sum(K(1), neg(used[op][reg])) : K(0);
    db[op] = chain.map((l) => (l.doubleBufferable ? V(m.bin()) : K(0)));

    // Tiles: one-hot over the relevant subsets each level may hold.
    ts[op] = [new Map()];
    TR[op] = [-1];
    TRmax[op] = [0];
    for (let k = 1; k < L; k++) {
      const opts = subsets(p, rel, -1);
      // Continuous: with integral memberships g the only distribution over subsets with those marginals is the
      // point mass on the subset they describe, so the one-hot is integral without branching on it.
      const vars = new Map(opts.map((s) => [s, m.cont(0, 1)]));
      ts[op].push(vars);
      m.eq([...vars.values()].map((v) => [v, 1]), 1);
      for (let a = 0; a < n; a++) {
        if (!(rel & (1 << a))) continue;
        m.eq([...opts.filter((s) => s & (1 << a)).map((s): [number, number] => [vars.get(s) as number, 1]), [g[a][k], -1]], 0);
      }
      let psum: Aff = K(0);
      if (op === "O") {
        let inside: Aff = K(1);
        const reds = p.atoms.map((_, a) => a).filter((a) => red & (1 << a));
        if (reds.length > 0) {
          const v = m.cont(0, 1);
          for (const a of reds) m.le([[v, 1], [g[a][k], -1]], 0);
          m.ge([[v, 1], ...reds.map((a): [number, number] => [g[a][k], -1])], 1 - reds.length);
          inside = V(v);
        }
        allIn[k] = inside;
        psum = sum(K(1), neg(inside));
      }
      // Transfer time into level k: Σ ts·time, outputs at psum precision unless every reduction loop is inside.
      const tr = m.cont(0, Infinity);
      TR[op].push(tr);
      const bitsOut = p.hw.precision.outputBits;
      const bitsPsum = p.hw.precision.psumBits;
      const terms: Terms = [[tr, 1]];
      let trMax = 0;
      const w = new Map<number, number>();
      for (const s of opts) {
        const full = op === "O" ? transferCycles(p, op, k, s | red, bitsPsum) : transferCycles(p, op, k, s);
        terms.push([vars.get(s) as number, -full]);
        trMax = Math.max(trMax, full);
        if (op === "O" && allIn[k].t.length > 0) {
          const fin = transferCycles(p, op, k, s | red, bitsOut);
          const wv = m.cont(0, 1);
          w.set(s, wv);
          m.le([[wv, 1], [vars.get(s) as number, -1]], 0);
          m.le([[wv, 1], ...allIn[k].t.map(([v, c]): [number, number] => [v, -c])], 0);
          m.ge([[wv, 1], [vars.get(s) as number, -1], ...allIn[k].t.map(([v, c]): [number, number] => [v, -c])], -1);
          terms.push([wv, full - fin]);
        } else if (op === "O") {
          // No reduction loop: outputs always at output precision.
          terms[terms.length - 1] = [vars.get(s) as number, -transferCycles(p, op, k, s | red, bitsOut)];
        }
      }
      m.eq([...terms, ...penalty.t.map(([v, c]): [number, number] => [v, -c])], penalty.c);
      TRmax[op].push(trMax + (reg >= 0 ? 1 : 0));
      if (op === "O") wPs[k] = w;
      void psum;
    }

    // Fires: has[i][k] = position i is the innermost relevant loop outside level k (and k is used).
    has[op] = Array.from({ length: n }, () => [-1]);
    for (let k = 1; k < L; k++) {
      const cand: number[] = [];
      for (let i = 0; i < n; i++) {
        const c = m.cont(0, 1);
        const r = relAt(i);
        m.le([[c, 1], ...r.t.map(([v, f]): [number, number] => [v, -f])], r.c);
        m.le([[c, 1], [lv[op][i][k], 1]], 1);
        m.ge([[c, 1], ...r.t.map(([v, f]): [number, number] => [v, -f]), [lv[op][i][k], 1]], r.c);
        cand.push(c);
      }
      const after: Aff[] = new Array<Aff>(n);
      after[n - 1] = K(0);
      for (let i = n - 2; i >= 0; i--) {
        const v = m.cont(0, 1);
        m.ge([[v, 1], [cand[i + 1], -1]], 0);
        if (after[i + 1].t.length) m.ge([[v, 1], ...after[i + 1].t.map(([u, f]): [number, number] => [u, -f])], 0);
        m.le([[v, 1], [cand[i + 1], -1], ...after[i + 1].t.map(([u, f]): [number, number] => [u, -f])], 0);
        after[i] = V(v);
      }
      const u = used[op][k];
      for (let i = 0; i < n; i++) {
        const h = m.cont(0, 1);
        m.le([[h, 1], [cand[i], -1]], 0);
        m.le([[h, 1], ...after[i].t], 1 - after[i].c);
        m.le([[h, 1], ...u.t.map(([v, f]): [number, number] => [v, -f])], u.c);
        m.ge([[h, 1], [cand[i], -1], ...after[i].t, ...u.t.map(([v, f]): [number, number] => [v, -f])], u.c - 1 - after[i].c);
        has[op][i].push(h);
      }
    }
  }

  // Capacity of every on-chip level (macro included), tiles doubled when double-buffered.
  const capTerms = new Map<number, Terms>();
  const capSize = new Map<number, number>();
  for (const op of OPERANDS) {
    const chain = chains[op];
    for (let k = 1; k < chain.length; k++) {
      const l = chain[k];
      const terms = capTerms.get(l.hwIndex) ?? [];
      capSize.set(l.hwIndex, l.sizeBits);
      const dbk = db[op][k];
      for (const [s, v] of ts[op][k]) {
        const bits = op === "O" ? tileBits(p, op, k, s | red, red ? p.hw.precision.psumBits : p.hw.precision.outputBits) : tileBits(p, op, k, s);
        terms.push([v, bits]);
        let dt = -1;
        if (dbk.t.length) {
          dt = m.cont(0, 1);
          m.ge([[dt, 1], [v, -1], [dbk.t[0][0], -1]], -1);
          terms.push([dt, bits]);
        }
        const wv = op === "O" ? wPs[k]?.get(s) : undefined;
        if (wv !== undefined) {
          const delta = bits - tileBits(p, op, k, s | red, p.hw.precision.outputBits);
          terms.push([wv, -delta]);
          if (dt >= 0) {
            const q = m.cont(0, 1);
            m.le([[q, 1], [wv, -1]], 0);
            m.le([[q, 1], [dbk.t[0][0], -1]], 0);
            terms.push([q, -delta]);
          }
        }
      }
      capTerms.set(l.hwIndex, terms);
    }
  }
  for (const [h, terms] of capTerms) m.le(terms, capSize.get(h) as number);

  // Transfers per position (L1), double-buffer flags and the overlap terms.
  const T = {} as Record<Operand, Terms[]>;
  const dl = {} as Record<Operand, number[]>;
  const Tmax = {} as Record<Operand, number>;
  for (const op of OPERANDS) {
    const L = chains[op].length;
    Tmax[op] = TRmax[op].reduce((s, v) => s + v, 0);
    T[op] = [];
    dl[op] = [];
    for (let i = 0; i < n; i++) {
      const terms: Terms = [];
      const d = m.cont(0, 1);
      const anyTerms: Terms = [[d, 1]];
      for (let k = 1; k < L; k++) {
        const h = has[op][i][k];
        const z = m.cont(0, TRmax[op][k]);
        m.le([[z, 1], [TR[op][k], -1]], 0);
        m.le([[z, 1], [h, -TRmax[op][k]]], 0);
        m.ge([[z, 1], [TR[op][k], -1], [h, -TRmax[op][k]]], -TRmax[op][k]);
        terms.push([z, 1]);
        anyTerms.push([h, -1]);
        // dl ≤ 1 − has + db: a loop is double-buffered only if every level it fills is.
        const dbk = db[op][k];
        m.le([[d, 1], [h, 1], ...dbk.t.map(([v, f]): [number, number] => [v, -f])], 1 + dbk.c);
      }
      m.le(anyTerms, 0);
      T[op].push(terms);
      dl[op].push(d);
    }
  }

  // The recursion L2–L4, with big-M bounds from the worst products of atom values.
  const tMac = p.hw.macro.tMacCycles;
  const A = Math.max(...OPERANDS.map((op) => C_FACTOR[op] * Tmax[op]));
  const sorted = [...vals].sort((a, b) => b - a);
  const pub = (i: number) => sorted.slice(0, n - i).reduce((s, v) => s * v, 1) * (tMac + (n - i) * A);
  const prodOf = (s: number) => p.atoms.reduce((acc, a, j) => (s & (1 << j) ? acc * a.value : acc), 1);
  const P = {} as Record<Operand, Aff[]>;
  for (const op of OPERANDS) P[op] = Array.from({ length: n + 1 }, (_, i) => (i === n ? K(tMac) : V(m.cont(0, Infinity))));
  for (let i = n - 1; i >= 0; i--) {
    const body = m.cont(0, Infinity);
    for (const op of OPERANDS) {
      if (i + 1 < n) {
        // Body ≥ Process(i+1) − dl(i+1)·T(i+1): v ≤ T, v ≤ Tmax·dl.
        const v = m.cont(0, Infinity);
        m.le([[v, 1], ...T[op][i + 1].map(([u, f]): [number, number] => [u, -f])], 0);
        m.le([[v, 1], [dl[op][i + 1], -Tmax[op]]], 0);
        m.ge([[body, 1], ...P[op][i + 1].t.map(([u, f]): [number, number] => [u, -f]), [v, 1]], P[op][i + 1].c);
        // Port throughput: Body(i) ≥ F_{i+1}·c·T(i+1) = c·Σ_a v_a·w[a], w[a] ≥ T(i+1) − Tmax·(1 − x[a][i+1]).
        const port: Terms = [[body, 1]];
        for (let a = 0; a < n; a++) {
          const w = m.cont(0, Infinity);
          const e = x[a][i + 1];
          m.ge([[w, 1], ...T[op][i + 1].map(([u, f]): [number, number] => [u, -f]), ...e.t.map(([u, f]): [number, number] => [u, -Tmax[op] * f])], -Tmax[op] + Tmax[op] * e.c);
          port.push([w, -C_FACTOR[op] * vals[a]]);
        }
        m.ge(port, 0);
      } else m.ge([[body, 1]], tMac);
    }
    const crit = m.cont(0, Infinity);
    m.ge([[crit, 1], [body, -1]], 0);
    // Valid cut (compute floor): one iteration of loop i takes at least t_MAC × the iterations inside it.
    const inner = i + 1 < n ? [...st[i + 1]].map(([s, v]): [number, number] => [v, -tMac * prodOf(s)]) : [];
    m.ge([[body, 1], ...inner], i + 1 < n ? 0 : tMac);
    for (const op of OPERANDS) {
      const c = C_FACTOR[op];
      m.ge([[crit, 1], ...T[op][i].map(([u, f]): [number, number] => [u, -c * f])], 0);
      // Single-buffered: sb ≥ T − Tmax·dl, Critical ≥ c·sb + Body.
      const sb = m.cont(0, Infinity);
      m.ge([[sb, 1], ...T[op][i].map(([u, f]): [number, number] => [u, -f]), [dl[op][i], Tmax[op]]], 0);
      m.ge([[crit, 1], [sb, -c], [body, -1]], 0);
    }
    const M = pub(i + 1) + A;
    const yTerms: Terms = [];
    for (let a = 0; a < n; a++) {
      if (vals[a] === 1) continue;
      const y = m.cont(0, Infinity);
      const e = x[a][i];
      // y ≥ crit − M·(1 − x)
      m.ge([[y, 1], [crit, -1], ...e.t.map(([u, f]): [number, number] => [u, -M * f])], -M + M * e.c);
      yTerms.push([y, vals[a] - 1]);
    }
    // Valid cut (compute floor) on Process(i): t_MAC × the iterations of loops i … N − 1.
    const here = i === 0 ? [] : [...st[i]].map(([s, v]): [number, number] => [v, -tMac * prodOf(s)]);
    for (const op of OPERANDS) m.ge([[P[op][i].t[0][0], 1], ...here], i === 0 ? tMac * p.iterations : 0);
    for (const op of OPERANDS) {
      const c = C_FACTOR[op];
      const pv = P[op][i].t[0][0];
      m.ge([[pv, 1], ...T[op][i].map(([u, f]): [number, number] => [u, -c * f]), ...P[op][i + 1].t.map(([u, f]): [number, number] => [u, -f]), ...yTerms.map(([u, f]): [number, number] => [u, -f])], P[op][i + 1].c);
    }
  }

  // L5–L6: one-time fills (no fire) before the nest, the outputs' one-time write-back after it.
  const nofire = (op: Operand, k: number): Aff => sum(used[op][k], ...has[op].map((h) => neg(V(h[k]))));
  const onceTerms = {} as Record<Operand, Terms>;
  for (const op of OPERANDS) {
    onceTerms[op] = [];
    for (let k = 1; k < chains[op].length; k++) {
      const nf = nofire(op, k);
      const z = m.cont(0, Infinity);
      // z ≥ TR − TRmax·(1 − nofire)
      m.ge([[z, 1], [TR[op][k], -1], ...nf.t.map(([v, f]): [number, number] => [v, -TRmax[op][k] * f])], -TRmax[op][k] + TRmax[op][k] * nf.c);
      onceTerms[op].push([z, 1]);
    }
  }
  const su = m.cont(0, Infinity);
  for (const op of ["I", "W"] as const) m.ge([[su, 1], ...onceTerms[op].map(([v, f]): [number, number] => [v, -f])], 0);
  const pr = m.cont(0, Infinity);
  for (const op of OPERANDS) m.ge([[pr, 1], ...P[op][0].t.map(([v, f]): [number, number] => [v, -f])], P[op][0].c);
  const latency = m.cont(0, Infinity);
  m.ge([[latency, 1], [su, -1], [pr, -1], ...onceTerms.O.map(([v, f]): [number, number] => [v, -f])], 0);

  // Energy: every move into a level costs its tile's move energy; moves = product of the loops outside the fire.
  for (const op of OPERANDS) {
    for (let k = 1; k < chains[op].length; k++) {
      const wv = op === "O" ? allIn[k] : undefined;
      const moveE = (s: number, final: boolean): number =>
        op === "O" ? moveEnergyPj(p, op, k, s | red, final ? p.hw.precision.outputBits : p.hw.precision.psumBits) : moveEnergyPj(p, op, k, s);
      const noRed = op === "O" && red === 0;
      // Valid cut (transfer floor): a transfer fired at loop i recurs fires = Π(loops outside i) times and at
      // most the first of each parent iteration overlaps, so latency ≥ (c − ½)·fires·time (every atom is ≥ 2).
      const cut: Terms = [];
      const addMoves = (presence: Aff, s: number, count: number, fired = true): void => {
        // z ≥ presence-product (lower bound: energy is minimised); outputs at final precision when every reduction is inside.
        const direct = presence.t.length === 1 && presence.t[0][1] === 1 && presence.c === 0;
        const z = direct ? presence.t[0][0] : m.cont(0, 1);
        if (!direct) m.ge([[z, 1], ...presence.t.map(([v, f]): [number, number] => [v, -f])], presence.c);
        const e16 = moveE(s, noRed);
        energy.push([z, count * e16]);
        if (fired) cut.push([z, -(C_FACTOR[op] - 0.5) * count * (op === "O" ? transferCycles(p, op, k, s | red, p.hw.precision.outputBits) : transferCycles(p, op, k, s))]);
        if (wv && wv.t.length) {
          const zz = m.cont(0, 1);
          m.le([[zz, 1], [z, -1]], 0);
          m.le([[zz, 1], ...wv.t.map(([v, f]): [number, number] => [v, -f])], 0);
          energy.push([zz, -count * (e16 - moveE(s, true))]);
        }
      };
      const rel = relevantMask(p, op);
      for (let i = 0; i < n; i++) {
        const h = has[op][i][k];
        if (i === n - 1) {
          addMoves({ t: [[h, 1]], c: 0 }, 0, p.iterations);
          continue;
        }
        for (const s of states[i + 1]) {
          const prod = p.atoms.reduce((acc, a, j) => (s & (1 << j) ? acc * a.value : acc), 1);
          // presence = has + st − 1
          addMoves({ t: [[h, 1], [st[i + 1].get(s) as number, 1]], c: -1 }, s & rel, p.iterations / prod);
        }
      }
      // No fire: one move of the whole relevant operand.
      addMoves(nofire(op, k), rel, 1, false);
      m.ge([[latency, 1], ...cut], 0);
    }
  }
  const uI = used.I[registerIndex(p, "I")] ?? K(1);
  const uO = used.O[registerIndex(p, "O")] ?? K(1);
  const eTT = computeEnergyPj(p, { I: true, W: true, O: true });
  const dI = computeEnergyPj(p, { I: false, W: true, O: true }) - eTT;
  const dO = computeEnergyPj(p, { I: true, W: true, O: false }) - eTT;
  energyConst += eTT + dI * (1 - uI.c) + dO * (1 - uO.c);
  for (const [v, f] of uI.t) energy.push([v, -dI * f]);
  for (const [v, f] of uO.t) energy.push([v, -dO * f]);
  energy.push([latency, p.hw.leakage.pjPerCycle]);
  void energyConst;

  const decode = (values: Float64Array): TemporalMapping => {
    const order: number[] = [];
    let prev = all;
    for (let i = 1; i <= n; i++) {
      let cur = 0;
      if (i < n) for (const [s, v] of st[i]) if (values[v] > 0.5) cur = s;
      const a = Math.log2(prev & ~cur);
      order.push(a);
      prev = cur;
    }
    const level = {} as Record<Operand, number[]>;
    const double = {} as Record<Operand, boolean[]>;
    for (const op of OPERANDS) {
      level[op] = lv[op].map((row) => row.slice(1).reduce((s, v) => s + (values[v] > 0.5 ? 1 : 0), 0));
      double[op] = db[op].map((d) => (d.t.length ? values[d.t[0][0]] > 0.5 : false));
    }
    return { order, level, double };
  };
  return { model: m, latency, energy, decode };
}

export async function solveProblem(p: Problem, objective: MilpObjective, opts: MilpOptions, fixedOrder?: readonly number[]): Promise<MilpResult> {
  const enc = encode(p, fixedOrder);
  const m = enc.model;
  if (opts.maxLatency !== undefined) m.le([[enc.latency, 1]], opts.maxLatency);
  const obj: Terms = objective === "latency" ? [[enc.latency, 1]] : enc.energy;
  if (opts.cutoff !== undefined && Number.isFinite(opts.cutoff)) m.le(obj, opts.cutoff - energyOffset(p, objective));
  const problem = m.problem(obj);
  // A tight integrality tolerance: the big-M rows carry M up to ~1e10, and at HiGHS's default 1e-6 a binary at
  // 1 − 1e-6 would switch a row off (seen on a ResNet-18 layer: a claimed optimum 5× below the true latency).
  const sol: MilpSolution = await solveMilp(problem, { timeLimitS: opts.timeLimitS, mipRelGap: opts.mipRelGap, mipFeasibilityTolerance: 1e-9 });
  const res: MilpResult = {
    status: sol.status,
    optimal: sol.optimal,
    objective: sol.hasSolution ? sol.objective + energyOffset(p, objective) : NaN,
    variables: problem.vars.length,
    binaries: m.binaries,
    constraints: problem.rows.length,
    solveMs: sol.solveMs,
  };
  if (sol.hasSolution) {
    res.mapping = enc.decode(sol.values);
    res.evaluation = evaluate(p, res.mapping);
    // The decoded mapping re-scored by the model must match the MILP's value; otherwise the optimum is not trusted.
    const model = objective === "latency" ? res.evaluation.latencyCycles : res.evaluation.energyPj;
    res.consistent = res.evaluation.feasible && Math.abs(model - res.objective) <= 1e-6 * Math.max(1, model);
    if (!res.consistent) res.optimal = false;
  }
  return res;
}

/** The constant part of the energy objective (compute with both registers used), not carried by any variable. */
function energyOffset(p: Problem, objective: MilpObjective): number {
  if (objective === "latency") return 0;
  const eTT = computeEnergyPj(p, { I: true, W: true, O: true });
  const rI = registerIndex(p, "I");
  const rO = registerIndex(p, "O");
  const dI = rI < 0 ? 0 : computeEnergyPj(p, { I: false, W: true, O: true }) - eTT;
  const dO = rO < 0 ? 0 : computeEnergyPj(p, { I: true, W: true, O: false }) - eTT;
  return eTT + dI + dO;
}
