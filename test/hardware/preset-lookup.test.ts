/** Row lookups: exact rows, the smallest large-enough scratchpad, and clear errors for absent rows. */
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import {
  adcRow,
  aluRow,
  applyOverrides,
  crossbarRow,
  dacRow,
  loadPreset,
  namedRow,
  sampleHoldRow,
  scratchpadAtLeast,
  scratchpadRow,
} from "../../src/hardware/preset.ts";

const p = loadPreset("pimsyn-date24");
const isaac = loadPreset("isaac-isca16");

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("preset lookups", () => {
  it("return the row whose key matches", () => {
    expect(adcRow(p, 10)).toBe(p.adc.find((r) => r.bits === 10));
    expect(dacRow(p, 2)).toBe(p.dac.find((r) => r.bits === 2));
    expect(aluRow(p, "relu")).toBe(p.alu.find((r) => r.op === "relu"));
    expect(crossbarRow(p, 256, 4)).toBe(p.crossbar.find((r) => r.size === 256));
    expect(scratchpadRow(p, 512)).toBe(p.scratchpad.find((r) => r.capacityKb === 512));
    expect(namedRow(isaac, "register", "tile-output").sizeBytes).toBe(3072);
    expect(namedRow(isaac, "offChipLink", "hypertransport").bandwidthGBps).toBe(6.4);
    expect(sampleHoldRow(isaac)).toBe(isaac.sampleHold[0]);
    expect(sampleHoldRow(p)).toBeUndefined();
  });

  it("scratchpadAtLeast picks the smallest capacity that fits, or undefined", () => {
    expect(scratchpadAtLeast(p, 1)?.capacityKb).toBe(64);
    expect(scratchpadAtLeast(p, 64)?.capacityKb).toBe(64);
    expect(scratchpadAtLeast(p, 65)?.capacityKb).toBe(128);
    expect(scratchpadAtLeast(p, 3000)?.capacityKb).toBe(4096);
    expect(scratchpadAtLeast(p, 4097)).toBeUndefined();
  });

  it("absent rows are UserErrors that name the preset and what it does have", () => {
    expect(message(() => adcRow(p, 16))).toBe("preset pimsyn-date24 has no 16-bit ADC (it has 4, 6, 7, 8, 9, 10, 11, 12, 13, 14)");
    expect(message(() => dacRow(p, 3))).toContain("no 3-bit DAC (it has 1, 2, 4)");
    expect(message(() => crossbarRow(p, 128, 3))).toContain("no 128x128 crossbar with 3-bit cells");
    expect(message(() => crossbarRow(p, 1024, 1))).toContain("no 1024x1024 crossbar");
    expect(message(() => aluRow(p, "div"))).toContain('no "div" ALU');
    expect(message(() => scratchpadRow(p, 100))).toContain("no 100 KB scratchpad (it has 64, 128, 256, 512, 1024, 2048, 4096 KB)");
    expect(message(() => namedRow(p, "bus", "edram-ima"))).toContain('no bus named "edram-ima" (it has none)');
    expect(message(() => namedRow(isaac, "router", "mesh"))).toContain('(it has "isaac-router")');
  });

  it("a merged preset gets its own index (no stale rows from the base)", () => {
    expect(adcRow(p, 8).peakPowerMw).toBe(2);
    const merged = applyOverrides(p, { adc: [{ bits: 8, peakPowerMw: 3, source: "Ours: x" }] }, "o.json");
    expect(adcRow(merged, 8).peakPowerMw).toBe(3);
    expect(adcRow(p, 8).peakPowerMw).toBe(2);
  });
});
