/** DEHA presets: schema-valid, cited, and the derived constants of CMSwitch's Table 1. */
import { describe, expect, it } from "vitest";
import { deriveDeha, listDehaPresets, loadDeha, DehaSpec } from "../../src/hardware/deha.ts";
import { validate } from "../../src/io/json.ts";
import { UserError } from "../../src/errors.ts";

describe("DEHA presets", () => {
  it("ships dynaplasia and prime-reram, every section with a source", () => {
    expect(listDehaPresets()).toEqual(["dynaplasia", "prime-reram"]);
    for (const name of listDehaPresets()) {
      const spec = loadDeha(name).spec as unknown as Record<string, unknown>;
      for (const [key, section] of Object.entries(spec)) {
        if (section && typeof section === "object" && key !== "references") expect((section as { source: string }).source.length, `${name} ${key}`).toBeGreaterThan(10);
      }
    }
  });

  it("dynaplasia: CMSwitch Table 2 and the derived constants", () => {
    const d = loadDeha("dynaplasia");
    expect([d.arrays, d.rows, d.spec.array.cols, d.toMemoryCycles, d.toComputeCycles]).toEqual([96, 320, 320, 1, 1]);
    expect(d.spec.bandwidth.buffers * d.spec.bandwidth.bufferBytes).toBe(8 * 10 * 1024);
    expect(d.weightCols).toBe(40); // 320 one-bit columns per row / 8-bit weights
    // OP_cim and D_main are fitted (tools/fit-deha.ts): a bit-slice takes 4.329 cycles, the external port 64 B/cycle.
    expect(d.macsPerCycle).toBeCloseTo((320 * 40) / (8 * 4.329), 9);
    expect(d.mainBytesPerCycle).toBe(8 * 4 + 64);
    for (const section of [d.spec.compute, d.spec.bandwidth]) expect(section.source + (section.note ?? "")).toMatch(/fitted to CMSwitch .* see docs\/dualmode\.md/);
    expect(d.arrayBytes).toBe(12_800);
  });

  it("a chip whose rows cannot hold one weight is a user error naming the field", () => {
    const spec = validate(DehaSpec, { ...loadDeha("dynaplasia").spec, array: { rows: 8, cols: 4, cellBits: 1, source: "test row" } }, "t.json");
    const e = (() => {
      try {
        deriveDeha(spec, "t.json");
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).toLine()).toMatch(/^t\.json: \/compute\/weightBits: /);
  });
});
