/**
 * A thin wrapper over HiGHS (WASM) for small mixed-integer linear programs. Generic: callers describe a model
 * as arrays (variables with bounds, kinds and objective coefficients; sparse rows with bounds), this module
 * writes it as CPLEX LP text, solves it and returns the values by variable index.
 *
 * One HiGHS runtime per process, loaded on first use (loading the WASM takes tens of milliseconds). A solve
 * blocks the thread, so this is for finalists, never for inner loops.
 */
import highsImport from "highs";
import type { Highs } from "highs";

type HighsLoader = () => Promise<Highs>;
// The package's types describe a CommonJS module (default = the module object) while Node loads its ES build
// (default = the loader): accept either shape.
const highsLoader: HighsLoader =
  typeof highsImport === "function" ? (highsImport as unknown as HighsLoader) : (highsImport as unknown as { default: HighsLoader }).default;

export type MilpVarKind = "continuous" | "integer" | "binary";

export interface MilpVar {
  /** Objective coefficient (0 when omitted). */
  obj?: number;
  /** Bounds; the defaults are [0, +∞) and binaries are [0, 1]. Use ±Infinity for free sides. */
  lb?: number;
  ub?: number;
  kind?: MilpVarKind;
}

export interface MilpRow {
  /** Variable indices and their coefficients, parallel arrays. */
  vars: ArrayLike<number>;
  coefs: ArrayLike<number>;
  /** Row bounds: lb ≤ Σ coef·var ≤ ub; one side may be ±Infinity. */
  lb: number;
  ub: number;
}

export interface MilpProblem {
  sense: "minimize" | "maximize";
  vars: MilpVar[];
  rows: MilpRow[];
}

export interface MilpOptions {
  /** Wall-clock limit for the solve in seconds (always set: a MILP must never stall a synthesis). */
  timeLimitS: number;
  /** Relative gap at which the MIP search may stop. */
  mipRelGap: number;
  /**
   * Integrality / feasibility tolerance (HiGHS default 1e-6). Models with large big-M coefficients need it
   * smaller, or a binary at 1 − 1e-6 switches off a big-M row by M·1e-6.
   */
  mipFeasibilityTolerance?: number;
}

export interface MilpSolution {
  /** HiGHS's model status ("Optimal", "Infeasible", "Time limit reached", …). */
  status: string;
  /** True when `values` holds a primal solution (optimal, or the incumbent at a limit). */
  hasSolution: boolean;
  optimal: boolean;
  objective: number;
  /** Variable values by index (NaN when there is no solution). */
  values: Float64Array;
  solveMs: number;
}

let runtime: Promise<Highs> | undefined;

/** The process-wide HiGHS runtime, loaded on first use. */
export function highsRuntime(): Promise<Highs> {
  runtime ??= highsLoader();
  return runtime;
}

/** A number in LP syntax (HiGHS reads exponents; infinities become its 1e30 sentinel). */
function num(v: number): string {
  if (v === Infinity) return "1e+30";
  if (v === -Infinity) return "-1e+30";
  if (!Number.isFinite(v)) throw new Error(`MILP coefficient is ${v}`);
  return String(v);
}

const name = (j: number): string => `x${j}`;

/** Append `+ c x_j` terms, a few per line (LP readers dislike very long lines). */
function linear(vars: ArrayLike<number>, coefs: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let k = 0; k < vars.length; k++) {
    const c = coefs[k];
    if (c === 0) continue;
    parts.push(`${c < 0 ? "-" : "+"} ${num(Math.abs(c))} ${name(vars[k])}`);
  }
  if (parts.length === 0) return "0 x0";
  const lines: string[] = [];
  for (let k = 0; k < parts.length; k += 8) lines.push(parts.slice(k, k + 8).join(" "));
  return lines.join("\n   ");
}

/** The model as CPLEX LP text, variables named x0, x1, … by index. */
export function toLpText(p: MilpProblem): string {
  if (p.vars.length === 0) throw new Error("MILP has no variables");
  const out: string[] = [p.sense === "minimize" ? "Minimize" : "Maximize"];
  const objVars: number[] = [];
  const objCoefs: number[] = [];
  p.vars.forEach((v, j) => {
    if (v.obj !== undefined && v.obj !== 0) {
      objVars.push(j);
      objCoefs.push(v.obj);
    }
  });
  out.push(` obj: ${linear(objVars, objCoefs)}`, "Subject To");
  let r = 0;
  for (const row of p.rows) {
    if (row.vars.length !== row.coefs.length) throw new Error("MILP row: vars and coefs differ in length");
    const expr = linear(row.vars, row.coefs);
    if (row.lb === row.ub) out.push(` r${r++}: ${expr} = ${num(row.ub)}`);
    else {
      if (row.lb > -Infinity) out.push(` r${r++}: ${expr} >= ${num(row.lb)}`);
      if (row.ub < Infinity) out.push(` r${r++}: ${expr} <= ${num(row.ub)}`);
    }
  }
  out.push("Bounds");
  const binaries: string[] = [];
  const generals: string[] = [];
  p.vars.forEach((v, j) => {
    const kind = v.kind ?? "continuous";
    if (kind === "binary") {
      binaries.push(name(j));
      return;
    }
    if (kind === "integer") generals.push(name(j));
    const lb = v.lb ?? 0;
    const ub = v.ub ?? Infinity;
    if (lb === -Infinity && ub === Infinity) out.push(` ${name(j)} free`);
    else out.push(` ${num(lb)} <= ${name(j)} <= ${num(ub)}`);
  });
  if (binaries.length) out.push("Binaries", ` ${binaries.join(" ")}`);
  if (generals.length) out.push("Generals", ` ${generals.join(" ")}`);
  out.push("End");
  return out.join("\n");
}

const WITH_SOLUTION = new Set(["Optimal", "Time limit reached", "Iteration limit reached", "Target for objective reached", "Bound on objective reached"]);

export async function solveMilp(p: MilpProblem, opts: MilpOptions): Promise<MilpSolution> {
  const highs = await highsRuntime();
  const text = toLpText(p);
  const t0 = performance.now();
  const res = highs.solve(text, {
    time_limit: opts.timeLimitS,
    mip_rel_gap: opts.mipRelGap,
    ...(opts.mipFeasibilityTolerance !== undefined ? { mip_feasibility_tolerance: opts.mipFeasibilityTolerance } : {}),
    output_flag: false,
    log_to_console: false,
  });
  const solveMs = performance.now() - t0;
  const values = new Float64Array(p.vars.length).fill(NaN);
  let hasSolution = WITH_SOLUTION.has(res.Status);
  if (hasSolution) {
    for (let j = 0; j < values.length; j++) {
      const col = res.Columns[name(j)] as { Primal?: number } | undefined;
      // A variable absent from every row and the objective is not in the LP text; it sits at its lower bound.
      const lb = p.vars[j].lb ?? 0;
      const v = col ? col.Primal : Number.isFinite(lb) ? lb : 0;
      if (typeof v !== "number" || !Number.isFinite(v)) {
        hasSolution = false;
        break;
      }
      values[j] = v;
    }
  }
  return {
    status: res.Status,
    hasSolution,
    optimal: res.Status === "Optimal",
    objective: hasSolution ? res.ObjectiveValue : NaN,
    values,
    solveMs,
  };
}
