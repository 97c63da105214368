/**
 * What every export needs from an arch.json, in one place: the design-wide resolutions, the mesh, and one
 * uniform "unit" (the chip's child level: a PIMSYN macro or an ISAAC tile). The four target tools describe
 * a chip of identical units, so a design with several macro kinds (per-layer specialisation) is folded into
 * one unit whose every count is the largest over the kinds; the notes record each kind's own numbers.
 */
import type { ArchSpec, ComponentUse, Level } from "../hardware/arch.ts";
import type { Preset, ScratchpadRow } from "../hardware/components.ts";
import { rowFor, type CostRow } from "../cost/hardware.ts";
import { UserError } from "../errors.ts";
import type { Notes } from "./notes.ts";

export interface UnitCounts {
  crossbars: number;
  adcs: number;
  dacs: number;
  sampleHolds: number;
  /** Per ALU op, instances in one unit (children included). */
  alus: Record<string, number>;
}

export interface DesignView {
  arch: ArchSpec;
  preset: Preset;
  size: number;
  cellBits: number;
  dacBits: number;
  adcBits: number;
  weightBits: number;
  activationBits: number;
  /** Input-bit iterations of one MVM: ceil(activationBits / dacBits). */
  inputIterations: number;
  /** Crossbar columns one weight spans: ceil(weightBits / cellBits). */
  weightSlices: number;
  mesh: { rows: number; cols: number; unitsPerRouter: number };
  /** The chip level itself (its own components: routers, off-chip links). */
  chip: Level;
  /** All unit kinds as written, and their merged (largest-count) form. */
  kinds: Level[];
  unit: Level;
  /** Units on the chip (sum of the kinds' counts). */
  units: number;
  /** Counts inside one merged unit. */
  perUnit: UnitCounts;
  /** Counts inside each kind, same order as `kinds`. */
  perKind: UnitCounts[];
  /** The level directly holding crossbars (PIMSYN pe, ISAAC ima) inside the merged unit, and its count per unit. */
  crossbarLevel: { level: Level; perUnit: number; crossbarsEach: number };
  scratchpad?: { capacityKb: number; row: ScratchpadRow };
  crossbarRow: CostRow;
  adcRow: CostRow;
  dacRow: CostRow;
  /** The preset row of a component use (defaults from the hardware section). */
  row(use: ComponentUse): CostRow;
}

const componentKey = (c: ComponentUse): string => `${c.kind}|${JSON.stringify(c.select ?? {})}|${c.sharedBy ?? 1}`;

/** Largest count per matching component and child, recursively; the first kind gives names and order. */
export function mergeLevels(levels: Level[]): Level {
  const first = levels[0];
  const components: ComponentUse[] = [];
  const seen = new Map<string, ComponentUse>();
  for (const l of levels)
    for (const c of l.components) {
      const k = componentKey(c);
      const had = seen.get(k);
      if (had) had.count = Math.max(had.count, c.count);
      else {
        const copy = { ...c };
        seen.set(k, copy);
        components.push(copy);
      }
    }
  const childNames: string[] = [];
  for (const l of levels) for (const ch of l.children) if (!childNames.includes(ch.name)) childNames.push(ch.name);
  const children = childNames.map((name) => mergeLevels(levels.flatMap((l) => l.children.filter((c) => c.name === name))));
  return { level: first.level, name: first.name, count: Math.max(...levels.map((l) => l.count)), components, children };
}

/** Instances of each component kind in one level instance, children multiplied in. */
export function countsIn(level: Level): UnitCounts {
  const out: UnitCounts = { crossbars: 0, adcs: 0, dacs: 0, sampleHolds: 0, alus: {} };
  const visit = (l: Level, mult: number) => {
    for (const c of l.components) {
      const n = c.count * mult;
      if (c.kind === "crossbar") out.crossbars += n;
      else if (c.kind === "adc") out.adcs += n;
      else if (c.kind === "dac") out.dacs += n;
      else if (c.kind === "sampleHold") out.sampleHolds += n;
      else if (c.kind === "alu" && c.select?.op) out.alus[c.select.op] = (out.alus[c.select.op] ?? 0) + n;
    }
    for (const ch of l.children) visit(ch, mult * ch.count);
  };
  visit(level, 1);
  return out;
}

function findCrossbarLevel(unit: Level): { level: Level; perUnit: number; crossbarsEach: number } {
  const search = (l: Level, mult: number): { level: Level; perUnit: number; crossbarsEach: number } | undefined => {
    const xb = l.components.filter((c) => c.kind === "crossbar").reduce((s, c) => s + c.count, 0);
    if (xb > 0) return { level: l, perUnit: mult, crossbarsEach: xb };
    for (const ch of l.children) {
      const found = search(ch, mult * ch.count);
      if (found) return found;
    }
    return undefined;
  };
  const found = search(unit, 1);
  if (!found) throw new UserError("the design has no crossbar; expected a crossbar component under the chip's units", { pointer: "/hardware/chip" });
  return found;
}

