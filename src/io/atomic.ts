import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors.ts";

/** What an errno means for a path the user chose to write to (a read-only folder, a file where a folder goes, /proc). */
const WRITE_PROBLEMS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOTDIR: "part of the path is a file, not a folder",
  EEXIST: "a file of that name is in the way",
  EISDIR: "it is a folder",
  ENOENT: "nothing can be created there",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENAMETOOLONG: "name too long",
  ELOOP: "too many symbolic links",
  EXDEV: "cannot rename across file systems",
  EBUSY: "the path is busy",
};

/**
 * Run `work`, which writes to `target`; a filesystem refusal becomes a one-line UserError naming the target
 * (and the option that chose it, if any) instead of an internal error: the path is the user's to fix.
 */
export function writingTo<T>(target: string, option: string | undefined, work: () => T): T {
  try {
    return work();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const problem = code === undefined ? undefined : WRITE_PROBLEMS[code];
    if (problem === undefined || e instanceof UserError) throw e;
    const path = (e as NodeJS.ErrnoException).path;
    const where = path && path !== target && !path.includes(".partial-") && !path.includes(".tmp-") ? ` at ${path}` : "";
    throw new UserError(`cannot write here${where} (${problem}, ${code})`, { file: target, pointer: option });
  }
}

/** Write a file so that readers see either the old content or the whole new one (temp sibling + rename). */
export function writeFileAtomic(file: string, data: string | Uint8Array, option?: string): void {
  writingTo(file, option, () => {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    try {
      writeFileSync(tmp, data);
      renameSync(tmp, file);
    } catch (e) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        /* the folder itself is the problem: nothing was written */
      }
      throw e;
    }
  });
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
