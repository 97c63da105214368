/** MNSIM 2.0 SimConfig.ini: a strict INI reader, exactly MNSIM's sections and keys in order, the numbers we wrote. */
import { beforeAll, describe, expect, it } from "vitest";
import { exportDesign } from "../../src/index.ts";
import { counts, designs, golden, parseIni, type Case, type Ini } from "./helpers.ts";

const G = golden("mnsim");
let cases: Case[];
beforeAll(async () => {
  cases = await designs();
}, 60_000);

const ini = (c: Case): Ini => parseIni(exportDesign(c.arch, "mnsim", { preset: c.preset }).files.find((f) => f.path === "SimConfig.ini")!.text);
const ints = (s: string) => s.split(",").map(Number);

describe("MNSIM 2.0 export", () => {
  it("has exactly the sections and keys of MNSIM's SimConfig.ini, in its order", () => {
    for (const c of cases) {
      const got = ini(c);
      expect([...got.keys()], c.name).toEqual(Object.keys(G.sections));
      for (const [s, keys] of Object.entries(G.sections)) expect([...got.get(s)!.keys()], `${c.name} [${s}]`).toEqual(keys);
    }
  });

  it("round-trips crossbar size, levels, counts, resolutions and buffer size", () => {
    for (const c of cases) {
      const hw = c.arch.hardware;
      const n = counts(c.arch);
      const s = ini(c);
      const get = (sec: string, k: string) => s.get(sec)!.get(k)!;
      expect(ints(get("Crossbar level", "Xbar_Size")), c.name).toEqual([hw.crossbar.size, hw.crossbar.size]);
      expect(Number(get("Device level", "Device_Level"))).toBe(2 ** hw.crossbar.cellBits);
      expect(get("Device level", "Device_Resistance").split(",")).toHaveLength(2 ** hw.crossbar.cellBits);
      expect(Number(get("Device level", "Read_Level"))).toBe(2 ** hw.dacBits);
      expect(get("Device level", "Read_Voltage").split(",")).toHaveLength(2 ** hw.dacBits);
      expect(Number(get("Interface level", "DAC_Precision"))).toBe(hw.dacBits);
      expect(Number(get("Interface level", "ADC_Precision"))).toBe(hw.adcBits);
      const [px, py] = ints(get("Tile level", "PE_Num"));
      expect(px * py * Number(get("Process element level", "Group_Num"))).toBe(n.crossbars);
      expect(Number(get("Process element level", "ADC_Num")) * n.crossbars).toBeGreaterThanOrEqual(n.adcs);
      expect(Number(get("Process element level", "DAC_Num")) * n.crossbars).toBeGreaterThanOrEqual(n.dacs);
      expect(Number(get("Process element level", "Tile_outBuf_Size"))).toBe(n.scratchpadKb);
      const [tx, ty] = ints(get("Architecture level", "Tile_Num"));
      expect(tx * ty).toBeGreaterThanOrEqual(n.units);
      // MNSIM's ADC latency is (precision + 2) / sample rate (Hardware_Model/ADC.py): it must give ours back.
      const adc = c.preset.adc.find((r) => r.bits === hw.adcBits)!;
      expect((hw.adcBits + 2) / Number(get("Interface level", "ADC_Sample_Rate"))).toBeCloseTo(adc.latencyNs, 9);
      expect(Number(get("Interface level", "ADC_Power"))).toBeCloseTo(adc.peakPowerMw / 1e3, 12);
    }
  });

  it("says in README.txt what it spread over more device levels", () => {
    const c = cases[3];
    const readme = exportDesign(c.arch, "mnsim", { preset: c.preset }).files.find((f) => f.path === "README.txt")!.text;
    expect(readme).toMatch(/Device_Resistance: MNSIM example's 2 levels \(1000000, 10000 ohm\) -> 16 levels/);
    expect(readme).toMatch(/Read_Voltage: .* -> 4 levels spaced evenly: 0, 0\.05, 0\.1, 0\.15/);
  });
});
