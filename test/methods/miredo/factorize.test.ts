/** Flexible factorisation: FlexScore counts and merges that lose the least of it (MIREDO §IV-B). */
import { describe, expect, it } from "vitest";
import { bestMerge, factorize, flexScore, primeFactors } from "../../../src/methods/miredo/factorize.ts";
import { LOOP_DIMS, type LoopDim } from "../../../src/hardware/dataflow-hw.ts";

const bounds = (b: Partial<Record<LoopDim, number>>): Record<LoopDim, number> => Object.fromEntries(LOOP_DIMS.map((d) => [d, b[d] ?? 1])) as Record<LoopDim, number>;

describe("flexScore", () => {
  it("counts distinct splits into at most three loops", () => {
    // 8 = 2·2·2: {8}, {2,4}, {2,2,2}.
    expect(flexScore([2, 2, 2])).toBe(3);
    // 28 = 2·2·7: {28}, {2,14}, {4,7}, {2,2,7}.
    expect(flexScore([2, 2, 7])).toBe(4);
    // 30 = 2·3·5: {30}, three pairs, {2,3,5}.
    expect(flexScore([2, 3, 5])).toBe(5);
    expect(flexScore([7])).toBe(1);
  });

  it("agrees with a direct count of ordered splits into ≤ 3 divisors on every bound up to 256", () => {
    for (let n = 2; n <= 256; n++) {
      const splits = new Set<string>();
      for (let a = 1; a <= n; a++) {
        if (n % a) continue;
        for (let b = 1; b <= n / a; b++) {
          if ((n / a) % b) continue;
          const parts = [a, b, n / a / b].filter((v) => v > 1).sort((x, y) => x - y);
          splits.add(parts.join("·") || "1");
        }
      }
      expect(flexScore(primeFactors(n)), `bound ${n}`).toBe(splits.size);
    }
  });
});

describe("FlexScore merging", () => {
  it("merges the pair that keeps the most splits, not the two smallest factors", () => {
    // 2·2·3·5 (60): merging 2·2 leaves {4,3,5} (5 splits), merging 2·3 leaves {2,6,5} (5), merging 3·5 leaves {2,2,15} (4).
    const m = bestMerge([2, 2, 3, 5]);
    expect(m).toBeDefined();
    const after = [2, 2, 3, 5].filter((_, k) => k !== m!.i && k !== m!.j).concat(m!.product);
    expect(flexScore(after)).toBe(Math.max(flexScore([4, 3, 5]), flexScore([2, 6, 5]), flexScore([2, 2, 15]), flexScore([2, 3, 10])));
    // 2·2·2·7 (56): the two smallest (2·2 → 4,2,7: 5 splits) versus 2·7 (→ 2,2,14: 4 splits): FlexScore takes 2·2,
    // and for 2·3·3·3 (54) it merges 3·3 (→ 2,3,9: 5 splits) rather than the two smallest 2·3 (→ 6,3,3: 4 splits).
    const m54 = bestMerge([2, 3, 3, 3]);
    expect(m54?.product).toBe(9);
  });

  it("keeps every bound's product and respects both caps", () => {
    const b = bounds({ R: 3, S: 3, P: 56, Q: 54, C: 64, K: 96, G: 1 });
    for (const [perDim, total] of [[4, 6], [3, 8], [2, 12], [4, 10]] as const) {
      const atoms = factorize(b, perDim, total);
      expect(atoms.length).toBeLessThanOrEqual(total);
      for (const d of LOOP_DIMS) {
        const mine = atoms.filter((a) => a.dim === d);
        expect(mine.length).toBeLessThanOrEqual(perDim);
        expect(mine.reduce((s, a) => s * a.value, 1)).toBe(b[d]);
        for (const a of mine) expect(a.value).toBeGreaterThan(1);
      }
    }
  });
});