export function designView(arch: ArchSpec, preset: Preset, notes: Notes): DesignView {
  const hw = arch.hardware;
  const kinds = hw.chip.children.filter((k) => k.count > 0);
  if (kinds.length === 0) throw new UserError("the chip has no units; expected at least one child level with count > 0", { pointer: "/hardware/chip/children" });
  const unit = mergeLevels(kinds);
  const perKind = kinds.map(countsIn);
  const perUnit = countsIn(unit);
  const row = (use: ComponentUse) => rowFor(use, hw, preset, "/hardware");
  const units = kinds.reduce((s, k) => s + k.count, 0);
  if (kinds.length > 1) {
    const list = kinds.map((k, i) => `${k.name} x${k.count}: ${perKind[i].crossbars} crossbars, ${perKind[i].adcs} ADCs, ${perKind[i].dacs} DACs`);
    notes.approximated(
      "unit kinds (per-layer macro specialisation)",
      `${kinds.length} kinds: ${list.join("; ")}`,
      `one unit kind x${units} with the largest count of each part: ${perUnit.crossbars} crossbars, ${perUnit.adcs} ADCs, ${perUnit.dacs} DACs ` +
        `(chip: ${units * perUnit.crossbars} crossbars, ${units * perUnit.adcs} ADCs written; the design has ` +
        `${kinds.reduce((s, k, i) => s + k.count * perKind[i].crossbars, 0)} crossbars, ${kinds.reduce((s, k, i) => s + k.count * perKind[i].adcs, 0)} ADCs)`,
      "the target describes a chip of identical units",
    );
  }
  const pad = unit.components.find((c) => c.kind === "scratchpad");
  let scratchpad: DesignView["scratchpad"];
  if (pad?.select?.capacityKb !== undefined) {
    scratchpad = { capacityKb: pad.select.capacityKb, row: row(pad) as ScratchpadRow };
  }
  return {
    arch,
    preset,
    size: hw.crossbar.size,
    cellBits: hw.crossbar.cellBits,
    dacBits: hw.dacBits,
    adcBits: hw.adcBits,
    weightBits: hw.weightBits,
    activationBits: hw.activationBits,
    inputIterations: Math.ceil(hw.activationBits / hw.dacBits),
    weightSlices: Math.ceil(hw.weightBits / hw.crossbar.cellBits),
    mesh: { rows: hw.noc.meshRows, cols: hw.noc.meshCols, unitsPerRouter: hw.noc.unitsPerRouter },
    chip: hw.chip,
    kinds,
    unit,
    units,
    perUnit,
    perKind,
    crossbarLevel: findCrossbarLevel(unit),
    scratchpad,
    crossbarRow: row({ kind: "crossbar", count: 1 }),
    adcRow: row({ kind: "adc", count: 1 }),
    dacRow: row({ kind: "dac", count: 1 }),
    row,
  };
}

/** Per-crossbar share of a per-unit count, rounded up (the tools count DACs/ADCs per crossbar). */
export function perCrossbar(perUnitCount: number, crossbarsPerUnit: number): number {
  return Math.max(1, Math.ceil(perUnitCount / crossbarsPerUnit));
}

/** a × b = n with a ≤ b and a as close to √n as possible (an exact 2-D shape for a count). */
export function nearSquare(n: number): [number, number] {
  let a = Math.floor(Math.sqrt(n));
  while (a > 1 && n % a !== 0) a--;
  return [Math.max(1, a), n / Math.max(1, a)];
}

/**
 * The units' spatial fan-out: the mesh itself when it is full, else a 1-D row of exactly `units` (a fan-out
 * must equal the instance count, so a partly empty mesh cannot be written as meshX × meshY).
 */
export function unitSpatial(v: DesignView, notes: Notes): { meshX: number; meshY?: number } {
  if (v.mesh.rows * v.mesh.cols === v.units) return { meshX: v.mesh.cols, meshY: v.mesh.rows };
  notes.approximated(
    "unit mesh",
    `${v.units} ${v.unit.level}s on a ${v.mesh.rows}x${v.mesh.cols} mesh (${v.mesh.rows * v.mesh.cols - v.units} slots empty)`,
    `meshX ${v.units} (one row)`,
    "the fan-out must equal the unit count; mesh_rows/mesh_cols are kept as attributes",
  );
  return { meshX: v.units };
}

/**
 * What the mapping section holds that the targets do not take, with the values. Timeloop keeps the
 * duplication (as spatial factors, noted per layer where it is approximated); the others keep none of it.
 */
export function mappingNotes(v: DesignView, notes: Notes, keepsDuplication: boolean): void {
  const m = v.arch.mapping;
  if (!m) return;
  const target = keepsDuplication ? "no placement in Timeloop's input; its mapper chooses" : "the tool maps the network itself";
  if (!keepsDuplication)
    notes.dropped("per-layer weight duplication", m.layers.filter((l) => l.crossbarsPerCopy > 0).map((l) => `${l.layer} x${l.duplication}`).join(", "), target);
  notes.dropped("layer placement (unit indices per layer)", m.layers.map((l) => `${l.layer}: ${l.macros.join(" ")}`).join("; "), target);
  const alloc = m.layers.map((l) => `${l.layer}: ${Object.entries(l.allocation).map(([k, n]) => `${k} ${n}`).join(" ")}`);
  notes.dropped("per-layer allocation of ADCs and ALUs", alloc.join("; "), "the targets share a unit's parts among whatever runs on it");
  const shared = m.layers.filter((l) => l.sharesWith !== undefined);
  if (shared.length) notes.dropped("inter-layer ADC sharing", shared.map((l) => `${l.layer} shares ${l.sharesWith}'s units and ADC bank`).join("; "), "no target has layers sharing a converter bank");
  if (m.scratchpadKb !== undefined && v.scratchpad && m.scratchpadKb !== v.scratchpad.capacityKb)
    notes.approximated("scratchpad size", `${m.scratchpadKb} KB needed by the mapping`, `${v.scratchpad.capacityKb} KB (the preset row the design selects)`, "the targets size the buffer, not its use");
}

/** Directory-safe form of a design name (export folder and CiMLoop macro names). */
export function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 64) || "design";
}
