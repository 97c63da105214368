import { describe, expect, it } from "vitest";
import { createRng, Rng } from "../../src/search/rng.ts";

const draws = (r: Rng, n: number) => Array.from({ length: n }, () => r.uint32());

/** Pearson chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

function correlation(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("Rng", () => {
  it("reproduces a sequence from its seed and differs between seeds", () => {
    expect(draws(createRng(42), 1000)).toEqual(draws(createRng(42), 1000));
    expect(draws(createRng(42), 20)).not.toEqual(draws(createRng(43), 20));
    expect(draws(createRng(0), 20)).not.toEqual(draws(createRng(1), 20));
    // negative seeds are taken modulo 2^32
    expect(draws(createRng(-1), 10)).toEqual(draws(createRng(0xffffffff), 10));
  });

  it("rejects seeds that are not 32-bit integers", () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(2 ** 40)).toThrow(RangeError);
    expect(() => createRng(NaN)).toThrow(RangeError);
  });

  it("next() stays in [0, 1) and is uniform over 20 buckets (chi-square, 19 dof)", () => {
    const r = createRng(7);
    const counts = new Array<number>(20).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      else counts[Math.floor(x * 20)]++;
    }
    expect(outside).toBe(0);
    // P(chi2_19 > 50) ≈ 1e-4: loose enough to never flake on a good generator, tight enough to catch a bad one.
    expect(chiSquare(counts)).toBeLessThan(50);
  });

  it("int() covers [lo, hi] inclusively and uniformly, including a range that does not divide 2^32", () => {
    const r = createRng(11);
    const counts = new Array<number>(7).fill(0);
    let outside = 0;
    for (let i = 0; i < 70_000; i++) {
      const v = r.int(-3, 3);
      if (!(Number.isInteger(v) && v >= -3 && v <= 3)) outside++;
      else counts[v + 3]++;
    }
    expect(outside).toBe(0);
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(chiSquare(counts)).toBeLessThan(30); // 6 dof
    expect(r.int(5, 5)).toBe(5);
    expect(() => r.int(3, 2)).toThrow(RangeError);
    expect(() => r.int(0, 1.5)).toThrow(RangeError);
    const big = r.int(0, 2 ** 32 - 1);
    expect(big >= 0 && big < 2 ** 32).toBe(true);
  });

  it("pick() and shuffle() use every element", () => {
    const r = createRng(3);
    const items = ["a", "b", "c", "d"];
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(r.pick(items));
    expect([...seen].sort()).toEqual(items);
    expect(() => r.pick([])).toThrow(RangeError);
    const arr = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = r.shuffle(arr.slice());
    expect(shuffled.slice().sort((x, y) => x - y)).toEqual(arr);
    expect(shuffled).not.toEqual(arr);
    expect(createRng(9).shuffle(arr.slice())).toEqual(createRng(9).shuffle(arr.slice()));
    // works on typed-array views too
    const typed = Int32Array.from(arr);
    r.shuffle(typed.subarray(10, 20));
    expect(Array.from(typed.subarray(0, 10))).toEqual(arr.slice(0, 10));
    expect(Array.from(typed.subarray(10, 20)).sort((x, y) => x - y)).toEqual(arr.slice(10, 20));
  });

  it("normal() has mean 0 and variance 1", () => {
    const r = createRng(5);
    const n = 50_000;
    const xs = Array.from({ length: n }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03); // sd of the mean ≈ 0.0045
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    expect(xs.filter((x) => Math.abs(x) > 1.96).length / n).toBeCloseTo(0.05, 2);
  });

  it("fork(id) depends only on the parent's seed and the id, not on draws already made", () => {
    const parent = createRng(100);
    const before = draws(parent.fork(3), 50);
    draws(parent, 1234);
    expect(draws(parent.fork(3), 50)).toEqual(before);
    expect(draws(createRng(100).fork(3), 50)).toEqual(before);
    // forking does not advance the parent
    const a = createRng(8);
    const b = createRng(8);
    a.fork(1);
    expect(draws(a, 10)).toEqual(draws(b, 10));
  });

  it("forks are distinct streams: from each other, from the parent, by path order, and across seeds", () => {
    const root = createRng(1);
    const streams = [draws(root.fork(0), 10), draws(root.fork(1), 10), draws(root.fork(2), 10), draws(createRng(1), 10)];
    expect(new Set(streams.map((s) => s.join())).size).toBe(4);
    expect(draws(root.fork(1).fork(2), 10)).not.toEqual(draws(root.fork(2).fork(1), 10));
    expect(draws(createRng(1).fork(5), 10)).not.toEqual(draws(createRng(2).fork(5), 10));
  });

  it("forked streams are uncorrelated, and the first draws of consecutive forks are uniform", () => {
    const root = createRng(2024);
    const x = root.fork(0);
    const y = root.fork(1);
    const xs = Array.from({ length: 20_000 }, () => x.next());
    const ys = Array.from({ length: 20_000 }, () => y.next());
    expect(Math.abs(correlation(xs, ys))).toBeLessThan(0.03); // sd ≈ 0.007
    // Consecutive ids are the worst case for a weak seed mix.
    const counts = new Array<number>(16).fill(0);
    for (let id = 0; id < 32_000; id++) counts[Math.floor(root.fork(id).next() * 16)]++;
    expect(chiSquare(counts)).toBeLessThan(45); // 15 dof, P ≈ 1e-4
  });
});
