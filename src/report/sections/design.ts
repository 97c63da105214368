/** The chosen design: design-point choices, component counts by kind, and the macro kinds of the hardware tree. */
import type { Level } from "../../hardware/arch.ts";
import type { RunData } from "../load-run.ts";
import { fmtInt, fmtNum } from "../format.ts";
import { kindColor } from "../svg/palette.ts";
import { table, type Item, type Table } from "../table.ts";

export function designItems(run: RunData): Item[] {
  const s = run.metrics.summary;
  const hw = run.arch.hardware;
  const { meshRows, meshCols } = hw.noc;
  return [
    { id: "crossbar", label: "Crossbar", value: `${s.crossbarSize} × ${s.crossbarSize}`, unit: "cells", how: "rows × columns of one ReRAM crossbar" },
    { id: "cell-bits", label: "Cell resolution", value: String(s.cellBits), unit: "bits/cell", how: `weights of ${hw.weightBits} bits take ${Math.ceil(hw.weightBits / s.cellBits)} cells each` },
    { id: "dac-bits", label: "DAC resolution", value: String(s.dacBits), unit: s.dacBits === 1 ? "bit" : "bits", how: `inputs of ${hw.activationBits} bits are fed in ${Math.ceil(hw.activationBits / s.dacBits)} steps` },
    { id: "adc-bits", label: "ADC resolution", value: String(s.adcBits), unit: s.adcBits === 1 ? "bit" : "bits", how: "set by the crossbar size, cell and DAC bits (no precision loss)" },
    s.crossbarPowerShare === undefined
      ? { id: "ratio", label: "Crossbar power allotment (RatioRram)", value: fmtNum(s.crossbarPowerRatio * 100, 3), unit: "% of budget", how: "share of the power budget Eq. 3 allots to crossbars (caps their count); what they draw is in the component table" }
      : {
          id: "ratio",
          label: "Crossbar power share",
          value: fmtNum(s.crossbarPowerShare * 100, 3),
          unit: "% of budget",
          how: `crossbars' peak power ÷ the budget; RatioRram allotted them ${fmtNum(s.crossbarPowerRatio * 100, 3)} % (Eq. 3 caps the crossbar count at that share ÷ one crossbar's peak power)`,
        },
    { id: "macros", label: "Macros", value: `${fmtInt(s.macros)} on a ${meshRows} × ${meshCols} mesh`, unit: "", how: `macro mode ${s.macroMode}; macros sit on a 2-D mesh NoC, row-major` },
    { id: "scratchpad", label: "Scratchpad", value: fmtNum(s.scratchpadKb), unit: "KB per macro", how:
        "smallest table size ≥ the largest per-macro input window + double-buffered output block (analytic estimate used in the search)" +
        (s.simulatedScratchpadKbNeeded === undefined ? "" : `; the block-level simulation's occupancy, without back-pressure, asks for ${fmtNum(s.simulatedScratchpadKbNeeded)} KB`) +
        (s.scratchpadNote ? `; ${s.scratchpadNote}` : ""),
    },
    { id: "crossbars", label: "Crossbars", value: fmtInt(s.crossbars), unit: "", how: "all crossbars of the chip (weight copies × crossbars per copy, summed over layers)" },
  ];
}

export function componentTable(run: RunData): Table {
  const hw = run.metrics.design.hardware;
  const rows = Object.entries(hw.byKind)
    .filter(([, v]) => v.units > 0)
    .map(([kind, v], i) => ({
      cells: [{ text: kind, swatch: kindColor(kind, i) }, fmtInt(v.units), fmtNum(v.peakPowerW), fmtNum(v.staticPowerW), fmtNum(v.areaMm2)],
    }));
  return table(
    "components",
    "Component counts by kind",
    [
      { label: "kind" },
      { label: "units", num: true, title: "instances on the chip" },
      { label: "peak power", unit: "W", num: true, title: "units × the preset row's peak power" },
      { label: "static power", unit: "W", num: true, title: "units × the preset row's static power" },
      { label: "area", unit: "mm²", num: true, title: "units × the preset row's area" },
    ],
    rows,
  );
}

/** Instances of a component kind inside one unit of `level` (its own plus its children's, times their counts). */
export function componentsIn(level: Level, kind: string): number {
  const own = level.components.filter((c) => c.kind === kind).reduce((s, c) => s + c.count / (c.sharedBy ?? 1), 0);
  return own + level.children.reduce((s, ch) => s + ch.count * componentsIn(ch, kind), 0);
}

function alus(level: Level): string {
  const ops = new Map<string, number>();
  const walk = (l: Level, mult: number) => {
    for (const c of l.components) if (c.kind === "alu") ops.set(c.select?.op ?? "alu", (ops.get(c.select?.op ?? "alu") ?? 0) + c.count * mult);
    for (const ch of l.children) walk(ch, mult * ch.count);
  };
  walk(level, 1);
  return [...ops].map(([op, n]) => `${op} ${fmtInt(n)}`).join(", ") || "none";
}

function scratchpadKb(level: Level): string {
  const spm = level.components.find((c) => c.kind === "scratchpad");
  return spm?.select?.capacityKb !== undefined ? fmtInt(spm.select.capacityKb) : spm ? "preset default" : "none";
}

/** One row per macro (or tile) kind under the chip: the hardware tree as synthesized. */
export function macroKindsTable(run: RunData): Table {
  const rows = run.arch.hardware.chip.children.map((m) => ({
    cells: [
      m.name,
      m.level,
      fmtInt(m.count),
      fmtInt(componentsIn(m, "crossbar")),
      fmtInt(componentsIn(m, "adc")),
      fmtInt(componentsIn(m, "dac")),
      alus(m),
      scratchpadKb(m),
    ],
  }));
  return table(
    "macro-kinds",
    "Macro kinds (identical macros are grouped with a count)",
    [
      { label: "name" },
      { label: "level" },
      { label: "count", num: true },
      { label: "crossbars", unit: "per unit", num: true },
      { label: "ADCs", unit: "per unit", num: true },
      { label: "DACs", unit: "per unit", num: true },
      { label: "ALUs by operation", unit: "per unit" },
      { label: "scratchpad", unit: "KB" },
    ],
    rows,
  );
}
