import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

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

/**
 * Write a whole directory so that readers see the old one or the complete new one: the files go into a hidden
 * temporary sibling, which then replaces `dir`. `files` paths are relative, with forward slashes.
 */
export function writeDirAtomic(dir: string, files: { path: string; text: string }[]): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.partial-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const f of files) {
      const target = join(tmp, ...f.path.split("/"));
      if (!target.startsWith(tmp + "/")) throw new Error(`refusing to write outside ${dir}: ${f.path}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.text);
    }
    if (existsSync(dir)) {
      const old = `${tmp}.old`;
      renameSync(dir, old);
      renameSync(tmp, dir);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
