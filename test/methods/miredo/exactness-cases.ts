/**
 * The honesty check of the method: on small random layers, the MILP's optimum (decoded and re-scored by the
 * analytical model) equals the optimum found by enumerating every mapping of the same space under the same model.
 * Used by exactness*.test.ts (30 layers in all, split so each file stays within the test-time budget).
 */
import { describe, expect, it } from "vitest";
import { loadDataflowHardware } from "../../../src/hardware/dataflow-hw.ts";
import { enumerateBest, score, type Objective } from "../../../src/methods/miredo/enumerate.ts";
import { solveProblem } from "../../../src/methods/miredo/milp.ts";
import { Rng } from "../../../src/search/rng.ts";
import { randomProblem } from "./random-layer.ts";

const GAP = 1e-7;

export function exactnessCases(seed: number, count: number, atoms: (t: number) => number, label: string): void {
  const hw = loadDataflowHardware("miredo-8core-28nm");
  const rng = new Rng(seed);
  const problems = Array.from({ length: count }, (_, t) => randomProblem(rng, hw, atoms(t)));
  describe(`MILP optimum = enumerated optimum (${label})`, () => {
    problems.forEach((p, t) => {
      const objective: Objective = t % 2 === 0 ? "latency" : "energy";
      const name = `${p.atoms.map((a) => a.dim + a.value).join("·")} ${objective}`;
      it(name, async () => {
        const bf = enumerateBest(p, objective);
        const r = await solveProblem(p, objective, { timeLimitS: 60, mipRelGap: GAP });
        expect(r.optimal).toBe(true);
        const milp = score(r.evaluation!, objective);
        if (!Number.isFinite(bf.value)) {
          expect(Number.isFinite(milp)).toBe(false);
          return;
        }
        // The decoded mapping scores the same under the model as the MILP says, and equals the enumerated optimum.
        expect(Math.abs(milp - r.objective) / bf.value).toBeLessThan(1e-6);
        expect(Math.abs(milp - bf.value) / bf.value).toBeLessThanOrEqual(1e-6);
      }, 60_000);
    });
  });
}

