/**
 * CMSwitch's latency terms on hand-computable cases: the AI of Eq. 10 counts the stationary operand (so a
 * short sequence is feed-bound and a long one compute-bound, as the paper's BERT AI range says), and the
 * reload of Eq. 2 does not depend on how finely an operator is split.
 */
import { describe, expect, it } from "vitest";
import { feedIntensity, opRate, reloadCycles, type DmChip, type DmOp } from "../../src/cost/dualmode.ts";

const chip: DmChip = {
  arrays: 96, memoryBytesPerCycle: 40, mainBytesPerCycle: 96, toMemoryCycles: 1, toComputeCycles: 1, writeCyclesPerArray: 320, writeBackBytesPerCycle: 64,
};

/** A linear layer of N×K 8-bit weights over M tokens, on `arrays` arrays of 400 MAC/cycle each. */
function linear(m: number, n: number, k: number, arrays: number): DmOp {
  return { macs: m * n * k, inBytes: m * n, stationaryBytes: n * k, outBytes: m * k, weightArrays: arrays, macsPerArrayCycle: 400 };
}

describe("AI of Eq. 10 counts the stationary operand", () => {
  it("a 1000×1000 linear over 10 tokens moves its weights for little work: AI = 10·10⁶ / (10⁴ + 10⁶ + 10⁴)", () => {
    const op = linear(10, 1000, 1000, 80);
    expect(feedIntensity(op)).toBeCloseTo(1e7 / 1.02e6, 12);
    // Feed-bound: D_main·AI = 96 · 9.80 ≈ 941 MAC/cycle against 80 · 400 = 32 000 of compute.
    expect(opRate(op, 80, 0, chip)).toBeCloseTo(96 * (1e7 / 1.02e6), 9);
    // Each memory-mode array adds D_cim = 40 B/cycle of feed.
    expect(opRate(op, 80, 10, chip)).toBeCloseTo((96 + 400) * (1e7 / 1.02e6), 9);
  });

  it("the same layer over 10⁴ tokens is compute-bound without memory mode (AI → N·K/(N+K) = 500)", () => {
    const op = linear(10_000, 1000, 1000, 80);
    const ai = 1e10 / (1e7 + 1e6 + 1e7);
    expect(feedIntensity(op)).toBeCloseTo(ai, 12);
    expect(96 * ai).toBeGreaterThan(80 * 400);
    expect(opRate(op, 80, 0, chip)).toBe(80 * 400);
    expect(opRate(op, 80, 10, chip)).toBe(80 * 400);
  });

  it("AI rises with the token count (BERT-large's range in the paper), it does not stay at N·K/(N+K)", () => {
    const ais = [32, 128, 512, 2048].map((m) => feedIntensity(linear(m, 1024, 1024, 82)));
    for (let i = 1; i < ais.length; i++) expect(ais[i]).toBeGreaterThan(ais[i - 1]);
  });
});

describe("T^rw (Eq. 2): operators load in parallel, a split operator's pieces one after another", () => {
  it("two layers of 30 and 20 arrays load in parallel: 30 · 320 cycles", () => {
    expect(reloadCycles([linear(1, 1, 1, 30), linear(1, 1, 1, 20)], chip)).toBe(30 * 320);
  });

  it("a 48-array layer costs 48 · 320 cycles whether it is one operator or four pieces of 12 in one segment", () => {
    const whole = [{ ...linear(1, 1, 1, 48), writeGroup: 7 }];
    const pieces = [0, 1, 2, 3].map(() => ({ ...linear(1, 1, 1, 12), writeGroup: 7 }));
    expect(reloadCycles(whole, chip)).toBe(48 * 320);
    expect(reloadCycles(pieces, chip)).toBe(48 * 320);
    // With another layer's 40-array operator beside them, the slower of the two write paths counts.
    expect(reloadCycles([...pieces, { ...linear(1, 1, 1, 40), writeGroup: 8 }], chip)).toBe(48 * 320);
  });
});
