/**
 * Which loop-order symmetries the model really has (why the MILP breaks only the twin symmetry). Swapping two
 * adjacent loops that sit at the same level for every operand keeps every tile and every fire position; it keeps
 * the model's figures when the two loops are twins (same dimension and value), but not in general when they only
 * share a relevance class, even the same dimension: Process(i) pays the child's first iteration once per parent
 * iteration, so which factor sits outside matters. A reduction that orders relevance classes instead of loops would
 * therefore not be exact for this model.
 */
import { expect, it } from "vitest";
import { loadDataflowHardware, OPERANDS } from "../../../src/hardware/dataflow-hw.ts";
import { evaluate } from "../../../src/methods/miredo/model.ts";
import { Rng } from "../../../src/search/rng.ts";
import { randomProblem } from "./random-layer.ts";
import { randomMapping } from "./random-mapping.ts";

it("twin swaps never change latency or energy; same-dimension swaps of different factors sometimes do", () => {
  const hw = loadDataflowHardware("miredo-8core-28nm");
  const rng = new Rng(3);
  let twins = 0;
  let sameDim = 0;
  let changed = 0;
  for (let t = 0; t < 4000; t++) {
    const p = randomProblem(rng, hw, 5);
    const m = randomMapping(rng, p);
    const e = evaluate(p, m);
    if (!e.feasible) continue;
    for (let i = 0; i + 1 < m.order.length; i++) {
      const a = p.atoms[m.order[i]];
      const b = p.atoms[m.order[i + 1]];
      if (a.dim !== b.dim || !OPERANDS.every((op) => m.level[op][i] === m.level[op][i + 1])) continue;
      const order = [...m.order];
      [order[i], order[i + 1]] = [order[i + 1], order[i]];
      const e2 = evaluate(p, { ...m, order });
      const same = Math.abs(e2.latencyCycles - e.latencyCycles) <= 1e-9 * e.latencyCycles && Math.abs(e2.energyPj - e.energyPj) <= 1e-9 * e.energyPj;
      if (a.value === b.value) {
        twins++;
        expect(same).toBe(true);
      } else {
        sameDim++;
        if (!same) changed++;
      }
    }
  }
  console.log(`twin swaps ${twins} (all invariant); same-dimension swaps ${sameDim}, ${changed} changed the model's figures`);
  expect(twins).toBeGreaterThan(20);
  expect(changed).toBeGreaterThan(0);
});
