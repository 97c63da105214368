/**
 * Override files: a user's own, cited numbers laid over a preset (format in docs/presets.md).
 *
 *   { "base"?: "<preset name or file>", "description"?: "...", "references"?: {key: citation},
 *     "globals"?: {partial globals + source}, "<kind>": [ partial rows matched by key ] }
 *
 * A row is matched by its key (preset-keys.ts); a matched row is merged field by field, an unmatched row
 * must be complete and is added. Every override row carries its own `source`. Errors name the override
 * file and the JSON pointer inside it.
 */
import { Type, type TObject, type TProperties } from "@sinclair/typebox";
import { joinPointer, UserError } from "../errors.ts";
import { validate } from "../io/json.ts";
import {
  AdcRow,
  AluRow,
  BusRow,
  COMPONENT_KINDS,
  type ComponentKind,
  CrossbarRow,
  DacRow,
  OffChipLinkRow,
  Preset,
  PresetGlobals,
  RegisterRow,
  RouterRow,
  SampleHoldRow,
  ScratchpadRow,
} from "./components.ts";
import { checkUniqueRows, describeKey, KEY_FIELD } from "./preset-keys.ts";

const Source = Type.String({ minLength: 3 });

/** Every field optional except `source`: the user cites each figure they change. */
function overrideOf<P extends TProperties>(row: TObject<P>) {
  return Type.Object({ ...Type.Partial(row).properties, source: Source }, { additionalProperties: false });
}

const ROW_SCHEMA = {
  crossbar: CrossbarRow,
  adc: AdcRow,
  dac: DacRow,
  sampleHold: SampleHoldRow,
  alu: AluRow,
  scratchpad: ScratchpadRow,
  register: RegisterRow,
  bus: BusRow,
  router: RouterRow,
  offChipLink: OffChipLinkRow,
} satisfies Record<ComponentKind, TObject>;

export const PresetOverride = Type.Object(
  {
    /** Preset the overrides apply to: a built-in name or a preset file (relative to the override file). */
    base: Type.Optional(Type.String({ minLength: 1 })),
    description: Type.Optional(Type.String()),
    /** Added to (or replacing entries of) the base preset's bibliography. */
    references: Type.Optional(Type.Record(Type.String(), Type.String())),
    globals: Type.Optional(overrideOf(PresetGlobals)),
    crossbar: Type.Optional(Type.Array(overrideOf(CrossbarRow))),
    adc: Type.Optional(Type.Array(overrideOf(AdcRow))),
    dac: Type.Optional(Type.Array(overrideOf(DacRow))),
    sampleHold: Type.Optional(Type.Array(overrideOf(SampleHoldRow), { maxItems: 1 })),
    alu: Type.Optional(Type.Array(overrideOf(AluRow))),
    scratchpad: Type.Optional(Type.Array(overrideOf(ScratchpadRow))),
    register: Type.Optional(Type.Array(overrideOf(RegisterRow))),
    bus: Type.Optional(Type.Array(overrideOf(BusRow))),
    router: Type.Optional(Type.Array(overrideOf(RouterRow))),
    offChipLink: Type.Optional(Type.Array(overrideOf(OffChipLinkRow))),
  },
  { additionalProperties: false },
);

const TOP_LEVEL = new Set<string>(["base", "description", "references", "globals", ...COMPONENT_KINDS]);

type Row = Record<string, unknown>;

/** Validate the override file's shape, with messages that say what an override may contain. */
function checkOverrideShape(data: unknown, file: string): void {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UserError("expected an object of tables (see docs/presets.md)", { file, pointer: "/" });
  }
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL.has(key)) {
      throw new UserError(
        `unknown table "${key}"; expected base, description, references, globals or one of ${COMPONENT_KINDS.join(", ")}`,
        { file, pointer: joinPointer(key) },
      );
    }
  }
  try {
    validate(PresetOverride, data, file);
  } catch (e) {
    if (e instanceof UserError && e.pointer?.endsWith("/source") && e.message.startsWith("is missing")) {
      throw new UserError("is missing: every override row must cite its own source", { file, pointer: e.pointer });
    }
    throw e;
  }
}

/**
 * Lay an override file's data over a preset. Returns a new preset (the base is not modified); the result
 * is validated against `Preset` again and checked for duplicate rows.
 */
