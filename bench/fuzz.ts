/**
 * `npm run fuzz [N]`: the synthesis property of test/robustness/property.ts on N (default 10,000) random cases,
 * continuing past failures, with counts by outcome and the first counterexample of each failure kind.
 * FUZZ_SEED fixes the case stream.
 */
import fc from "fast-check";
import { arbCase, checkCase } from "../test/robustness/property.ts";

const runs = Number(process.argv[2] ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const counts = new Map<string, number>();
const examples = new Map<string, string>();
const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
const t0 = performance.now();
let done = 0;
for (const c of fc.sample(arbCase, { numRuns: runs, seed })) {
  try {
    bump(await checkCase(c));
  } catch (e) {
    const kind = `failed: ${String((e as Error).message).replace(/[0-9.e+-]+/g, "#").slice(0, 60)}`;
    bump(kind);
    if (!examples.has(kind)) examples.set(kind, `${(e as Error).message}\n    ${JSON.stringify(c)}`);
  }
  if (++done % 500 === 0) console.log(`${done} cases (${((performance.now() - t0) / 1e3).toFixed(0)} s): ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}`);
}
console.log(`${runs} cases (seed ${seed}) in ${((performance.now() - t0) / 1e3).toFixed(1)} s:`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(6)}  ${k}`);
for (const [k, ex] of examples) console.log(`first ${k}:\n    ${ex}`);
