/** Run directories: stale partial directories of dead runs are removed, a live run's stay; bad folders are user errors. */
import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeStalePartials, RunDir } from "../../src/flow/run-dir.ts";
import { writeFileAtomic } from "../../src/io/atomic.ts";
import { UserError } from "../../src/errors.ts";

/** The id of a process that has exited (so no process has it, barring reuse within the test). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

describe("stale partial run directories", () => {
  it("a later run removes those whose process is gone, and only those", async () => {
    const parent = mkdtempSync(join(tmpdir(), "pimsyn-rundir-"));
    const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    await new Promise((r) => live.once("spawn", r));
    try {
      const dead = deadPid();
      const names = {
        dead: `.vgg16-264W-0123456789.partial-${dead}`,
        deadOld: `.vgg16-264W-0123456789.partial-${dead}.old`,
        live: `.alexnet-49W-abcdef0123.partial-${live.pid}`,
        finished: "alexnet-49W-abcdef0123",
        unrelated: ".partial-notes",
      };
      for (const n of Object.values(names)) mkdirSync(join(parent, n));
      writeFileSync(join(parent, names.dead, "explored.jsonl"), "{}\n");
      const run = new RunDir(parent, "chain4-5W-0000000000");
      const left = readdirSync(parent).sort();
      expect(left).toEqual([names.live, names.unrelated, run.tempPath.split("/").pop()!, names.finished].sort());
      run.discard();
      expect(removeStalePartials(parent)).toEqual([]);
    } finally {
      live.kill();
    }
  });
});

describe("output folders the user cannot write to are user errors", () => {
  const lineOf = (work: () => unknown): string => {
    try {
      work();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as UserError).toLine();
    }
    throw new Error("no error");
  };
  const dir = mkdtempSync(join(tmpdir(), "pimsyn-out-"));
  const file = join(dir, "a-file");
  writeFileSync(file, "x");

  it("a file where the folder goes, a folder below a file, /proc/self", () => {
    expect(lineOf(() => new RunDir(file, "run"))).toBe(`${file}: cannot write here (a file of that name is in the way, EEXIST)`);
    expect(lineOf(() => new RunDir(join(file, "sub"), "run"))).toMatch(/^.*a-file\/sub: cannot write here .*\(part of the path is a file, not a folder, ENOTDIR\)$/);
    expect(lineOf(() => new RunDir("/proc/self", "run"))).toMatch(/^\/proc\/self: cannot write here \(.*\)$/);
    expect(lineOf(() => writeFileAtomic(join(file, "x.json"), "{}", "--out"))).toMatch(/a-file\/x\.json: --out: cannot write here at .*a-file \(a file of that name is in the way, EEXIST\)/);
    expect(existsSync(join(dir, "run"))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only folder (not testable as root, who may write anywhere)", () => {
    const ro = join(dir, "ro");
    mkdirSync(ro, { mode: 0o555 });
    expect(lineOf(() => new RunDir(ro, "run"))).toBe(`${ro}: cannot write here (permission denied, EACCES)`);
  });
});
