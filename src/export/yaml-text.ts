/**
 * A small YAML block emitter for the export files. Our own emitter rather than a library's because the
 * Timeloop/CiMLoop files need two things a data serializer does not give: local tags on mappings
 * (`- !Container`) and verbatim references to anchors defined in another file (CiMLoop's
 * `<<<: [*container_defaults]`, whose anchors live in its include/defines.yaml). The tests read every file
 * back with the `yaml` package (a real parser), so the emitter is checked by an independent reader.
 */

/** A mapping written with a local tag, e.g. `!Container`. */
export class Tagged {
  constructor(
    readonly tag: string,
    readonly value: YamlMap,
  ) {}
}

/** Text written verbatim as a value: an alias (`*cim_unit`) or a flow list of aliases. */
export class Raw {
  constructor(readonly text: string) {}
}

export type YamlValue = string | number | boolean | null | Raw | Tagged | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue | undefined;
}

/** Plain scalars that a YAML 1.2 reader would not turn into something else. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .()/*+-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(v: string | number | boolean | null): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} to YAML`);
    // YAML 1.1 readers (PyYAML) take an exponent only after a dot: 1e-9 is a string there, 1.0e-9 a float.
    const t = String(v);
    return /e/.test(t) && !/\./.test(t) ? t.replace("e", ".0e") : t;
  }
  return PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(" ") && !v.includes(" #") ? v : quoted(v);
}

/**
 * A YAML double-quoted scalar. JSON's escapes are valid YAML escapes, but JSON leaves some characters raw
 * that YAML treats as line breaks (U+0085, U+2028, U+2029) or forbids (C1 controls, DEL): escape those too.
 */
function quoted(v: string): string {
  return JSON.stringify(v).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Text from user files (names) in a comment: one line, no control characters. */
export function commentSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ");
}

/** CiMLoop's merge keys (`<<<`, `<<`) are written bare; every other key as a string scalar. */
function key(k: string): string {
  return /^<<<?$/.test(k) ? k : scalar(k);
}

const isMap = (v: unknown): v is YamlMap =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Raw) && !(v instanceof Tagged);

function entries(m: YamlMap): [string, YamlValue][] {
  return Object.entries(m).filter((e): e is [string, YamlValue] => e[1] !== undefined);
}

/** Lists of scalars (nested too) go on one line (`[C, M, R]`, `[[C]]`), as the example files write them. */
function flow(x: YamlValue): string | undefined {
  if (x instanceof Raw) return x.text;
  if (x === null || typeof x !== "object") return scalar(x);
  if (!Array.isArray(x)) return undefined;
  const parts = x.map(flow);
  return parts.every((p) => p !== undefined) ? `[${parts.join(", ")}]` : undefined;
}

function flowList(a: YamlValue[]): string | undefined {
  const text = flow(a);
  return text !== undefined && text.length <= 80 ? text : undefined;
}

function block(v: YamlValue, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  if (v instanceof Tagged) throw new Error("a tagged mapping must be a list item or a value");
  if (isMap(v)) {
    for (const [k, x] of entries(v)) valueLine(`${pad}${key(k)}:`, x, indent, out);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) itemLines(x, indent, out);
    return;
  }
  throw new Error("block() needs a mapping or a list");
}

/** `prefix` is `key:`; writes the value inline or as an indented block. */
function valueLine(prefix: string, x: YamlValue, indent: number, out: string[]): void {
  if (x instanceof Raw) out.push(`${prefix} ${x.text}`);
  else if (x instanceof Tagged) {
    out.push(`${prefix} ${x.tag}`);
    block(x.value, indent + 2, out);
  } else if (isMap(x)) {
    if (entries(x).length === 0) out.push(`${prefix} {}`);
    else {
      out.push(prefix);
      block(x, indent + 2, out);
    }
  } else if (Array.isArray(x)) {
    const text = flowList(x);
    if (text !== undefined) out.push(`${prefix} ${text}`);
    else {
      out.push(prefix);
      block(x, indent + 2, out);
    }
  } else out.push(`${prefix} ${scalar(x)}`);
}

function itemLines(x: YamlValue, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  let map: YamlMap | undefined;
  let head = `${pad}-`;
  if (x instanceof Tagged) {
    map = x.value;
    head = `${pad}- ${x.tag}`;
  } else if (isMap(x)) map = x;
  if (map === undefined) {
    if (Array.isArray(x)) {
      const text = flowList(x);
      if (text !== undefined) out.push(`${head} ${text}`);
      else {
        out.push(head);
        block(x, indent + 2, out);
      }
    } else out.push(`${head} ${x instanceof Raw ? x.text : scalar(x as string | number | boolean | null)}`);
    return;
  }
  const lines: string[] = [];
  block(map, indent + 2, lines);
  if (x instanceof Tagged || lines.length === 0) {
    out.push(head + (lines.length === 0 ? " {}" : ""));
    out.push(...lines);
  } else {
    // First key on the dash line, as hand-written YAML does.
    out.push(`${head} ${lines[0].slice(indent + 2)}`);
    out.push(...lines.slice(1));
  }
}

/** A whole document; `header` lines become `#` comments at the top. */
export function yamlText(doc: YamlMap, header: string[] = []): string {
  const out = header.map((h) => (h ? `# ${commentSafe(h)}` : "#"));
  block(doc, 0, out);
  return out.join("\n") + "\n";
}
