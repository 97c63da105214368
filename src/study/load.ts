/** Study files (JSON or YAML of specs/study.schema.json) and the same study from `pimsyn sweep` flags. */
import { readFileSync, statSync } from "node:fs";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { UserError } from "../errors.ts";
import { parseJsonText, validate } from "../io/json.ts";
import { StudySpec } from "./spec.ts";

const MAX_STUDY_BYTES = 4 * 1024 * 1024;

/** A file given to `pimsyn sweep` is a study (not a network) when it is YAML or a JSON object with `networks`. */
export function looksLikeStudyFile(file: string): boolean {
  if (/\.ya?ml$/i.test(file)) return true;
  if (!/\.json$/i.test(file)) return false;
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return data !== null && typeof data === "object" && !Array.isArray(data) && "networks" in data;
  } catch {
    return false;
  }
}

export function readStudyFile(file: string): StudySpec {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_STUDY_BYTES) throw new UserError(`file is ${size} bytes; at most ${MAX_STUDY_BYTES} expected`, { file });
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(e)})`, { file });
  }
  let data: unknown;
  if (/\.ya?ml$/i.test(file)) {
    try {
      // YAML 1.2 core schema: no custom tags, no merge keys; aliases are bounded by the library's default.
      data = parseYaml(text, { schema: "core", merge: false, uniqueKeys: true });
    } catch (e) {
      if (e instanceof YAMLParseError) {
        const at = e.linePos?.[0];
        throw new UserError(`malformed YAML (${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")})${at ? ` at line ${at.line}, column ${at.col}` : ""}`, { file });
      }
      throw new UserError(`malformed YAML (${(e as Error).message.split("\n")[0]})`, { file });
    }
  } else data = parseJsonText(text, file);
  return validate(StudySpec, data, file);
}
