/**
 * Row lookups used by the cost model, which may call them millions of times: each preset object gets a
 * small index built on first use and cached in a WeakMap. Presets are treated as immutable (loadPreset
 * freezes them; applyOverrides returns a new object), so an index never goes stale.
 *
 * A missing row is a UserError: it means the chosen preset cannot build the requested design point.
 */
import { UserError } from "../errors.ts";
import type {
  AdcRow,
  AluRow,
  BusRow,
  CrossbarRow,
  DacRow,
  OffChipLinkRow,
  Preset,
  RegisterRow,
  RouterRow,
  SampleHoldRow,
  ScratchpadRow,
} from "./components.ts";

/** Kinds whose rows are told apart by `name`. */
export type NamedKind = "register" | "bus" | "router" | "offChipLink";
interface NamedRows {
  register: RegisterRow;
  bus: BusRow;
  router: RouterRow;
  offChipLink: OffChipLinkRow;
}

interface PresetIndex {
  /** Key: size * 64 + cellBits (cellBits ≤ 32, so keys never collide). */
  crossbar: Map<number, CrossbarRow>;
  adc: Map<number, AdcRow>;
  dac: Map<number, DacRow>;
  alu: Map<string, AluRow>;
  scratchpad: Map<number, ScratchpadRow>;
  /** Ascending by capacity, for scratchpadAtLeast. */
  scratchpadAscending: ScratchpadRow[];
  named: { [K in NamedKind]: Map<string, NamedRows[K]> };
}

const indexes = new WeakMap<Preset, PresetIndex>();

const crossbarKey = (size: number, cellBits: number): number => size * 64 + cellBits;

function byName<R extends { name: string }>(rows: readonly R[]): Map<string, R> {
  return new Map(rows.map((r) => [r.name, r]));
}

function buildIndex(p: Preset): PresetIndex {
  const crossbar = new Map<number, CrossbarRow>();
  for (const row of p.crossbar) for (const bits of row.cellBits) crossbar.set(crossbarKey(row.size, bits), row);
  return {
    crossbar,
    adc: new Map(p.adc.map((r) => [r.bits, r])),
    dac: new Map(p.dac.map((r) => [r.bits, r])),
    alu: new Map(p.alu.map((r) => [r.op, r])),
    scratchpad: new Map(p.scratchpad.map((r) => [r.capacityKb, r])),
    scratchpadAscending: [...p.scratchpad].sort((a, b) => a.capacityKb - b.capacityKb),
    named: {
      register: byName(p.register),
      bus: byName(p.bus),
      router: byName(p.router),
      offChipLink: byName(p.offChipLink),
    },
  };
}

function indexOf(p: Preset): PresetIndex {
  let index = indexes.get(p);
  if (!index) {
    index = buildIndex(p);
    indexes.set(p, index);
  }
  return index;
}

function missing(p: Preset, what: string, available: string): never {
  throw new UserError(`preset ${p.name} has no ${what} (it has ${available || "none"})`);
}

export function crossbarRow(p: Preset, size: number, cellBits: number): CrossbarRow {
  const row = indexOf(p).crossbar.get(crossbarKey(size, cellBits));
  if (row) return row;
  const available = p.crossbar.map((r) => `${r.size}x${r.size} with ${r.cellBits.join("/")}-bit cells`).join(", ");
  return missing(p, `${size}x${size} crossbar with ${cellBits}-bit cells`, available);
}

export function adcRow(p: Preset, bits: number): AdcRow {
  return indexOf(p).adc.get(bits) ?? missing(p, `${bits}-bit ADC`, bitsList(p.adc));
}

export function dacRow(p: Preset, bits: number): DacRow {
  return indexOf(p).dac.get(bits) ?? missing(p, `${bits}-bit DAC`, bitsList(p.dac));
}

export function aluRow(p: Preset, op: string): AluRow {
  return indexOf(p).alu.get(op) ?? missing(p, `"${op}" ALU`, p.alu.map((r) => r.op).join(", "));
}

/** The scratchpad of exactly this capacity. */
export function scratchpadRow(p: Preset, capacityKb: number): ScratchpadRow {
  return indexOf(p).scratchpad.get(capacityKb) ?? missing(p, `${capacityKb} KB scratchpad`, capacityList(p));
}

/** The smallest scratchpad holding at least `kb` KB, or undefined when none is large enough. */
export function scratchpadAtLeast(p: Preset, kb: number): ScratchpadRow | undefined {
  for (const row of indexOf(p).scratchpadAscending) if (row.capacityKb >= kb) return row;
  return undefined;
}

export function namedRow<K extends NamedKind>(p: Preset, kind: K, name: string): NamedRows[K] {
  const row = indexOf(p).named[kind].get(name) as NamedRows[K] | undefined;
  return row ?? missing(p, `${kind} named "${name}"`, p[kind].map((r) => `"${r.name}"`).join(", "));
}

/** The sample-and-hold row, if the preset models one (PIMSYN folds it into the DAC). */
export function sampleHoldRow(p: Preset): SampleHoldRow | undefined {
  return p.sampleHold[0];
}

function bitsList(rows: readonly { bits: number }[]): string {
  return rows.map((r) => r.bits).sort((a, b) => a - b).join(", ");
}

function capacityList(p: Preset): string {
  return indexOf(p).scratchpadAscending.map((r) => r.capacityKb).join(", ") + " KB";
}
