/**
 * Component allocation speed on VGG16: bisection allocations per second over varied duplication vectors
 * (the synthesis calls it thousands of times; the target is ≥ 20,000/s), and the HiGHS exact allocation's
 * solve time for a few finalists.  Run: npm run bench:allocate [-- --json]
 */
import { createRng } from "../src/search/rng.ts";
import { loadNetwork } from "../src/network/load.ts";
import { buildNetworkModel, type DesignPoint } from "../src/mapping/layer-model.ts";
import { emptyPlan, type Plan } from "../src/mapping/plan.ts";
import { pointCosts } from "../src/cost/point-costs.ts";
import { loadPreset } from "../src/hardware/preset.ts";
import { layoutPlan } from "../src/mapping/layout.ts";
import { allocateComponents, newAllocationResult, type AllocateOptions } from "../src/methods/pimsyn/allocate.ts";
import { allocateExact } from "../src/methods/pimsyn/allocate-exact.ts";

const point: DesignPoint = { crossbarSize: 256, cellBits: 2, dacBits: 1, adcBits: 9, weightBits: 16, activationBits: 16 };
const model = buildNetworkModel((await loadNetwork("vgg16")).network, point);
const costs = pointCosts(loadPreset("pimsyn-date24"), point, 64, 0);

/** A seeded generator (src/search/rng.ts), so every run measures the same plans. */
function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}

function randomPlans(count: number, seed: number): Plan[] {
  const rand = rng(seed);
  const plans: Plan[] = [];
  for (let p = 0; p < count; p++) {
    const plan = emptyPlan(model.layers.length);
    model.layers.forEach((L, i) => {
      if (L.role === "route") return;
      const dup = L.role === "mvm" && L.outPixels > 1 ? 1 + Math.floor(rand() * 128) : 1 + Math.floor(rand() * 16);
      plan.dup[i] = Math.min(dup, L.outPixels);
      if (L.role === "mvm") plan.macros[i] = Math.max(1, Math.ceil((plan.dup[i] * L.set) / (128 + Math.floor(rand() * 384))));
    });
    layoutPlan(model, plan);
    plans.push(plan);
  }
  return plans;
}

function allocationsPerSecond(plans: Plan[], opts: Omit<AllocateOptions, "budgetW">, budgetsW: number[]): { perS: number; feasible: number } {
  const out = newAllocationResult();
  let feasible = 0;
  for (let w = 0; w < 200; w++) allocateComponents(model, costs, plans[w % plans.length], { ...opts, budgetW: budgetsW[w % budgetsW.length] }, out);
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 1500) {
    for (let k = 0; k < plans.length; k++, n++) {
      allocateComponents(model, costs, plans[k], { ...opts, budgetW: budgetsW[n % budgetsW.length] }, out);
      if (out.feasible) feasible++;
    }
  }
  return { perS: n / ((performance.now() - t0) / 1e3), feasible: feasible / n };
}

const json = process.argv.includes("--json");
const plans = randomPlans(500, 2024);
const budgets = [0.5, 2, 5, 10, 20, 40, 80];
const rows: Record<string, unknown>[] = [];
for (const [name, opts] of [
  ["specified", { mode: "specified" as const }],
  ["specified per macro", { mode: "specified" as const, perMacro: true }],
  ["unified", { mode: "unified" as const }],
] as const) {
  const r = allocationsPerSecond(plans, opts, budgets);
  rows.push({ bench: `bisection ${name}`, allocationsPerS: Math.round(r.perS), feasibleShare: Number(r.feasible.toFixed(3)) });
}

for (const [mode, perMacro] of [["specified", true], ["unified", false]] as const) {
  for (const budgetW of [2, 20, 80]) {
    const times: number[] = [];
    let gainPct = 0;
    for (const plan of plans.slice(0, 5)) {
      const r = await allocateExact(model, costs, plan, { budgetW, mode, perMacro, timeLimitS: 10 });
      times.push(r.solveMs);
      if (r.feasible) gainPct = Math.max(gainPct, (1 - r.objective / r.bisection.objective) * 100);
    }
    times.sort((a, b) => a - b);
    rows.push({
      bench: `milp ${mode}${perMacro ? " per macro" : ""} ${budgetW} W`,
      medianSolveMs: Number(times[2].toFixed(1)),
      maxSolveMs: Number(times[4].toFixed(1)),
      bestObjectiveGainPct: Number(gainPct.toFixed(3)),
    });
  }
}

if (json) console.log(JSON.stringify({ network: "vgg16", point, rows }, null, 2));
else for (const r of rows) console.log(Object.entries(r).map(([k, v]) => `${k}=${v}`).join("  "));
