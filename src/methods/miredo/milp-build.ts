/**
 * A small builder for linear models on top of src/search/milp.ts: variables by index, rows from (var, coef) terms.
 */
import type { MilpProblem, MilpRow, MilpVar } from "../../search/milp.ts";

export type Terms = [number, number][];

export class LinearModel {
  readonly vars: MilpVar[] = [];
  readonly rows: MilpRow[] = [];
  binaries = 0;

  bin(): number {
    this.binaries++;
    this.vars.push({ kind: "binary" });
    return this.vars.length - 1;
  }

  cont(lb = 0, ub = Infinity): number {
    this.vars.push({ kind: "continuous", lb, ub });
    return this.vars.length - 1;
  }

  row(terms: Terms, lb: number, ub: number): void {
    const merged = new Map<number, number>();
    for (const [v, c] of terms) if (c !== 0) merged.set(v, (merged.get(v) ?? 0) + c);
    const vars = [...merged.keys()];
    if (vars.length === 0) {
      if (lb > 1e-9 || ub < -1e-9) throw new Error("MILP: an empty row that cannot hold");
      return;
    }
    this.rows.push({ vars, coefs: vars.map((v) => merged.get(v) as number), lb, ub });
  }

  ge(terms: Terms, rhs: number): void {
    this.row(terms, rhs, Infinity);
  }
  le(terms: Terms, rhs: number): void {
    this.row(terms, -Infinity, rhs);
  }
  eq(terms: Terms, rhs: number): void {
    this.row(terms, rhs, rhs);
  }

  problem(objective: Terms): MilpProblem {
    const vars = this.vars.map((v) => ({ ...v, obj: 0 }));
    for (const [v, c] of objective) vars[v].obj = (vars[v].obj ?? 0) + c;
    return { sense: "minimize", vars, rows: this.rows };
  }
}

/** Terms scaled by a factor. */
export function scaled(t: Terms, f: number): Terms {
  return t.map(([v, c]) => [v, c * f]);
}
