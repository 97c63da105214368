import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/cost/evaluate.ts";
import { loadPreset } from "../../src/hardware/preset.ts";
import { loadArch } from "../../src/io/arch-io.ts";
import { isaacArch, ISAAC_TABLE1 } from "../../src/hardware/templates/isaac.ts";
import type { ArchSpec } from "../../src/hardware/arch.ts";

const EXAMPLE = new URL("../../specs/examples/isaac.arch.json", import.meta.url).pathname;
const within = (actual: number, expected: number, rel = 0.01) => expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(rel);

describe("ISAAC Table I through the generic evaluator", () => {
  const preset = loadPreset("isaac-isca16");
  const arch = loadArch(EXAMPLE);
  const m = evaluate(arch, preset).hardware;
  const level = (name: string) => m.levels.find((l) => l.name === name)!;

  it("the example file is the template with Table I's counts", () => {
    expect(arch).toEqual(isaacArch(ISAAC_TABLE1));
  });

  it("one IMA: 24.08 mW and 0.0131 mm²; 12 IMAs 289 mW and 0.157 mm²", () => {
    within(level("ima").peakPowerW * 1e3, 24.08);
    within(level("ima").areaMm2, 0.0131);
    within(12 * level("ima").peakPowerW * 1e3, 289);
    within(12 * level("ima").areaMm2, 0.157);
  });

  it("tile: 330 mW and 0.372 mm²", () => {
    within(level("tile").peakPowerW * 1e3, 330);
    within(level("tile").areaMm2, 0.372);
  });

  it("chip: 65.8 W and 85.4 mm², 41.3 TOPS peak, 0.63 TOPS/W", () => {
    within(m.peakPowerW, 65.8);
    within(m.areaMm2, 85.4);
    within(m.peakTops, 41.3);
    within(m.peakTopsPerW, 0.63);
    expect(m.crossbars).toBe(168 * 12 * 8);
  });

  it("one more ADC per IMA adds exactly 2016 × 2 mW (totals are computed, not stored)", () => {
    const more: ArchSpec = structuredClone(arch);
    const ima = more.hardware.chip.children[0].children[0];
    ima.components.find((c) => c.kind === "adc")!.count += 1;
    const after = evaluate(more, preset).hardware;
    expect(after.peakPowerW - m.peakPowerW).toBeCloseTo((2016 * 2) / 1e3, 9);
    expect(after.byKind.adc.units - m.byKind.adc.units).toBe(2016);
  });
});
