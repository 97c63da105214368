/** The generic segmentation DP against brute force, with transition costs that depend on the previous segment. */
import { describe, expect, it } from "vitest";
import { segmentDp } from "../../src/search/segment-dp.ts";
import { Rng } from "../../src/search/rng.ts";

describe("segmentDp", () => {
  it.each(Array.from({ length: 40 }, (_, k) => k + 1))("equals brute force on random case %i", (seed) => {
    const rng = new Rng(seed);
    const m = rng.int(1, 9);
    const V = rng.int(1, 3);
    const maxLen = rng.int(1, m);
    const table = new Map<string, number>();
    const cost = (ps: number, pe: number, pv: number, s: number, e: number, v: number) => {
      const key = `${ps},${pe},${pv},${s},${e},${v}`;
      if (!table.has(key)) table.set(key, rng.chance(0.1) ? Infinity : rng.int(0, 100));
      return table.get(key)!;
    };
    const firstStart = (end: number) => Math.max(0, end - maxLen + 1);
    const dp = segmentDp({ length: m, variants: V, firstStart, cost });
    // Brute force: every split with segments of at most maxLen, every variant per segment.
    let best = Infinity;
    for (let mask = 0; mask < 1 << (m - 1); mask++) {
      const segs: [number, number][] = [];
      let s = 0;
      for (let i = 0; i < m; i++) if (i === m - 1 || mask & (1 << i)) (segs.push([s, i]), (s = i + 1));
      if (segs.some(([a, b]) => b - a + 1 > maxLen)) continue;
      for (let code = 0; code < V ** segs.length; code++) {
        let c = code;
        let total = 0;
        let prev = [-1, -1, -1];
        for (const [a, b] of segs) {
          const v = c % V;
          c = Math.floor(c / V);
          total += cost(prev[0], prev[1], prev[2], a, b, v);
          prev = [a, b, v];
        }
        best = Math.min(best, total);
      }
    }
    expect(dp.cost).toBe(best);
    if (best < Infinity) {
      // The returned split is contiguous, covers 0..m−1 and costs what the DP says.
      expect(dp.segments[0][0]).toBe(0);
      expect(dp.segments.at(-1)![1]).toBe(m - 1);
      let total = 0;
      let prev = [-1, -1, -1];
      dp.segments.forEach(([a, b], k) => {
        if (k > 0) expect(a).toBe(dp.segments[k - 1][1] + 1);
        total += cost(prev[0], prev[1], prev[2], a, b, dp.variants[k]);
        prev = [a, b, dp.variants[k]];
      });
      expect(total).toBe(dp.cost);
    }
  });
});
