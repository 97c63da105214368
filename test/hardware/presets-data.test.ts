/**
 * The built-in presets: they validate, every row is cited, ISAAC's per-unit rows re-sum to Table I, and
 * the PIMSYN rows carry the reference config.json's values after unit conversion.
 */
import { describe, expect, it } from "vitest";
import { basename } from "node:path";
import { actionEnergyPj, COMPONENT_KINDS, type Preset } from "../../src/hardware/components.ts";
import { adcRow, aluRow, crossbarRow, dacRow, listPresets, loadPreset, namedRow, scratchpadRow } from "../../src/hardware/preset.ts";

const within = (actual: number, expected: number, rel = 0.01) => expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(rel);

/** The reference key a citation starts with, if any: the key followed by a space, colon, comma or bracket. */
function citedKey(text: string, references: Record<string, string>): string | undefined {
  return Object.keys(references)
    .sort((a, b) => b.length - a.length)
    .find((k) => text.startsWith(k) && /^[\s:,;(]/.test(text.slice(k.length)));
}

describe("built-in presets", () => {
  const infos = listPresets();

  it("lists isaac-isca16 and pimsyn-date24, each named after its file", () => {
    expect(infos.map((p) => p.name)).toEqual(expect.arrayContaining(["isaac-isca16", "pimsyn-date24"]));
    for (const info of infos) {
      expect(basename(info.file)).toBe(`${info.name}.json`);
      expect(loadPreset(info.name).name).toBe(info.name);
    }
  });

  for (const info of infos) {
    describe(info.name, () => {
      const preset = loadPreset(info.name);

      it("every row and the globals cite a source starting with a references key", () => {
        expect(citedKey(preset.globals.source, preset.references)).toBeDefined();
        for (const kind of COMPONENT_KINDS) {
          (preset[kind] as readonly { source: string; areaSource?: string }[]).forEach((row, i) => {
            expect(row.source.trim().length, `${kind}/${i}`).toBeGreaterThan(10);
            expect(citedKey(row.source, preset.references), `${kind}/${i}: ${row.source}`).toBeDefined();
            if (row.areaSource !== undefined) expect(citedKey(row.areaSource, preset.references), `${kind}/${i} area`).toBeDefined();
          });
        }
      });

      it("a row whose peak is below static + dynamic explains itself in a note", () => {
        for (const kind of COMPONENT_KINDS) {
          for (const row of preset[kind] as readonly { staticPowerMw: number; dynamicPowerMw: number; peakPowerMw: number; note?: string }[]) {
            if (row.peakPowerMw < row.staticPowerMw + row.dynamicPowerMw - 1e-9) expect(row.note, JSON.stringify(row)).toMatch(/\S/);
          }
        }
      });

      it("is frozen, so its lookup index cannot go stale", () => {
        expect(Object.isFrozen(preset)).toBe(true);
        expect(Object.isFrozen(preset.adc[0])).toBe(true);
      });
    });
  }
});

describe("isaac-isca16 re-sums to ISAAC Table I", () => {
  const p: Preset = loadPreset("isaac-isca16");
  const peak = (row: { peakPowerMw: number }) => row.peakPowerMw;
  const mm2 = (row: { areaUm2: number }) => row.areaUm2 / 1e6;
  const sum = (parts: [number, { peakPowerMw: number; areaUm2: number }][]) => ({
    mw: parts.reduce((s, [n, r]) => s + n * peak(r), 0),
    mm2: parts.reduce((s, [n, r]) => s + n * mm2(r), 0),
  });
  // Table I's counts, written out here rather than taken from any template.
  const ima = sum([
    [8, adcRow(p, 8)],
    [8 * 128, dacRow(p, 1)],
    [8 * 128, p.sampleHold[0]!],
    [8, crossbarRow(p, 128, 2)],
    [4, aluRow(p, "shiftAdd")],
    [1, namedRow(p, "register", "ima-input")],
    [1, namedRow(p, "register", "ima-output")],
  ]);
  const tileOwn = sum([
    [1, scratchpadRow(p, 64)],
    [1, namedRow(p, "bus", "edram-ima")],
    [1 / 4, namedRow(p, "router", "isaac-router")],
    [2, aluRow(p, "sigmoid")],
    [1, aluRow(p, "pool")],
    [1, aluRow(p, "shiftAdd")],
    [1, namedRow(p, "register", "tile-output")],
  ]);
  const tile = { mw: 12 * ima.mw + tileOwn.mw, mm2: 12 * ima.mm2 + tileOwn.mm2 };
  const links = sum([[4, namedRow(p, "offChipLink", "hypertransport")]]);

  it("one IMA: 24.08 mW, 0.0131 mm²; 12 IMAs: 289 mW, 0.157 mm²", () => {
    within(ima.mw, 24.08);
    within(ima.mm2, 0.0131);
    within(12 * ima.mw, 289);
    within(12 * ima.mm2, 0.157);
  });

  it("tile: 330 mW, 0.372 mm²", () => {
    within(tile.mw, 330);
    within(tile.mm2, 0.372);
  });

  it("chip: 168 tiles 55.4 W / 62.5 mm², with 4 HyperTransport links 65.8 W / 85.4 mm²", () => {
    within((168 * tile.mw) / 1e3, 55.4);
    within(168 * tile.mm2, 62.5);
    within(links.mw / 1e3, 10.4);
    within(links.mm2, 22.88);
    within((168 * tile.mw + links.mw) / 1e3, 65.8);
    within(168 * tile.mm2 + links.mm2, 85.4);
  });

  it("the 8-bit ADC: 16 mW / 8 ADCs / 1.28 GS/s per conversion, and 8 ADCs keep up with 8 crossbars of 128 columns", () => {
    const adc = adcRow(p, 8);
    expect(actionEnergyPj(adc)).toBeCloseTo(16 / 8 / 1.28, 9);
    expect(adc.rateGhz! * 8 * p.globals.crossbarReadNs).toBeCloseTo(8 * 128, 6);
  });

  it("has ADCs for 4 to 14 bits, non-decreasing in energy, for design-space exploration", () => {
    const energies = Array.from({ length: 11 }, (_, i) => actionEnergyPj(adcRow(p, 4 + i)));
    for (let i = 1; i < energies.length; i++) expect(energies[i]).toBeGreaterThanOrEqual(energies[i - 1]!);
    for (const bits of [11, 12, 13, 14]) expect(adcRow(p, bits).note).toMatch(/xtrapolated/);
  });

  it("larger eDRAMs follow the CACTI depth rule (energy x depth^0.78, area x depth)", () => {
    const base = scratchpadRow(p, 64);
    const big = scratchpadRow(p, 1024);
    expect(big.readEnergyPj / base.readEnergyPj).toBeCloseTo(16 ** 0.78, 3);
    expect(big.areaUm2 / base.areaUm2).toBeCloseTo(16, 9);
  });
});

describe("pimsyn-date24 carries config.json after unit conversion (W -> mW, nJ -> pJ)", () => {
  const p = loadPreset("pimsyn-date24");

  it("ADCs: 13-bit peak 300 mW, 9-bit 2.25 mW, 14-bit at 0.033 GHz and 30 ns; 6-bit peak chosen at 1.26 mW", () => {
    expect(adcRow(p, 13).peakPowerMw).toBeCloseTo(300, 9);
    expect(adcRow(p, 13).staticPowerMw).toBeCloseTo(60, 9);
    expect(adcRow(p, 9).peakPowerMw).toBeCloseTo(2.25, 9);
    expect(adcRow(p, 14).rateGhz).toBeCloseTo(0.033, 9);
    expect(adcRow(p, 14).latencyNs).toBeCloseTo(30, 9);
    expect(adcRow(p, 6).peakPowerMw).toBeCloseTo(1.26, 9);
    expect(adcRow(p, 13).note).toMatch(/override/);
    expect(p.adc.map((r) => r.bits)).toEqual([4, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it("crossbars 128/256/512 for 1-, 2- and 4-bit cells; 512: 0.4 + 4.4 = 4.8 mW", () => {
    for (const size of [128, 256, 512]) for (const bits of [1, 2, 4]) expect(crossbarRow(p, size, bits).latencyNs).toBe(100);
    const xb = crossbarRow(p, 512, 4);
    expect([xb.staticPowerMw, xb.dynamicPowerMw, xb.peakPowerMw]).toEqual([0.4, 4.4, 4.8]);
    expect(crossbarRow(p, 256, 1).areaUm2).toBe(100);
  });

  it("DACs: 4-bit 31.2 µW peak (anomaly noted), 1-bit 3.9 µW at 0.3 GHz / 3 ns", () => {
    expect(dacRow(p, 4).peakPowerMw).toBeCloseTo(0.0312, 12);
    expect(dacRow(p, 4).note).toMatch(/35\.7/);
    expect(dacRow(p, 1).peakPowerMw).toBeCloseTo(0.0039, 12);
    expect([dacRow(p, 1).rateGhz, dacRow(p, 1).latencyNs]).toEqual([0.3, 3]);
  });

  it("scratchpads: 64 KB leakage 13.6025 mW, 38.402 / 40.144 pJ per 1024-bit access; 4 MB write 558.04 pJ", () => {
    const s = scratchpadRow(p, 64);
    expect(s.staticPowerMw).toBeCloseTo(13.6025, 9);
    expect(s.readEnergyPj).toBeCloseTo(38.402, 9);
    expect(s.writeEnergyPj).toBeCloseTo(40.144, 9);
    expect(s.accessBits).toBe(1024);
    expect(scratchpadRow(p, 4096).writeEnergyPj).toBeCloseTo(558.04, 9);
    expect(p.scratchpad.map((r) => r.capacityKb)).toEqual([64, 128, 256, 512, 1024, 2048, 4096]);
  });

  it("ALUs: 0.1 mW peak, 32 lanes; POOL 0.05 GHz / 200 ns; mul derived from ELTWISE", () => {
    for (const op of ["shiftAdd", "add", "pool", "relu", "sigmoid", "eltwise", "mul"]) {
      expect(aluRow(p, op).peakPowerMw).toBeCloseTo(0.1, 12);
      expect(aluRow(p, op).vectorWidth).toBe(32);
    }
    expect([aluRow(p, "pool").rateGhz, aluRow(p, "pool").latencyNs]).toEqual([0.05, 200]);
    expect([aluRow(p, "add").rateGhz, aluRow(p, "add").latencyNs]).toEqual([0.1, 10]);
    expect(aluRow(p, "mul").source).toMatch(/ELTWISE/);
  });

  it("NoC: a router per macro (Table III's 42 mW doubled for 64-bit flits, PUMA's leakage, 0.16 pJ/bit/hop) first, the reference's whole-NoC 104 mW kept; globals 16/16 bits", () => {
    const router = p.router[0];
    expect(router.name).toBe("date24-router");
    expect(router.wholeNoc).toBeUndefined();
    expect(router.peakPowerMw).toBeCloseTo(84, 9);
    expect(router.staticPowerMw + router.dynamicPowerMw).toBeCloseTo(router.peakPowerMw, 9);
    expect(router.staticPowerMw).toBeCloseTo(2 * 1.04, 9);
    // Energy per bit per hop: the dynamic power of all ports busy over the bits they move per ns.
    expect(router.energyPj! / router.flitBits).toBeCloseTo(router.dynamicPowerMw / (router.ports * router.flitBits * p.globals.nocClockGhz), 9);
    expect(router.source).toMatch(/Table III/);
    expect(router.source).toMatch(/PUMA/);
    const noc = namedRow(p, "router", "pimsyn-noc");
    expect(noc.wholeNoc).toBe(true);
    expect(noc.peakPowerMw).toBeCloseTo(104, 9);
    expect(noc.flitBits).toBe(64);
    expect(p.globals).toMatchObject({ weightBits: 16, activationBits: 16, flitBits: 64, crossbarReadNs: 100, nocClockGhz: 1 });
  });

  it("every row has an area with its own citation", () => {
    for (const kind of COMPONENT_KINDS) {
      for (const row of p[kind] as readonly { areaUm2: number; areaSource?: string }[]) {
        expect(row.areaUm2).toBeGreaterThan(0);
        expect(row.areaSource).toMatch(/\S/);
      }
    }
  });
});
