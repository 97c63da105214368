/**
 * Human view of a preset: one aligned table per component kind, units in the headers, sources truncated
 * (the full text is in `pimsyn presets <name> --json`). Effective rate and energy per action are shown,
 * i.e. the defaults the cost model applies when a row omits them.
 */
import { actionEnergyPj, COMPONENT_KINDS, type ComponentKind, type Preset, rateGhz } from "../hardware/components.ts";
import type { PresetInfo } from "../hardware/preset.ts";
import type { DataflowHardware } from "../hardware/dataflow-hw.ts";

const SOURCE_CHARS = 48;

type Row = Record<string, unknown>;
interface Column {
  header: string;
  value: (row: Row) => string;
  /** Numbers align right. */
  right?: boolean;
}

/** Short, readable number: 6 significant digits, exponent form only for tiny magnitudes. */
export function formatNumber(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  const v = Number(x.toPrecision(6));
  return Math.abs(v) < 1e-3 ? v.toExponential(3).replace(/\.?0+e/, "e") : String(v);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}

const num = (header: string, field: string): Column => ({
  header,
  right: true,
  value: (r) => (typeof r[field] === "number" ? formatNumber(r[field] as number) : ""),
});
const text = (header: string, field: string): Column => ({ header, value: (r) => String(r[field] ?? "") });

const POWER: Column[] = [num("static mW", "staticPowerMw"), num("dynamic mW", "dynamicPowerMw"), num("peak mW", "peakPowerMw")];
const TIMING: Column[] = [
  num("latency ns", "latencyNs"),
  { header: "rate GHz", right: true, value: (r) => formatNumber(rateGhz(r as { latencyNs: number; rateGhz?: number })) },
  {
    header: "energy/action pJ",
    right: true,
    value: (r) => formatNumber(actionEnergyPj(r as { dynamicPowerMw: number; latencyNs: number; energyPj?: number })),
  },
];
const TAIL: Column[] = [
  num("area µm²", "areaUm2"),
  { header: "note", value: (r) => (r.note ? "*" : "") },
  { header: "source", value: (r) => truncate(String(r.source ?? ""), SOURCE_CHARS) },
];
const COST = [...POWER, ...TIMING, ...TAIL];

const COLUMNS: Record<ComponentKind, Column[]> = {
  crossbar: [num("size", "size"), { header: "cell bits", value: (r) => (r.cellBits as number[]).join("/") }, ...COST],
  adc: [num("bits", "bits"), ...COST],
  dac: [num("bits", "bits"), ...COST],
  sampleHold: COST,
  alu: [text("op", "op"), num("width", "vectorWidth"), ...COST],
  scratchpad: [
    num("KB", "capacityKb"),
    num("access bits", "accessBits"),
    num("read ns", "readLatencyNs"),
    num("write ns", "writeLatencyNs"),
    num("read pJ", "readEnergyPj"),
    num("write pJ", "writeEnergyPj"),
    ...POWER,
    ...TAIL,
  ],
  register: [text("name", "name"), num("bytes", "sizeBytes"), ...COST],
  bus: [text("name", "name"), num("width bits", "widthBits"), ...COST],
  router: [
    text("name", "name"),
    num("flit bits", "flitBits"),
    num("ports", "ports"),
    { header: "whole NoC", value: (r) => (r.wholeNoc ? "yes" : "") },
    ...COST,
  ],
  offChipLink: [text("name", "name"), num("GB/s", "bandwidthGBps"), ...COST],
};

/** Align rows of cells under their headers, two spaces apart. */
export function renderTable(headers: string[], rows: string[][], rightAligned: boolean[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** A dataflow hardware description: levels, spatial axes, macro, precision and leakage, sources truncated. */
export function renderDataflowHardware(hw: DataflowHardware): string {
  const levels = hw.levels.map((l) => [
    l.name,
    l.kind,
    formatNumber(l.sizeBits),
    l.perCore ? "per core" : "shared",
    `${formatNumber(l.readBitsPerCycle)}/${formatNumber(l.writeBitsPerCycle)}`,
    `${formatNumber(l.readPjPerBit)}/${formatNumber(l.writePjPerBit)}`,
    l.operands.join(""),
    truncate(l.source, SOURCE_CHARS),
  ]);
  const axes = hw.spatial.map((a) => [a.name, a.kind, String(a.size), a.loops.join(","), truncate(a.source, SOURCE_CHARS)]);
  const m = hw.macro;
  return [
    `${hw.name}: ${hw.description}`,
    `technology: ${hw.technologyNm} nm`,
    "",
    `levels (${hw.levels.length} rows)`,
    renderTable(["name", "kind", "size bits", "instances", "read/write bits per cycle", "read/write pJ per bit", "operands", "source"], levels),
    "",
    `spatial axes (${hw.spatial.length} rows)`,
    renderTable(["name", "kind", "size", "loops", "source"], axes),
    "",
    `macro: compartment depth ${m.compartmentDepth}, t_MAC ${m.tMacCycles} cycles, ping-pong ${m.pingPong}, activation ${formatNumber(m.activationPj)} pJ, ` +
      `write ${formatNumber(m.writeBitsPerCycle)} bits/cycle at ${formatNumber(m.writePjPerBit)} pJ/bit`,
    `  source: ${truncate(m.source, 2 * SOURCE_CHARS)}`,
    `precision: I ${hw.precision.inputBits}, W ${hw.precision.weightBits}, psum ${hw.precision.psumBits}, O ${hw.precision.outputBits} bits`,
    `leakage: ${formatNumber(hw.leakage.pjPerCycle)} pJ/cycle`,
    `  source: ${truncate(hw.leakage.source, 2 * SOURCE_CHARS)}`,
  ].join("\n");
}

export function renderPresetList(presets: PresetInfo[]): string {
  const rows = presets.map((p) => [p.name, p.technologyNm === null ? "not stated" : `${p.technologyNm} nm`, p.description]);
  return renderTable(["name", "technology", "description"], rows);
}

export function renderPreset(preset: Preset): string {
  const g = preset.globals;
  const out: string[] = [
    `${preset.name}: ${preset.description}`,
    `technology: ${preset.technologyNm === null ? "not stated" : `${preset.technologyNm} nm`}`,
    `references: ${Object.keys(preset.references).join(", ")}`,
    `globals: weights ${g.weightBits} bits, activations ${g.activationBits} bits, crossbar read ${formatNumber(g.crossbarReadNs)} ns, ` +
      `flit ${g.flitBits} bits, NoC clock ${formatNumber(g.nocClockGhz)} GHz`,
    `  source: ${g.source}`,
  ];
  for (const kind of COMPONENT_KINDS) {
    const rows = preset[kind] as readonly Row[];
    if (rows.length === 0) continue;
    const columns = COLUMNS[kind];
    out.push(
      "",
      `${kind} (${rows.length} row${rows.length === 1 ? "" : "s"})`,
      renderTable(
        columns.map((c) => c.header),
        rows.map((r) => columns.map((c) => c.value(r))),
        columns.map((c) => c.right === true),
      ),
    );
  }
  out.push("", "note * = the row has a note (an anomaly or a choice among sources); --json shows notes and full sources.");
  return out.join("\n");
}
