import { describe, expect, it } from "vitest";
import { solveMilp, toLpText, type MilpProblem } from "../../src/search/milp.ts";

const OPTS = { timeLimitS: 10, mipRelGap: 0 };

describe("solveMilp (HiGHS wrapper)", () => {
  it("solves a 0/1 knapsack to the brute-force optimum", async () => {
    const value = [12, 7, 9, 4, 15, 6, 8];
    const weight = [5.5, 3, 4.25, 2, 7, 2.5, 3.75];
    const cap = 14.5;
    const p: MilpProblem = {
      sense: "maximize",
      vars: value.map((v) => ({ obj: v, kind: "binary" as const })),
      rows: [{ vars: weight.map((_, j) => j), coefs: weight, lb: -Infinity, ub: cap }],
    };
    let best = 0;
    for (let mask = 0; mask < 1 << value.length; mask++) {
      let w = 0, v = 0;
      for (let j = 0; j < value.length; j++) if (mask & (1 << j)) (w += weight[j]), (v += value[j]);
      if (w <= cap) best = Math.max(best, v);
    }
    const s = await solveMilp(p, OPTS);
    expect(s.status).toBe("Optimal");
    expect(s.hasSolution).toBe(true);
    expect(s.objective).toBeCloseTo(best, 9);
    let w = 0;
    s.values.forEach((x, j) => (w += x * weight[j]));
    expect(w).toBeLessThanOrEqual(cap + 1e-9);
  });

  it("handles integers, free variables, equality and two-sided rows", async () => {
    // min y  s.t. y ≥ 2.5 − x, y ≥ x − 2.5, x integer in [0, 10], x + z = 4, 1 ≤ z ≤ 3, y free
    const p: MilpProblem = {
      sense: "minimize",
      vars: [{ kind: "integer", lb: 0, ub: 10 }, { obj: 1, lb: -Infinity, ub: Infinity }, { lb: -Infinity }],
      rows: [
        { vars: [1, 0], coefs: [1, 1], lb: 2.5, ub: Infinity },
        { vars: [1, 0], coefs: [1, -1], lb: -2.5, ub: Infinity },
        { vars: [0, 2], coefs: [1, 1], lb: 4, ub: 4 },
        { vars: [2], coefs: [1], lb: 1, ub: 3 },
      ],
    };
    expect(toLpText(p)).toContain("free");
    const s = await solveMilp(p, OPTS);
    expect(s.status).toBe("Optimal");
    expect(s.objective).toBeCloseTo(0.5, 9);
    expect([2, 3]).toContain(Math.round(s.values[0]));
    expect(s.values[0] + s.values[2]).toBeCloseTo(4, 9);
  });

  it("reports an infeasible model as such, with no solution", async () => {
    const p: MilpProblem = {
      sense: "minimize",
      vars: [{ obj: 1, kind: "binary" }, { obj: 1, kind: "binary" }],
      rows: [{ vars: [0, 1], coefs: [1, 1], lb: 3, ub: Infinity }],
    };
    const s = await solveMilp(p, OPTS);
    expect(s.status).toBe("Infeasible");
    expect(s.hasSolution).toBe(false);
    expect(Number.isNaN(s.values[0])).toBe(true);
  });

  it("rejects non-finite coefficients instead of writing a broken model", () => {
    const p: MilpProblem = { sense: "minimize", vars: [{ obj: NaN }], rows: [] };
    expect(() => toLpText(p)).toThrow(/NaN/);
  });
});
