/**
 * The inter-layer rule: which producer pixels a consumer block needs. Checked against brute force over the
 * kernel taps (independent of the tabulated windows), against the reference code's formula (§7.3) where that
 * formula applies, and through route layers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReceptiveField } from "../../src/mapping/layer-model.ts";
import type { LayerSpec } from "../../src/network/types.ts";
import { compileDataflow, producerBlock } from "../../src/schedule/compile.ts";
import { windowFirstNeeding, windowHi, windowLo, windowOf } from "../../src/mapping/receptive.ts";
import { tinyModel, tinyPlan, TINY_COSTS } from "../schedule/tiny.ts";

interface Geometry {
  kh: number; kw: number; sh: number; sw: number; dh: number; dw: number;
  padTop: number; padLeft: number; padBottom: number; padRight: number; H: number; W: number;
}

const outSize = (n: number, k: number, s: number, d: number, p0: number, p1: number) => Math.floor((n + p0 + p1 - d * (k - 1) - 1) / s) + 1;

/** In-range input pixels (row-major) read by output pixel (y, x), straight from the kernel taps. */
function taps(g: Geometry, y: number, x: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < g.kh; i++) {
    for (let j = 0; j < g.kw; j++) {
      const r = y * g.sh - g.padTop + i * g.dh;
      const c = x * g.sw - g.padLeft + j * g.dw;
      if (r >= 0 && r < g.H && c >= 0 && c < g.W) out.push(r * g.W + c);
    }
  }
  return out;
}

const geometry = fc
  .record({
    kh: fc.integer({ min: 1, max: 4 }), kw: fc.integer({ min: 1, max: 4 }),
    sh: fc.integer({ min: 1, max: 3 }), sw: fc.integer({ min: 1, max: 3 }),
    dh: fc.integer({ min: 1, max: 2 }), dw: fc.integer({ min: 1, max: 2 }),
    padTop: fc.integer({ min: 0, max: 2 }), padLeft: fc.integer({ min: 0, max: 2 }),
    padBottom: fc.integer({ min: 0, max: 2 }), padRight: fc.integer({ min: 0, max: 2 }),
    H: fc.integer({ min: 1, max: 9 }), W: fc.integer({ min: 1, max: 9 }),
  })
  .filter((g) => {
    const oh = outSize(g.H, g.kh, g.sh, g.dh, g.padTop, g.padBottom);
    const ow = outSize(g.W, g.kw, g.sw, g.dw, g.padLeft, g.padRight);
    if (oh < 1 || ow < 1) return false;
    // Every window must read at least one real pixel (else "the pixels it needs" is empty).
    for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) if (taps(g, y, x).length === 0) return false;
    return true;
  });

function windowFor(g: Geometry) {
  const rf: ReceptiveField = { all: false, kh: g.kh, kw: g.kw, sh: g.sh, sw: g.sw, dh: g.dh, dw: g.dw, padTop: g.padTop, padLeft: g.padLeft };
  const oh = outSize(g.H, g.kh, g.sh, g.dh, g.padTop, g.padBottom);
  const ow = outSize(g.W, g.kw, g.sw, g.dw, g.padLeft, g.padRight);
  return { w: windowOf(rf, ow, oh, { h: g.H, w: g.W }), oh, ow };
}

