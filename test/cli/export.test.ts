/** `pimsyn export` end to end: a run directory and an arch.json, the default and --out directories, user errors (exit 2, one line, nothing written; an unknown --format is commander's choices check). */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/pimsyn.js", import.meta.url));
const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pimsyn-export-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pimsyn export", () => {
  it("exports a run directory into <run-dir>/export-<format>, with the run's network for Timeloop's problems", () => {
    const run = join(dir, "run");
    cpSync(root("test/fixtures/run"), run, { recursive: true });
    const r = pimsyn("export", run, "--format", "timeloop", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dir: string; files: string[] };
    expect(out.dir).toBe(join(run, "export-timeloop"));
    expect(out.files).toContain("arch.yaml");
    expect(out.files.filter((f) => f.startsWith("problems/")).length).toBe(21); // resnet18: 20 convs + 1 FC
    for (const f of out.files) expect(existsSync(join(out.dir, f)), f).toBe(true);
    expect(readdirSync(run).filter((f) => f.startsWith("."))).toEqual([]); // no temporary sibling left
  });

  it("exports an arch.json to --out, replacing the directory as a whole", () => {
    const out = join(dir, "mnsim");
    mkdirSync(out);
    writeFileSync(join(out, "stale.txt"), "old");
    const r = pimsyn("export", root("specs/examples/isaac.arch.json"), "--format", "mnsim", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote 2 files to .*mnsim \(mnsim; see mnsim\/README\.txt\)/);
    expect(readdirSync(out).sort()).toEqual(["README.txt", "SimConfig.ini"]);
    expect(readFileSync(join(out, "SimConfig.ini"), "utf8")).toMatch(/^Xbar_Size = 128,128$/m);
  });

  it("names the file or option on bad input, exits 2 and writes nothing", () => {
    const missing = pimsyn("export", "nope.json", "--format", "pimcomp");
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/nope\.json: <run-dir\|arch\.json>: no such file or directory/);

    const bad = join(dir, "bad.arch.json");
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, name: "x", preset: "pimsyn-date24", hardware: { template: "pimsyn" } }));
    const invalid = pimsyn("export", bad, "--format", "pimcomp", "--out", join(dir, "never"));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/bad\.arch\.json: \/hardware/);
    expect(existsSync(join(dir, "never"))).toBe(false);

    const file = join(dir, "a-file");
    writeFileSync(file, "keep");
    const notDir = pimsyn("export", root("specs/examples/isaac.arch.json"), "--format", "cimloop", "--out", file);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toMatch(/a-file: --out: exists and is not a directory/);
    expect(readFileSync(file, "utf8")).toBe("keep");

    const wrongNet = pimsyn("export", join(dir, "run"), "--format", "timeloop", "--model", "alexnet", "--out", join(dir, "never2"));
    expect(wrongNet.code).toBe(2);
    expect(wrongNet.stderr).toMatch(/\/mapping\/network\/hash: network alexnet .* is not the one the arch maps/);
    expect(existsSync(join(dir, "never2"))).toBe(false);
  });
});
