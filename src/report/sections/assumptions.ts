/**
 * Assumptions: the options that produced the run and the preset's component tables with their citations.
 * The preset is loaded by the name in metrics.json; if it is not a built-in, or its hash differs from the one
 * recorded (overrides were applied), the report says so instead of showing rows the run did not use.
 */
import type { Preset } from "../../hardware/components.ts";
import { loadPreset, listPresets } from "../../hardware/preset.ts";
import { shortHash } from "../../flow/run-dir.ts";
import type { RunData } from "../load-run.ts";
import { fmtNum } from "../format.ts";
import { table, type Table } from "../table.ts";

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map(valueText).join(", ");
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return fmtNum(v, 6);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** metrics.json inputs.options flattened to "space.crossbarSizes → 128, 256, 512". */
export function optionsTable(run: RunData): Table {
  const rows: string[][] = [];
  const walk = (prefix: string, o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === "object" && !Array.isArray(v)) walk(key, v as Record<string, unknown>);
      else rows.push([key, valueText(v)]);
    }
  };
  walk("", run.metrics.inputs.options);
  return table("options-table", "Options that determined the result (metrics.json inputs.options)", [{ label: "option" }, { label: "value" }], rows.map((cells) => ({ cells })));
}

export interface PresetView {
  available: boolean;
  name: string;
  note: string;
  description: string;
  technology: string;
  globals: string;
  tables: Table[];
  /** Component rows over all tables (the collapsed block says how many it holds). */
  rowCount: number;
  references: { key: string; text: string }[];
}

const KEY_FIELDS: Record<string, { field: string; label: string; unit?: string }[]> = {
  crossbar: [
    { field: "size", label: "size", unit: "rows" },
    { field: "cellBits", label: "cell bits" },
  ],
  adc: [{ field: "bits", label: "bits" }],
  dac: [{ field: "bits", label: "bits" }],
  alu: [
    { field: "op", label: "operation" },
    { field: "vectorWidth", label: "width", unit: "elements" },
  ],
  scratchpad: [
    { field: "capacityKb", label: "capacity", unit: "KB" },
    { field: "accessBits", label: "access", unit: "bits" },
  ],
  register: [{ field: "name", label: "name" }],
  bus: [{ field: "name", label: "name" }],
  router: [{ field: "name", label: "name" }],
  offChipLink: [{ field: "name", label: "name" }],
  sampleHold: [],
};

const KINDS = Object.keys(KEY_FIELDS) as (keyof typeof KEY_FIELDS & keyof Preset)[];

function presetTables(preset: Preset): Table[] {
  const out: Table[] = [];
  for (const kind of KINDS) {
    const rows = preset[kind] as unknown as Record<string, unknown>[];
    if (!Array.isArray(rows) || rows.length === 0) continue;
    const keys = KEY_FIELDS[kind];
    out.push(
      table(
        `preset-${kind}`,
        `${kind} (${rows.length} row${rows.length === 1 ? "" : "s"})`,
        [
          ...keys.map((k) => ({ label: k.label, unit: k.unit })),
          { label: "peak", unit: "mW", num: true },
          { label: "static", unit: "mW", num: true },
          { label: "dynamic", unit: "mW", num: true },
          { label: "latency", unit: "ns", num: true },
          { label: "area", unit: "µm²", num: true },
          { label: "source" },
        ],
        rows.map((r) => ({
          cells: [
            ...keys.map((k) => valueText(r[k.field])),
            valueText(r.peakPowerMw),
            valueText(r.staticPowerMw),
            valueText(r.dynamicPowerMw),
            valueText(r.latencyNs),
            valueText(r.areaUm2),
            [r.source, r.areaSource ? `Area: ${String(r.areaSource)}` : "", r.note ? `Note: ${String(r.note)}` : ""].filter(Boolean).join(" "),
          ],
        })),
      ),
    );
  }
  return out;
}

export function presetView(run: RunData): PresetView {
  const { name, hash } = run.metrics.inputs.preset;
  const builtin = listPresets().some((p) => p.name === name);
  const empty = { available: false, name, description: "", technology: "", globals: "", tables: [], rowCount: 0, references: [] };
  if (!builtin) return { ...empty, note: `"${name}" is not a built-in preset of this version, so its component table is not shown.` };
  const preset = loadPreset(name);
  const note =
    shortHash(preset) === hash
      ? `The built-in preset "${name}" (hash ${hash}), exactly as this run used it.`
      : `The run's preset (hash ${hash}) differs from this version's built-in "${name}" (hash ${shortHash(preset)}): overrides were applied or the preset changed since. The rows below are the built-in's.`;
  const g = preset.globals;
  const tables = presetTables(preset);
  return {
    available: true,
    name,
    note,
    description: preset.description,
    technology: preset.technologyNm === null ? "not stated" : `${preset.technologyNm} nm`,
    globals: `weights ${g.weightBits} bits, activations ${g.activationBits} bits, crossbar read ${fmtNum(g.crossbarReadNs)} ns, flit ${g.flitBits} bits, NoC clock ${fmtNum(g.nocClockGhz)} GHz. Source: ${g.source}`,
    tables,
    rowCount: tables.reduce((n, t) => n + t.rows.length, 0),
    references: Object.entries(preset.references).map(([key, text]) => ({ key, text })),
  };
}
