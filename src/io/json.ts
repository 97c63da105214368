import { readFileSync, statSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { TSchema, Static } from "@sinclair/typebox";
import { UserError } from "../errors.ts";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Refuse absurdly large inputs before parsing them (a 64 MiB JSON network is not a network). */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

const ajv = addFormats(new Ajv2020({ allErrors: false, strict: false, useDefaults: true }));
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
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message.replace(/^JSON\.parse: /, "");
    throw new UserError(`malformed JSON (${msg})`, { file });
  }
}

/** Describe one ajv error as "expected ..." text. */
function describe(err: ErrorObject): { pointer: string; message: string } {
  let pointer = err.instancePath || "/";
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
      message = `expected one of ${JSON.stringify((err.params as { allowedValues: unknown[] }).allowedValues)}`;
      break;
    default:
      message = `expected value that ${err.message ?? "matches the schema"}`;
  }
  return { pointer, message };
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
  if (!check(data)) {
    const errors = check.errors ?? [];
    // Prefer the deepest error: it names the most specific field.
    const best = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const { pointer, message } = best ? describe(best) : { pointer: "/", message: "does not match the schema" };
    throw new UserError(message, { file, pointer });
  }
  return data as Static<S>;
}