describe("receptive-field windows", () => {
  it("hi = highest pixel any output pixel ≤ q reads; lo = lowest any pixel ≥ q reads (brute force over taps)", () => {
    fc.assert(
      fc.property(geometry, (g) => {
        const { w, oh, ow } = windowFor(g);
        const P = oh * ow;
        const hiOf = Array.from({ length: P }, (_, q) => Math.max(...taps(g, Math.floor(q / ow), q % ow)));
        const loOf = Array.from({ length: P }, (_, q) => Math.min(...taps(g, Math.floor(q / ow), q % ow)));
        let prefix = -1;
        for (let q = 0; q < P; q++) {
          prefix = Math.max(prefix, hiOf[q]);
          expect(windowHi(w, q)).toBe(prefix);
        }
        let suffix = Infinity;
        for (let q = P - 1; q >= 0; q--) {
          suffix = Math.min(suffix, loOf[q]);
          expect(windowLo(w, q)).toBe(suffix);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("windowFirstNeeding inverts windowHi", () => {
    fc.assert(
      fc.property(geometry, (g) => {
        const { w, oh, ow } = windowFor(g);
        for (let px = 0; px < g.H * g.W; px++) {
          let q = 0;
          while (q < oh * ow && windowHi(w, q) < px) q++;
          expect(windowFirstNeeding(w, px)).toBe(q);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("nearest-neighbour upsampling ×2 reads input (⌊y/2⌋, ⌊x/2⌋)", () => {
    const rf: ReceptiveField = { all: false, kh: 1, kw: 1, sh: 0.5, sw: 0.5, dh: 1, dw: 1, padTop: 0, padLeft: 0 };
    const w = windowOf(rf, 6, 4, { h: 2, w: 3 });
    let prefix = -1;
    for (let q = 0; q < 24; q++) {
      const src = Math.floor(Math.floor(q / 6) / 2) * 3 + Math.floor((q % 6) / 2);
      prefix = Math.max(prefix, src);
      expect(windowHi(w, q)).toBe(prefix);
    }
  });
});

describe("producer block a consumer block waits for", () => {
  /**
   * The reference's rule (§7.3, 1-based, square maps) for one consumer pixel p: the producer block holding
   * the bottom-right pixel of its window.
   */
  function referenceK(W: number, Wp: number, stride: number, kernel: number, pad: number, dupP: number, p: number): number {
    const x = Math.ceil(p / W);
    const y = p - (x - 1) * W;
    const row = Math.min(Wp, (x - 1) * stride + kernel - pad);
    const col = Math.min(Wp, (y - 1) * stride + kernel - pad);
    return Math.ceil(((row - 1) * Wp + col) / dupP);
  }

  it("is the reference formula applied to every pixel up to the block's last, for same-padded 3×3 convs and 2×2 pools", () => {
    // The reference applies it to the block's last pixel only. That under-waits when a block wraps a row: on a
    // 7×7 map with 4 pixels per block, block 10 holds pixel (5,6), whose window ends at the producer's last
    // pixel, while its last pixel (6,1) needs only (6,2). And near the bottom edge an earlier block can need
    // more than a later one; a layer's blocks run in order, so the running maximum is what any schedule waits for.
    for (const W of [4, 7, 8]) {
      for (const [dupP, dupC] of [[1, 1], [2, 1], [3, 2], [5, 3], [1, 4]]) {
        const cases: { spec: LayerSpec; stride: number; kernel: number; pad: number; out: number }[] = [
          { spec: { name: "c2", kind: "conv", outChannels: 2, kernel: [3, 3], pad: [1, 1, 1, 1] }, stride: 1, kernel: 3, pad: 1, out: W },
          { spec: { name: "c2", kind: "conv", outChannels: 2, kernel: [3, 3], stride: [2, 2], pad: [1, 1, 1, 1] }, stride: 2, kernel: 3, pad: 1, out: Math.floor((W - 1) / 2) + 1 },
          { spec: { name: "c2", kind: "pool", method: "max", kernel: [2, 2], stride: [2, 2] }, stride: 2, kernel: 2, pad: 0, out: Math.floor(W / 2) },
        ];
        for (const c of cases) {
          const model = tinyModel("ref", [{ name: "c1", kind: "conv", outChannels: 2, kernel: [3, 3], pad: [1, 1, 1, 1] }, c.spec], [1, W, W]);
          const g = compileDataflow(model, TINY_COSTS, tinyPlan(model, { c1: dupP, c2: dupC }));
          const s = g.sourceBase[1];
          let need = 0;
          for (let b = 0; b < g.blocks[1]; b++) {
            for (let p = b * dupC + 1; p <= Math.min(c.out * c.out, (b + 1) * dupC); p++) need = Math.max(need, referenceK(c.out, W, c.stride, c.kernel, c.pad, dupP, p));
            expect(producerBlock(g, s, b) + 1).toBe(need);
          }
        }
      }
    }
  });

  it("eltwise waits for the same pixel; fc for the last block; route layers are resolved", () => {
    const model = tinyModel("routes", [
      { name: "a", kind: "conv", outChannels: 2, kernel: [1, 1] },
      { name: "b", kind: "conv", outChannels: 2, kernel: [1, 1], inputs: ["input"] },
      { name: "cat", kind: "concat", inputs: ["a", "b"] },
      { name: "c", kind: "conv", outChannels: 2, kernel: [1, 1] },
      { name: "sum", kind: "add", inputs: ["a", "c"] },
      { name: "flat", kind: "flatten" },
      { name: "head", kind: "fc", outFeatures: 2 },
    ]);
    const g = compileDataflow(model, TINY_COSTS, tinyPlan(model, { a: 3, b: 2, c: 1, sum: 4 }));
    const sources = (i: number) => g.sources.slice(g.sourceBase[i], g.sourceBase[i + 1]);
    // c reads the concat: resolved to a and b, pixel q of c needs pixel q of each.
    expect(sources(3).map((s) => s.layer)).toEqual([0, 1]);
    for (let b = 0; b < g.blocks[3]; b++) {
      expect(producerBlock(g, g.sourceBase[3], b)).toBe(Math.floor(b / 3));
      expect(producerBlock(g, g.sourceBase[3] + 1, b)).toBe(Math.floor(b / 2));
    }
    // sum (dup 4) block b: pixel 4b+3 of a (dup 3) and of c (dup 1).
    for (let b = 0; b < g.blocks[4]; b++) {
      const last = Math.min(16, 4 * b + 4) - 1;
      expect(producerBlock(g, g.sourceBase[4], b)).toBe(Math.floor(last / 3));
      expect(producerBlock(g, g.sourceBase[4] + 1, b)).toBe(last);
    }
    // head reads flatten(sum): the last block of sum.
    expect(sources(6).map((s) => s.layer)).toEqual([4]);
    expect(producerBlock(g, g.sourceBase[6], 0)).toBe(g.blocks[4] - 1);
    // The network input is a source of a and b (for buffers) but never an edge.
    expect(sources(0)[0].layer).toBe(-1);
    expect(producerBlock(g, g.sourceBase[0], 0)).toBe(-1);
  });
});
