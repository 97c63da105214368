/** Power, area and energy by component kind (design.hardware.byKind and design.mapping.energyByKindPj). */
import type { RunData } from "../load-run.ts";
import { energyPj, fmtInt, fmtNum, fmtPct, joinQ } from "../format.ts";
import { kindColor } from "../svg/palette.ts";
import { stackedBarChart, type StackKey } from "../svg/stacked-bar.ts";
import type { SvgMarkup } from "../svg/svg.ts";
import { table, type Table } from "../table.ts";

const STATIC_KEY = "static";

/** Kinds present in this design (units > 0 or dynamic energy > 0), in the order of byKind. */
export function presentKinds(run: RunData): string[] {
  const { byKind } = run.metrics.design.hardware;
  const energy = run.metrics.design.mapping.energyByKindPj;
  return Object.keys(byKind).filter((k) => byKind[k].units > 0 || (energy[k] ?? 0) > 0);
}

export function breakdownTable(run: RunData): Table {
  const hw = run.metrics.design.hardware;
  const mp = run.metrics.design.mapping;
  const kinds = presentKinds(run);
  const share = (v: number, total: number) => (total > 0 ? fmtPct(v / total).replace(" %", "") : "—");
  const rows = kinds.map((k, i) => {
    const v = hw.byKind[k];
    const e = mp.energyByKindPj[k] ?? 0;
    return {
      cells: [
        { text: k, swatch: kindColor(k, i) },
        fmtInt(v.units),
        fmtNum(v.peakPowerW),
        share(v.peakPowerW, hw.peakPowerW),
        fmtNum(v.staticPowerW),
        fmtNum(v.areaMm2),
        share(v.areaMm2, hw.areaMm2),
        fmtNum(e / 1e6),
        share(e, mp.energyPerInferencePj),
      ],
    };
  });
  const staticE = mp.energyByKindPj[STATIC_KEY] ?? mp.staticEnergyPj;
  rows.push({
    cells: [{ text: "static energy (idle)", swatch: kindColor(STATIC_KEY) }, "", "", "", "", "", "", fmtNum(staticE / 1e6), share(staticE, mp.energyPerInferencePj)],
  });
  rows.push({
    cells: [
      "total",
      "",
      fmtNum(hw.peakPowerW),
      "100",
      fmtNum(hw.staticPowerW),
      fmtNum(hw.areaMm2),
      "100",
      fmtNum(mp.energyPerInferencePj / 1e6),
      "100",
    ],
  });
  return table(
    "breakdown-table",
    "Power, area and energy per inference by component kind",
    [
      { label: "kind" },
      { label: "units", num: true },
      { label: "peak power", unit: "W", num: true },
      { label: "share", unit: "%", num: true },
      { label: "static power", unit: "W", num: true },
      { label: "area", unit: "mm²", num: true },
      { label: "share", unit: "%", num: true },
      { label: "energy/inference", unit: "µJ", num: true, title: "dynamic energy of the kind's actions in one inference" },
      { label: "share", unit: "%", num: true },
    ],
    rows,
  );
}

export function breakdownChart(run: RunData): SvgMarkup {
  const hw = run.metrics.design.hardware;
  const mp = run.metrics.design.mapping;
  const kinds = presentKinds(run);
  const keys: StackKey[] = kinds.map((k, i) => ({ key: k, label: k, color: kindColor(k, i) }));
  keys.push({ key: STATIC_KEY, label: "static energy (idle)", color: kindColor(STATIC_KEY) });
  const pick = (f: (k: string) => number) => Object.fromEntries(kinds.map((k) => [k, f(k)]));
  const w = (v: number) => `${fmtNum(v)} W`;
  return stackedBarChart({
    id: "breakdown",
    title: "Power, area and energy by component kind",
    desc: "Each bar splits one total (peak power, static power, area, energy per inference) by component kind.",
    keys,
    bars: [
      { label: "peak power", totalText: w(hw.peakPowerW), values: pick((k) => hw.byKind[k].peakPowerW), valueText: w },
      { label: "static power", totalText: w(hw.staticPowerW), values: pick((k) => hw.byKind[k].staticPowerW), valueText: w },
      { label: "area", totalText: `${fmtNum(hw.areaMm2)} mm²`, values: pick((k) => hw.byKind[k].areaMm2), valueText: (v) => `${fmtNum(v)} mm²` },
      {
        label: "energy / inference",
        totalText: joinQ(energyPj(mp.energyPerInferencePj)),
        values: { ...pick((k) => mp.energyByKindPj[k] ?? 0), [STATIC_KEY]: mp.energyByKindPj[STATIC_KEY] ?? mp.staticEnergyPj },
        valueText: (v) => joinQ(energyPj(v)),
      },
    ],
  });
}
