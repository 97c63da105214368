/** Override files: merge by key, add complete rows, and name the override file and pointer on every error. */
import { userError as expectUserError } from "../network/helpers.ts";
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../../src/errors.ts";
import { validate } from "../../src/io/json.ts";
import {
  adcRow,
  aluRow,
  applyOverrides,
  crossbarRow,
  loadPreset,
  loadPresetWithOverrides,
  PresetOverride,
} from "../../src/hardware/preset.ts";

const dir = mkdtempSync(join(tmpdir(), "pimsyn-overrides-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const writeJson = (name: string, data: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
};


const base = loadPreset("pimsyn-date24");
const FILE = "mine.json";

describe("applyOverrides", () => {
  it("merges a matched row field by field and leaves the base preset untouched", () => {
    const merged = applyOverrides(base, { adc: [{ bits: 13, peakPowerMw: 54.5, source: "Ours: measured" }] }, FILE);
    expect(adcRow(merged, 13).peakPowerMw).toBe(54.5);
    expect(adcRow(merged, 13).staticPowerMw).toBe(adcRow(base, 13).staticPowerMw);
    expect(adcRow(merged, 13).source).toBe("Ours: measured");
    expect(adcRow(base, 13).peakPowerMw).toBe(300);
    expect(merged.adc).toHaveLength(base.adc.length);
  });

  it("adds a complete unmatched row", () => {
    const row = { ...adcRow(base, 14), bits: 15, peakPowerMw: 80, source: "Ours: a 15-bit ADC" };
    const merged = applyOverrides(base, { adc: [row] }, FILE);
    expect(adcRow(merged, 15).peakPowerMw).toBe(80);
    expect(merged.adc).toHaveLength(base.adc.length + 1);
  });

  it("splits a crossbar row when only some cell resolutions change", () => {
    const merged = applyOverrides(base, { crossbar: [{ size: 128, cellBits: [2], dynamicPowerMw: 0.5, source: "Ours: 2-bit cells" }] }, FILE);
    expect(crossbarRow(merged, 128, 2).dynamicPowerMw).toBe(0.5);
    expect(crossbarRow(merged, 128, 1).dynamicPowerMw).toBe(crossbarRow(base, 128, 1).dynamicPowerMw);
    expect(crossbarRow(merged, 128, 4).dynamicPowerMw).toBe(crossbarRow(base, 128, 4).dynamicPowerMw);
    // Without cellBits the override reaches every resolution of that size.
    const all = applyOverrides(base, { crossbar: [{ size: 256, latencyNs: 50, source: "Ours: faster read" }] }, FILE);
    for (const bits of [1, 2, 4]) expect(crossbarRow(all, 256, bits).latencyNs).toBe(50);
  });

  it("overrides globals and adds references", () => {
    const merged = applyOverrides(
      base,
      { references: { Ours: "our report" }, globals: { nocClockGhz: 2, source: "Ours: NoC clock" } },
      FILE,
    );
    expect(merged.globals.nocClockGhz).toBe(2);
    expect(merged.globals.flitBits).toBe(base.globals.flitBits);
    expect(merged.references.Ours).toBe("our report");
    expect(merged.references.PIMSYN).toBe(base.references.PIMSYN);
  });

  it("an unknown table fails naming the file and the pointer", () => {
    const line = userErrorLine(() => applyOverrides(base, { adcs: [] }, FILE));
    expect(line).toContain("mine.json: /adcs:");
    expect(line).toContain("unknown table");
  });

  it("a field of the wrong type fails naming the file and the pointer", () => {
    const line = userErrorLine(() => applyOverrides(base, { adc: [{ bits: 8, peakPowerMw: "high", source: "Ours: x" }] }, FILE));
    expect(line).toContain("mine.json: /adc/0/peakPowerMw:");
  });

  it("a row without a source fails", () => {
    const line = userErrorLine(() => applyOverrides(base, { alu: [{ op: "pool", latencyNs: 100 }] }, FILE));
    expect(line).toContain("mine.json: /alu/0/source:");
    expect(line).toContain("cite");
  });

  it("an unmatched row that is not complete fails, saying why it must be complete", () => {
    const line = userErrorLine(() => applyOverrides(base, { dac: [{ source: "Ours: no key" }] }, FILE));
    expect(line).toContain("mine.json: /dac/0/bits:");
    const line2 = userErrorLine(() => applyOverrides(base, { dac: [{ bits: 8, peakPowerMw: 1, source: "Ours: x" }] }, FILE));
    expect(line2).toMatch(/^mine\.json: \/dac\/0\/\w+: .*no 8-bit DAC.*complete/);
  });

  it("a crossbar override spanning covered and new resolutions must be complete for the new ones", () => {
    const line = userErrorLine(() => applyOverrides(base, { crossbar: [{ size: 128, cellBits: [2, 3], latencyNs: 50, source: "Ours: x" }] }, FILE));
    expect(line).toMatch(/^mine\.json: \/crossbar\/0\/\w+: .*3-bit cells.*complete/);
  });
});

describe("loading presets and override files", () => {
  it("an unknown preset name is a UserError on --preset listing the built-ins", () => {
    const line = userErrorLine(() => loadPreset("isaac"));
    expect(line).toMatch(/^--preset: unknown preset "isaac"; expected one of .*isaac-isca16.*pimsyn-date24/);
  });

  it("loads a full preset file by path, and refuses one with two rows for one key", () => {
    const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown[]>;
    const good = writeJson("good.json", copy);
    expect(loadPreset(good).adc).toHaveLength(base.adc.length);
    copy.adc = [...copy.adc, copy.adc[3]];
    const dup = writeJson("dup.json", copy);
    const line = userErrorLine(() => loadPreset(dup));
    expect(line).toContain(`dup.json: /adc/${base.adc.length}/bits:`);
    expect(line).toContain("/adc/3");
  });

  it("takes the preset from the override file's base, and refuses a base that disagrees with the named preset", () => {
    const file = writeJson("with-base.json", { base: "isaac-isca16", adc: [{ bits: 8, peakPowerMw: 2.5, source: "Ours: x" }] });
    expect(adcRow(loadPresetWithOverrides(undefined, file), 8).peakPowerMw).toBe(2.5);
    expect(adcRow(loadPresetWithOverrides("isaac-isca16", file), 8).peakPowerMw).toBe(2.5);
    expect(userErrorLine(() => loadPresetWithOverrides("pimsyn-date24", file))).toContain("with-base.json: /base:");
    const noBase = writeJson("no-base.json", { adc: [] });
    expect(userErrorLine(() => loadPresetWithOverrides(undefined, noBase))).toContain("no-base.json: /base:");
    expect(loadPresetWithOverrides("pimsyn-date24", noBase).adc).toHaveLength(base.adc.length);
  });

  it("the example in docs/presets.md is a valid override and does what the text says", () => {
    const doc = readFileSync(new URL("../../docs/presets.md", import.meta.url), "utf8");
    const block = /## Override files[\s\S]*?```json\n([\s\S]*?)```/.exec(doc);
    expect(block).not.toBeNull();
    const data = JSON.parse(block![1]!) as { base: string };
    validate(PresetOverride, data, "docs/presets.md");
    const merged = applyOverrides(loadPreset(data.base), data, "docs/presets.md");
    expect(adcRow(merged, 13).peakPowerMw).toBe(44.5);
    expect(crossbarRow(merged, 128, 2).dynamicPowerMw).toBe(0.25);
    expect(crossbarRow(merged, 128, 1).dynamicPowerMw).toBe(crossbarRow(base, 128, 1).dynamicPowerMw);
    expect(aluRow(merged, "mul").areaUm2).toBe(5000);
  });
});

const userErrorLine = (f: () => unknown): string => expectUserError(f).toLine();
