import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Write a file so that readers see either the old content or the whole new one (temp sibling + rename). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Stable JSON text: 2-space indent, trailing newline (byte-identical for identical values). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
