/** PIMCOMP-NN config.json: real JSON, PIMCOMP-NN's key set (plus only pimsim-nn keys), the numbers we wrote. */
import { beforeAll, describe, expect, it } from "vitest";
import { exportDesign } from "../../src/index.ts";
import { counts, designs, golden, type Case } from "./helpers.ts";

const G = golden("pimcomp");
function paths(o: object, pre = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? [pre + k, ...paths(v, `${pre}${k}.`)] : [pre + k]));
}

let cases: Case[];
beforeAll(async () => {
  cases = await designs();
}, 60_000);

describe("PIMCOMP-NN export", () => {
  it("writes config.json and README.txt only", () => {
    for (const c of cases) expect(exportDesign(c.arch, "pimcomp", { preset: c.preset, network: c.network }).files.map((f) => f.path)).toEqual(["README.txt", "config.json"]);
  });

  it("has every key of PIMCOMP-NN's config.json and no key outside it or pimsim-nn's Config.hpp", () => {
    for (const c of cases) {
      const json = JSON.parse(exportDesign(c.arch, "pimcomp", { preset: c.preset }).files.find((f) => f.path === "config.json")!.text);
      const keys = paths(json);
      for (const k of G.keys) expect(keys, `${c.name}: ${k}`).toContain(k);
      for (const k of keys) expect([...G.keys, ...G.extraKeys], `${c.name}: ${k}`).toContain(k);
    }
  });

  it("round-trips crossbar size, counts, resolutions and memory size", () => {
    for (const c of cases) {
      const hw = c.arch.hardware;
      const n = counts(c.arch);
      const cfg = JSON.parse(exportDesign(c.arch, "pimcomp", { preset: c.preset }).files.find((f) => f.path === "config.json")!.text).chip_config;
      const m = cfg.core_config.matrix_config;
      expect(m.xbar_size, c.name).toEqual([hw.crossbar.size, hw.crossbar.size]);
      expect(m.cell_precision).toBe(hw.crossbar.cellBits);
      expect(m.dac_resolution).toBe(hw.dacBits);
      expect(m.adc_resolution).toBe(hw.adcBits);
      expect(m.xbar_array_count).toBe(n.crossbars);
      expect(cfg.core_cnt).toBe(n.units);
      expect(cfg.network_config.layout).toEqual([hw.noc.meshRows, hw.noc.meshCols]);
      // Per-crossbar counts: rounded up, never fewer than the design has, at most one crossbar's worth more.
      expect(m.dac_count * n.crossbars).toBeGreaterThanOrEqual(n.dacs);
      expect((m.dac_count - 1) * n.crossbars).toBeLessThan(n.dacs);
      expect(m.adc_count * n.crossbars).toBeGreaterThanOrEqual(n.adcs);
      expect(cfg.core_config.local_memory_config.memory_size).toBe(n.scratchpadKb! * 1024);
      expect(m.xbar_read_power).toBe(c.preset.crossbar.find((r) => r.size === hw.crossbar.size)!.dynamicPowerMw);
    }
  });

  it("lists every example value it used, with its source, in README.txt", () => {
    const c = cases[1];
    const readme = exportDesign(c.arch, "pimcomp", { preset: c.preset }).files.find((f) => f.path === "README.txt")!.text;
    expect(readme).toMatch(/No validator of this tool runs/);
    expect(readme).toMatch(/sim_config\.sim_time = 200 \(sunxt99\/PIMCOMP-NN, commit 2ed10c8/);
    expect(readme).toMatch(/unit kinds \(per-layer macro specialisation\): 13 kinds: macro0 x1: 174 crossbars/);
  });
});
