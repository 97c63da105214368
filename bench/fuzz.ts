/** `npm run fuzz [N]`: the synthesis property of test/robustness/property.ts on N (default 10,000) random cases. */
import fc from "fast-check";
import { arbCase, checkCase, type Outcome } from "../test/robustness/property.ts";

const runs = Number(process.argv[2] ?? 10_000);
const counts: Record<Outcome | "failed", number> = { design: 0, infeasible: 0, failed: 0 };
const t0 = performance.now();
await fc.assert(
  fc.asyncProperty(arbCase, async (c) => {
    try {
      counts[await checkCase(c)]++;
    } catch (e) {
      counts.failed++;
      throw e;
    }
    const done = counts.design + counts.infeasible;
    if (done % 500 === 0) console.log(`${done} cases: ${counts.design} designs, ${counts.infeasible} infeasible (${((performance.now() - t0) / 1e3).toFixed(0)} s)`);
  }),
  { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
);
console.log(`${runs} cases in ${((performance.now() - t0) / 1e3).toFixed(1)} s: ${counts.design} designs, ${counts.infeasible} infeasible, ${counts.failed} failed`);
