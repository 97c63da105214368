import { ArchSpec } from "../hardware/arch.ts";
import { readJsonFile, validate } from "./json.ts";

export function loadArch(file: string): ArchSpec {
  return validate(ArchSpec, readJsonFile(file), file);
}
