import { readFileSync, statSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { TSchema, Static } from "@sinclair/typebox";
import { pointerToken, UserError } from "../errors.ts";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Refuse absurdly large inputs before parsing them (a 64 MiB JSON network is not a network). */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

const ajv = addFormats(new Ajv2020({ allErrors: false, strict: false, strictNumbers: true, useDefaults: true }));
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

/** Read and parse a JSON file; any failure is a one-line UserError naming the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_JSON_BYTES) throw new UserError(`file is ${size} bytes; at most ${MAX_JSON_BYTES} expected`, { file });
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(e)})`, { file });
  }
  return parseJsonText(text, file);
}

export function parseJsonText(text: string, file: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`malformed JSON (${parseProblem((e as Error).message, text)})`, { file });
  }
  const pointer = nonFinitePointer(data);
  if (pointer !== undefined) throw new UserError("expected a finite number, found one too large for a double (it reads as Infinity)", { file, pointer });
  return data;
}

/**
 * What JSON.parse complained about, without the snippet of the text V8 quotes (a file given where JSON was
 * expected may be anything, /etc/passwd included: never echo it).
 */
function parseProblem(message: string, text: string): string {
  if (/end of JSON input/i.test(message)) return "unexpected end of input";
  const at = /position (\d+)/.exec(message);
  if (!at) return "unexpected character";
  const before = text.slice(0, Number(at[1]));
  const line = before.split("\n").length;
  return `unexpected character at line ${line}, column ${Number(at[1]) - before.lastIndexOf("\n")}`;
}

/**
 * JSON has no Infinity, but JSON.parse turns an out-of-range literal (1e999) into one: the JSON pointer of the
 * first such number, if any. Iterative, so absurd nesting cannot exhaust the stack here.
 */
export function nonFinitePointer(data: unknown): string | undefined {
  const stack: [unknown, string][] = [[data, ""]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return at || "/";
    } else if (v !== null && typeof v === "object") {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], `${at}/${pointerToken(entries[i][0])}`]);
    }
  }
  return undefined;
}

/** The value at a JSON pointer (for "found ..." in messages). */
function valueAt(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[token];
  }
  return v;
}

function shown(v: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch {
    return "a value nested too deeply to show";
  }
  if (text === undefined) return String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Describe the most specific ajv error as "expected ..., found ..." with its JSON pointer. */
function describe(err: ErrorObject, all: ErrorObject[], data: unknown): { pointer: string; message: string } {
  let pointer = err.instancePath || "/";
  const found = () => `, found ${shown(valueAt(data, err.instancePath))}`;
  let message: string;
  switch (err.keyword) {
    case "required":
      pointer = `${err.instancePath}/${(err.params as { missingProperty: string }).missingProperty}`;
      message = "is missing (required)";
      break;
    case "additionalProperties":
      pointer = `${err.instancePath}/${(err.params as { additionalProperty: string }).additionalProperty}`;
      message = "is not an allowed field";
      break;
    case "enum":
      message = `expected one of ${JSON.stringify((err.params as { allowedValues: unknown[] }).allowedValues)}${found()}`;
      break;
    case "const": {
      // A union of objects told apart by a constant (a layer's `kind`): list every allowed value.
      const allowed = all
        .filter((e) => e.keyword === "const" && e.instancePath === err.instancePath)
        .map((e) => (e.params as { allowedValue: unknown }).allowedValue);
      message = `expected ${allowed.length > 1 ? `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}` : JSON.stringify(allowed[0])}${found()}`;
      break;
    }
    case "type":
      message = `expected ${(err.params as { type: string }).type === "integer" ? "an integer" : `a value of type ${(err.params as { type: string }).type}`}${found()}`;
      break;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "pattern":
      message = `expected a value that ${err.message}${found()}`;
      break;
    default:
      message = `expected a value that ${err.message ?? "matches the schema"}${found()}`;
  }
  return { pointer, message };
}

/** Among errors at the same depth, a field-level complaint is more useful than a union's `kind` mismatch. */
function rank(e: ErrorObject): number {
  return e.keyword === "const" || e.keyword === "anyOf" ? 1 : 0;
}

/**
 * Validate data against a TypeBox schema; throws a UserError naming the file, the JSON pointer of the
 * first violation and what was expected. Returns the data typed (defaults filled in).
 */
export function validate<S extends TSchema>(schema: S, data: unknown, file: string): Static<S> {
  let check = compiled.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    compiled.set(schema, check);
  }
  let ok: boolean;
  try {
    ok = check(data) as boolean;
  } catch (e) {
    // ajv recurses with the data: absurd nesting exhausts the stack before it can report a schema error.
    if (e instanceof RangeError) throw new UserError("expected a document nested at most a few thousand levels deep", { file, pointer: "/" });
    throw e;
  }
  if (!ok) {
    const errors = check.errors ?? [];
    // Prefer the deepest error: it names the most specific field. In a union (layer kinds), errors of the
    // branch whose `kind` matched are deeper than the other branches' `kind` mismatches.
    const best = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || rank(a) - rank(b))[0];
    const { pointer, message } = best ? describe(best, errors, data) : { pointer: "/", message: "does not match the schema" };
    throw new UserError(message, { file, pointer });
  }
  return data as Static<S>;
}
