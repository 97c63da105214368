import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { resolveNetwork } from "../../src/network/resolve.ts";
import type { LayerSpec } from "../../src/network/types.ts";
import { spec } from "./helpers.ts";

/**
 * Oracle for one axis, by counting window start positions instead of the closed form under test. Window i
 * starts at i·stride in the padded input; it counts if it fits (floor mode), or in ceil mode if it starts
 * before the padded end minus the span plus one stride and inside the input or left padding (PyTorch).
 */
function countWindows(size: number, k: number, s: number, p0: number, p1: number, d: number, ceil: boolean): number {
  const span = d * (k - 1) + 1;
  const room = size + p0 + p1 - span;
  let n = 0;
  for (let i = 0; i * s <= size + p0 + p1; i++) {
    const fits = i * s <= room;
    const ceilOk = ceil && room >= 0 && i * s < room + s && i * s < size + p0;
    if (fits || ceilOk) n++;
  }
  return n;
}

/** The fields the generated conv and pool layers share (both always have kernel, stride and pad here). */
interface WindowLayer {
  kernel: [number, number];
  stride: [number, number];
  pad: [number, number, number, number];
  dilation?: [number, number];
  groups?: number;
  outChannels: number;
  ceilMode?: boolean;
}

const pair = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 1, max }));
const convArb = fc.record({
  kind: fc.constant("conv" as const),
  outChannels: fc.integer({ min: 1, max: 16 }),
  kernel: pair(5),
  stride: pair(3),
  pad: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
  dilation: pair(2),
  groups: fc.constantFrom(1, 2),
});
// PyTorch requires pool padding ≤ kernel/2; the generator stays inside that domain.
const poolArb = fc
  .record({ kind: fc.constant("pool" as const), method: fc.constantFrom("max" as const, "avg" as const), k: fc.integer({ min: 1, max: 4 }), s: fc.integer({ min: 1, max: 3 }), ceilMode: fc.boolean(), p: fc.nat(2) })
  .map(({ k, s, p, ...rest }) => ({ ...rest, kernel: [k, k] as [number, number], stride: [s, s] as [number, number], pad: Array(4).fill(Math.min(p, Math.floor(k / 2))) as [number, number, number, number] }));

describe("random conv/pool chains", () => {
  it("either resolve to positive integer shapes with exact integer work counts, or fail with a UserError", () => {
    let resolved = 0;
    fc.assert(
      fc.property(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 48 })), fc.array(fc.oneof(convArb, poolArb), { minLength: 1, maxLength: 6 }), (shape, raw) => {
        const layers = raw.map((l, i) => ({ ...l, name: `l${i}` }) as LayerSpec);
        let net;
        try {
          net = resolveNetwork(spec(layers, shape));
        } catch (e) {
          expect(e).toBeInstanceOf(UserError);
          expect((e as UserError).pointer).toMatch(/^\/layers\/\d+\/(kernel|groups)$/);
          return;
        }
        resolved++;
        for (const l of net.layers) {
          const x = l.inShapes[0];
          for (const v of [l.outShape.c, l.outShape.h, l.outShape.w]) expect(Number.isInteger(v) && v >= 1).toBe(true);
          expect(Number.isInteger(l.weights) && l.weights >= 0).toBe(true);
          expect(Number.isInteger(l.macs) && l.macs >= 0).toBe(true);
          const s = l.spec as unknown as WindowLayer;
          const ceil = l.kind === "pool" && s.ceilMode === true;
          const d = s.dilation ?? [1, 1];
          const [pt, pl, pb, pr] = s.pad;
          expect(l.outShape.h).toBe(countWindows(x.h, s.kernel[0], s.stride[0], pt, pb, d[0], ceil));
          expect(l.outShape.w).toBe(countWindows(x.w, s.kernel[1], s.stride[1], pl, pr, d[1], ceil));
          if (l.kind === "conv") {
            const g = s.groups ?? 1;
            expect(l.weights).toBe(s.kernel[0] * s.kernel[1] * (x.c / g) * s.outChannels);
            expect(l.macs).toBe(l.weights * l.outShape.h * l.outShape.w);
          } else {
            expect([l.weights, l.macs, l.outShape.c]).toEqual([0, 0, x.c]);
          }
        }
      }),
      { numRuns: 400, seed: 20240601 },
    );
    // The generator must exercise the success path, not only the error path.
    expect(resolved).toBeGreaterThan(50);
  });
});
