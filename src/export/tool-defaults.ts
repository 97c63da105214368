/**
 * specs/export/tool-defaults.json: for fields no arch.json or preset holds (a device resistance, a simulator
 * time, an encoding function), the value in the target tool's own public example, each row citing the file.
 * Loaded once; a lookup of a key that has no row is a bug (exit 1), not a user error.
 */
import { Type, type Static } from "@sinclair/typebox";
import { readJsonFile, validate } from "../io/json.ts";
import { packagePath } from "../paths.ts";
import type { Notes } from "./notes.ts";

const Scalar = Type.Union([Type.String({ maxLength: 200 }), Type.Number({ minimum: -1e12, maximum: 1e12 }), Type.Boolean()]);

export const ToolDefaultRow = Type.Object(
  {
    key: Type.String({ minLength: 1 }),
    value: Type.Union([Scalar, Type.Array(Type.Number({ minimum: -1e12, maximum: 1e12 }), { maxItems: 256 })]),
    /** A `references` key, then the file and field the value is read from. */
    source: Type.String({ minLength: 3 }),
  },
  { additionalProperties: false },
);
export type ToolDefaultRow = Static<typeof ToolDefaultRow>;

export const ToolDefaults = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    description: Type.String(),
    references: Type.Record(Type.String(), Type.String()),
    tools: Type.Object(
      {
        timeloop: Type.Array(ToolDefaultRow),
        cimloop: Type.Array(ToolDefaultRow),
        pimcomp: Type.Array(ToolDefaultRow),
        mnsim: Type.Array(ToolDefaultRow),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ToolDefaults = Static<typeof ToolDefaults>;
export type ToolName = keyof ToolDefaults["tools"];

export const TOOL_DEFAULTS_FILE = packagePath("specs", "export", "tool-defaults.json");

let cached: ToolDefaults | undefined;

export function loadToolDefaults(): ToolDefaults {
  cached ??= validate(ToolDefaults, readJsonFile(TOOL_DEFAULTS_FILE), TOOL_DEFAULTS_FILE);
  return cached;
}

/** A tool's defaults as a lookup that records each use in the export's notes. */
export function toolDefaults(tool: ToolName, notes: Notes): (key: string) => ToolDefaultRow["value"] {
  const data = loadToolDefaults();
  const rows = new Map(data.tools[tool].map((r) => [r.key, r]));
  return (key) => {
    const row = rows.get(key);
    if (!row) throw new Error(`specs/export/tool-defaults.json has no ${tool} row "${key}"`);
    const ref = row.source.split(" ")[0];
    const citation = data.references[ref] ? `${data.references[ref]}, ${row.source.slice(ref.length + 1)}` : row.source;
    notes.toolDefault(key, JSON.stringify(row.value), citation);
    return row.value;
  };
}
