/**
 * CiMLoop: the macro and chip files parse with `yaml` 2.x and the local tags once stand-ins for CiMLoop's
 * defines.yaml anchors are prepended (only anchors that file defines may be used); node kinds and keys stay
 * inside CiMLoop's ISAAC macro; the two variables files have exactly its keys; numbers round-trip.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { exportDesign } from "../../src/index.ts";
import type { ExportResult } from "../../src/export/index.ts";
import { counts, designs, golden, keysOf, parseYaml, type Case, type Tree } from "./helpers.ts";

const G = golden("cimloop").keys;
const STUB = "defines_stand_in:\n" + (G.definesAnchors as string[]).map((a) => `  - &${a} {}\n`).join("");
const INCLUDE = "{{include_text('defines.yaml')}}\n";

let cases: Case[];
let results: ExportResult[];
beforeAll(async () => {
  cases = await designs();
  results = cases.map((c) => exportDesign(c.arch, "cimloop", { preset: c.preset, network: c.network }));
}, 60_000);

const find = (r: ExportResult, suffix: string) => r.files.find((f) => f.path.endsWith(suffix))!;
const macroArch = (r: ExportResult) => r.files.find((f) => /^arch\/1_macro\/[^/]+\/arch\.yaml$/.test(f.path))!.text;
const chipArch = (r: ExportResult) => r.files.find((f) => /^arch\/3_chip\/[^/]+\.yaml$/.test(f.path))!.text;
/** CiMLoop's front end replaces the include line with defines.yaml; the test puts stand-ins there. */
const parseArch = (text: string): Tree[] => {
  expect(text.startsWith(INCLUDE)).toBe(true);
  return (parseYaml(text.slice(INCLUDE.length), STUB).architecture as Tree).nodes as Tree[];
};

describe("CiMLoop export", () => {
  it("lays the files out as a CiMLoop macro directory and a chip file", () => {
    for (const r of results) {
      const paths = r.files.map((f) => f.path);
      expect(paths.filter((p) => p.startsWith("arch/1_macro/")).map((p) => p.split("/").pop()).sort()).toEqual(["arch.yaml", "variables_free.yaml", "variables_iso.yaml"]);
      expect(paths.some((p) => /^arch\/3_chip\/[^/]+\.yaml$/.test(p))).toBe(true);
      expect(paths).toContain("README.txt");
    }
  });

  it("uses only the ISAAC macro's node kinds and keys, in its order, and only defines.yaml's anchors", () => {
    const order = (G.macroNodes as { tag: string; name: string | null }[]).map((n) => n.name ?? n.tag);
    for (const r of results) {
      const nodes = parseArch(macroArch(r));
      for (const n of nodes) {
        const allowed = { "!Container": G.container, "!ArrayContainer": G.arrayContainer, "!Component": G.component, "!Hierarchical": ["nodes"] }[n.$tag as string];
        expect(allowed, String(n.$tag)).toBeDefined();
        for (const k of keysOf(n)) expect(allowed, `${String(n.name)}: ${k}`).toContain(k);
      }
      // Our nodes appear in the example's order (the scratchpad stands where its input/output buffers are).
      const ours = nodes.map((n) => (n.name as string | undefined) ?? n.$tag).filter((x) => order.includes(x as string));
      expect(ours).toEqual(order.filter((x) => ours.includes(x)));
      for (const required of ["macro", "array", "adc", "row_drivers", "column", "row", "!Hierarchical"]) expect(ours).toContain(required);
      for (const text of [macroArch(r), chipArch(r)]) for (const m of text.matchAll(/\*([A-Za-z_]+)/g)) expect(G.definesAnchors).toContain(m[1]);
    }
  });

  it("writes exactly the ISAAC macro's free and iso variable keys", () => {
    for (const r of results) {
      expect(keysOf(parseYaml(find(r, "variables_free.yaml").text).variables)).toEqual(G.variablesFree);
      expect(keysOf(parseYaml(find(r, "variables_iso.yaml").text).variables)).toEqual(G.variablesIso);
    }
  });

  it("round-trips array size and count, cell bits, resolutions, ADCs per array, bits and scratchpad size", () => {
    cases.forEach((c, i) => {
      const hw = c.arch.hardware;
      const n = counts(c.arch);
      const r = results[i];
      const nodes = parseArch(macroArch(r));
      const byName = (name: string) => nodes.find((t) => t.name === name)!;
      expect((byName("column").spatial as Tree).meshX, c.name).toBe(hw.crossbar.size);
      expect((byName("row").spatial as Tree).meshY).toBe(hw.crossbar.size);
      expect((byName("array").spatial as Tree).meshX).toBe(n.crossbars);
      const pad = byName("scratchpad").attributes as Record<string, number>;
      expect((pad.depth * pad.width) / 8 / 1024).toBe(n.scratchpadKb);
      const free = parseYaml(find(r, "variables_free.yaml").text).variables as Record<string, unknown>;
      expect(free.BITS_PER_CELL).toBe(hw.crossbar.cellBits);
      expect(free.ADC_RESOLUTION).toBe(hw.adcBits);
      expect(free.VOLTAGE_DAC_RESOLUTION).toBe(hw.dacBits);
      expect(free.N_ADC_PER_BANK).toBe(Math.max(1, Math.ceil(n.adcs / n.crossbars)));
      expect(free.READ_PULSE_WIDTH).toBe(c.preset.globals.crossbarReadNs / 1e9);
      const iso = parseYaml(find(r, "variables_iso.yaml").text).variables as Record<string, unknown>;
      expect(iso.WEIGHT_BITS).toBe(hw.weightBits);
      expect(iso.INPUT_BITS).toBe(hw.activationBits);
      expect(iso.TECHNOLOGY).toBe(c.preset.technologyNm ?? 32);
      const chip = parseArch(chipArch(r));
      const macros = chip.find((t) => t.name === "macro_in_chip")!.spatial as Record<string, number>;
      expect(macros.meshX * (macros.meshY ?? 1)).toBe(n.units);
    });
  });

  it("README.txt names what CiMLoop estimates itself and what was folded", () => {
    const readme = find(results[1], "README.txt").text;
    expect(readme).toMatch(/ADCs per macro: 432 \(a bank shared by 256 crossbars\) -> N_ADC_PER_BANK 2 per array = 512/);
    expect(readme).toMatch(/TECHNOLOGY 32 nm/);
    expect(readme).toMatch(/non-MAC ALUs: add x1, relu x1, pool x22/);
  });
});
