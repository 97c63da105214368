/**
 * The run directory: written into a hidden temporary sibling while the run goes (explored.jsonl is streamed
 * there) and renamed into place only when complete, so an interrupted run leaves nothing half-written.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync, writeFileSync } from "node:fs";
import { writingTo } from "../io/atomic.ts";
import { join } from "node:path";
import { createHash } from "node:crypto";

/** Directory-name-safe form of a model name: no separators, no leading dots, bounded length. */
export function safeName(name: string): string {
  const s = name
    .normalize("NFKC")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[.-]+/, "")
    .replace(/-+$/, "")
    .slice(0, 64);
  return s || "network";
}

export function powerLabel(w: number): string {
  if (w < 1) return `${+(w * 1e3).toPrecision(6)}mW`;
  if (w >= 1e3) return `${+(w / 1e3).toPrecision(6)}kW`;
  return `${+w.toPrecision(6)}W`;
}

export function shortHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 10);
}

/** JSON with sorted object keys (stable hashing of option objects). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

const PARTIAL = /^\.(.+)\.partial-(\d+)(\.old)?$/;

/** Whether a process of this id is alive (EPERM: it is, and belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove the temporary run directories (`.<name>.partial-<pid>`) that runs killed without a chance to clean
 * up (kill -9, power loss) left in `parent`: only those whose process is gone; a live run's stays.
 */
export function removeStalePartials(parent: string): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const m = PARTIAL.exec(entry);
    if (!m || Number(m[2]) === process.pid || processAlive(Number(m[2]))) continue;
    rmSync(join(parent, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

export class RunDir {
  readonly finalPath: string;
  readonly tempPath: string;
  private exploredFd: number;
  private closed = false;

  /** `explored: false`: no explored.jsonl stream (methods without a search log). */
  constructor(parent: string, name: string, opts: { explored?: boolean } = {}) {
    this.finalPath = join(parent, name);
    this.tempPath = join(parent, `.${name}.partial-${process.pid}`);
    this.exploredFd = writingTo(parent, undefined, () => {
      mkdirSync(parent, { recursive: true });
      removeStalePartials(parent);
      rmSync(this.tempPath, { recursive: true, force: true });
      mkdirSync(this.tempPath);
      return opts.explored === false ? -1 : openSync(join(this.tempPath, "explored.jsonl"), "w");
    });
    if (opts.explored === false) this.closed = true;
  }

  /** Append one line to explored.jsonl (streamed: memory stays bounded however long the search). */
  explored(line: object): void {
    if (this.closed) return;
    writeSync(this.exploredFd, JSON.stringify(line) + "\n");
  }

  /** Write files into the (still temporary) run directory; closes the explored.jsonl stream. */
  write(files: Record<string, string>): void {
    if (!this.closed) {
      closeSync(this.exploredFd);
      this.closed = true;
    }
    for (const [name, text] of Object.entries(files)) writeFileSync(join(this.tempPath, name), text);
  }

  /** Move the complete directory into place (replacing an earlier run of the same inputs). */
  commit(): string {
    if (!this.closed) {
      closeSync(this.exploredFd);
      this.closed = true;
    }
    writingTo(this.finalPath, undefined, () => {
      if (existsSync(this.finalPath)) {
        const old = `${this.tempPath}.old`;
        renameSync(this.finalPath, old);
        renameSync(this.tempPath, this.finalPath);
        rmSync(old, { recursive: true, force: true });
      } else renameSync(this.tempPath, this.finalPath);
    });
    return this.finalPath;
  }

  /** Remove the temporary directory (interrupt or error). */
  discard(): void {
    if (!this.closed) {
      try {
        closeSync(this.exploredFd);
      } catch {
        /* already closed */
      }
      this.closed = true;
    }
    rmSync(this.tempPath, { recursive: true, force: true });
  }
}