export function applyOverrides(preset: Preset, overrideData: unknown, file: string): Preset {
  checkOverrideShape(overrideData, file);
  const ov = overrideData as Record<string, unknown>;
  const merged = structuredClone(preset) as unknown as Record<string, unknown> & Preset;
  /** Merged-result pointer prefix → override-file pointer, to report errors where the user wrote them. */
  const origin = new Map<string, string>();

  if (ov.references) merged.references = { ...merged.references, ...(ov.references as Record<string, string>) };
  if (ov.globals) {
    merged.globals = { ...merged.globals, ...(ov.globals as object) } as Preset["globals"];
    origin.set("/globals", "/globals");
  }
  for (const kind of COMPONENT_KINDS) {
    const rows = ov[kind] as Row[] | undefined;
    if (!rows) continue;
    const table = merged[kind] as Row[];
    rows.forEach((row, i) => mergeRow(preset.name, kind, table, row, joinPointer(kind, i), file, origin));
  }
  if (typeof ov.description === "string") merged.description = `${merged.description}; overrides: ${ov.description}`;

  try {
    validate(Preset, merged, file);
    checkUniqueRows(merged, file);
  } catch (e) {
    if (!(e instanceof UserError) || e.pointer === undefined) throw e;
    throw new UserError(e.message, { file, pointer: mapPointer(e.pointer, origin) });
  }
  return merged;
}

function mapPointer(pointer: string, origin: Map<string, string>): string {
  for (const [prefix, source] of origin) {
    if (pointer === prefix || pointer.startsWith(prefix + "/")) return source + pointer.slice(prefix.length);
  }
  return `${pointer} (in the merged preset)`;
}

/** Add a complete new row, validating it on its own so errors point into the override file. */
function addRow(kind: ComponentKind, table: Row[], row: Row, at: string, file: string, why: string, origin: Map<string, string>): void {
  try {
    validate(ROW_SCHEMA[kind], row, file);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const inner = e.pointer === "/" || e.pointer === undefined ? "" : e.pointer;
    throw new UserError(`${e.message} (${why}, so this row must be complete)`, { file, pointer: at + inner });
  }
  origin.set(joinPointer(kind, table.length), at);
  table.push(row);
}

function mergeRow(
  presetName: string,
  kind: ComponentKind,
  table: Row[],
  row: Row,
  at: string,
  file: string,
  origin: Map<string, string>,
): void {
  if (kind === "crossbar") return mergeCrossbar(presetName, table, row, at, file, origin);
  if (kind === "sampleHold") {
    if (table.length === 0) return addRow(kind, table, row, at, file, `${presetName} has no sample-and-hold row`, origin);
    table[0] = { ...table[0], ...row };
    origin.set(joinPointer(kind, 0), at);
    return;
  }
  const field = KEY_FIELD[kind];
  const key = row[field];
  if (key === undefined) {
    throw new UserError(`is missing: a ${kind} override row is matched by its "${field}"`, { file, pointer: `${at}/${field}` });
  }
  const index = table.findIndex((r) => r[field] === key);
  if (index < 0) return addRow(kind, table, row, at, file, `${presetName} has no ${describeKey(kind, key)} to merge into`, origin);
  table[index] = { ...table[index], ...row };
  origin.set(joinPointer(kind, index), at);
}

/**
 * Crossbar rows cover several cell resolutions. An override for (size, cellBits) merges into the rows of
 * that size whose cellBits it overlaps; where it covers only part of a row, that row is split so the
 * other resolutions keep their numbers. cellBits omitted: every row of that size. Resolutions no row
 * covers form a new row, which must then be complete.
 */
function mergeCrossbar(presetName: string, table: Row[], row: Row, at: string, file: string, origin: Map<string, string>): void {
  const size = row.size;
  if (size === undefined) {
    throw new UserError('is missing: a crossbar override row is matched by its "size" (and "cellBits")', { file, pointer: `${at}/size` });
  }
  const wanted = row.cellBits as number[] | undefined;
  const sameSize = table.map((r, i) => ({ r, i })).filter(({ r }) => r.size === size);
  const covered = new Set<number>();
  for (const { r, i } of sameSize) {
    const bits = r.cellBits as number[];
    const overlap = wanted ? bits.filter((b) => wanted.includes(b)) : bits;
    if (overlap.length === 0) continue;
    overlap.forEach((b) => covered.add(b));
    if (overlap.length === bits.length) {
      table[i] = { ...r, ...row, cellBits: bits };
      origin.set(joinPointer("crossbar", i), at);
    } else {
      table[i] = { ...r, cellBits: bits.filter((b) => !overlap.includes(b)) };
      origin.set(joinPointer("crossbar", table.length), at);
      table.push({ ...r, ...row, cellBits: overlap });
    }
  }
  const rest = wanted ? [...new Set(wanted)].filter((b) => !covered.has(b)) : covered.size === 0 ? undefined : [];
  if (rest === undefined || rest.length > 0) {
    const bits = rest ?? [];
    const what = bits.length > 0 ? `${size}x${size} crossbar with ${bits.join("/")}-bit cells` : `${size}x${size} crossbar`;
    addRow("crossbar", table, rest ? { ...row, cellBits: bits } : row, at, file, `${presetName} has no ${what} to merge into`, origin);
  }
}
