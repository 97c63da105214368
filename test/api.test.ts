/** The public library API as README documents it. */
import { describe, expect, it } from "vitest";
import { evaluate, isaacArch, loadNetwork, loadPreset, presets, scheduleNetwork, hardwareTotals } from "../src/index.ts";

describe("library API", () => {
  it("loads a network, lists and loads presets, evaluates an architecture", async () => {
    const { network } = await loadNetwork("resnet18");
    expect(network.totals.convMacs).toBe(1_813_561_344);
    expect(presets.list().map((p) => p.name)).toEqual(expect.arrayContaining(["isaac-isca16", "pimsyn-date24"]));
    const preset = loadPreset("isaac-isca16");
    const m = evaluate(isaacArch(), preset);
    expect(m.hardware.peakPowerW).toBeCloseTo(hardwareTotals(isaacArch().hardware, preset).peakPowerW, 9);
    expect(m.mapping).toBeUndefined();
  });

  it("schedules a network on an architecture", async () => {
    const { network } = await loadNetwork("resnet18"); // AlexNet's 16-bit weights need more than ISAAC's 16,128 crossbars
    const r = scheduleNetwork(network, isaacArch(), loadPreset("isaac-isca16"), { duplication: "greedy" } as never);
    expect(r.runs.length).toBeGreaterThan(0);
    expect(r.runs.every((run) => run.makespanNs > 0)).toBe(true);
  });
});
