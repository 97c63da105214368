/** `pimsyn dualmode`: the run directory, byte-identical results for identical inputs, and one-line user errors. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/pimsyn.js", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "pimsyn-dualmode-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runDir(parent: string): string {
  const dirs = readdirSync(parent);
  expect(dirs).toHaveLength(1);
  return join(parent, dirs[0]);
}

describe("pimsyn dualmode", () => {
  it("writes the run directory; the same inputs give the same bytes", { timeout: 120_000 }, () => {
    const dirs = ["a", "b"].map((k) => {
      const out = join(tmp, k);
      const r = pimsyn("dualmode", "bert-base", "--seq", "32,16", "--batch", "2", "--out", out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/speedup +\d/);
      expect(r.stdout).toMatch(/seq +16 +speedup/);
      return runDir(out);
    });
    for (const f of ["program.dmo", "allocation.json", "metrics.json", "timing.json", "report.html", "report.md"]) {
      expect(existsSync(join(dirs[0], f)), f).toBe(true);
    }
    for (const f of ["program.dmo", "allocation.json", "metrics.json", "report.md"]) {
      expect(readFileSync(join(dirs[0], f), "utf8"), f).toBe(readFileSync(join(dirs[1], f), "utf8"));
    }
    const m = JSON.parse(readFileSync(join(dirs[0], "metrics.json"), "utf8"));
    expect(m.options).toEqual({ seq: [16, 32], batch: 2, phase: null });
    expect(m.sweep.map((p: { seq: number }) => p.seq)).toEqual([16, 32]);
    expect(m.speedup).toBeGreaterThanOrEqual(1);
    expect(Math.abs(m.simulator.relativeDifference)).toBeLessThan(0.05);
    const program = readFileSync(join(dirs[0], "program.dmo"), "utf8");
    expect(program).toMatch(/^# pimsyn dualmode program \(DMO\) v1\n/);
    expect(program).toMatch(/\nsegment 0 \{\n/);
    expect(program).toMatch(/\n {2}parallel \{\n {4}CIM\.run\("b0\.q/);
    const html = readFileSync(join(dirs[0], "report.html"), "utf8");
    expect(html).toContain('data-chart="timeline"');
    expect(html).toContain('data-chart="sweep-speedup"');
    expect(html).toContain('data-chart="modes"');
  });

  it("--json prints metrics.json", { timeout: 60_000 }, () => {
    const r = pimsyn("dualmode", "bert-base", "--seq", "8", "--json", "--out", join(tmp, "json"));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).network.name).toBe("bert-base");
  });

  const bad = join(tmp, "zero-arrays.json");
  const spec = JSON.parse(readFileSync("specs/deha/dynaplasia.json", "utf8"));
  writeFileSync(bad, JSON.stringify({ ...spec, chip: { ...spec.chip, arrays: 0 } }));
  const noBandwidth = join(tmp, "no-bandwidth.json");
  writeFileSync(noBandwidth, JSON.stringify({ ...spec, memoryMode: { ...spec.memoryMode, bytesPerCyclePerArray: 0 } }));
  const narrow = join(tmp, "narrow.json");
  writeFileSync(narrow, JSON.stringify({ ...spec, array: { ...spec.array, cols: 4 } }));
  it.each([
    [["resnet18", "--hw", narrow], /narrow\.json: \/compute\/weightBits: .*8-bit weight needs more than the 4 columns/],
    [["opt-6.7b", "--seq", "0"], /^error: --seq: /],
    [["opt-6.7b", "--seq", "100000"], /^error: --seq: .*2048/],
    [["opt-6.7b", "--batch", "5000"], /^error: --batch: .*1024/],
    [["vgg16", "--seq", "64"], /^error: --seq: .*CNN/],
    [["bert-large", "--phase", "decode"], /^error: --phase: .*encoder/],
    [["resnet18", "--hw", "nope"], /^error: --hw: /],
    [["resnet18", "--hw", bad], /zero-arrays\.json: \/chip\/arrays: /],
    [["resnet18", "--hw", noBandwidth], /no-bandwidth\.json: \/memoryMode\/bytesPerCyclePerArray: /],
  ])("bad input %j exits 2 with one line and writes nothing", (args, pattern) => {
    const out = join(tmp, "never");
    const r = pimsyn("dualmode", ...(args as string[]), "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern as RegExp);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
