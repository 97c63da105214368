/** `pimsyn report` and `pimsyn compare` end to end: files written, JSON output, user errors exit 2 on one line. */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyRun, readJson, writeJson } from "./fixture.ts";

const BIN = fileURLToPath(new URL("../../bin/pimsyn.js", import.meta.url));
const runA = copyRun();
const runB = copyRun();
const out = mkdtempSync(join(tmpdir(), "pimsyn-compare-"));
afterAll(() => [runA, runB, out].forEach((d) => rmSync(d, { recursive: true, force: true })));

// Run B: a different (hand-edited) design so the comparison has something to compare.
const mB = readJson(runB, "metrics.json");
mB.summary.gopsPerW = 250.5;
mB.summary.throughputTops = 7.25;
mB.design.hardware.byKind.adc.peakPowerW = 20;
writeJson(runB, "metrics.json", mB);

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pimsyn report", () => {
  it("re-renders report.html and report.md into the run directory", () => {
    const r = pimsyn("report", runA);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${join(runA, "report.html")}\nwrote ${join(runA, "report.md")}\n`);
    expect(readFileSync(join(runA, "report.html"), "utf8")).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(runA, "report.md"), "utf8")).toMatch(/^# resnet18/);
  });

  it("--json prints only JSON", () => {
    const r = pimsyn("report", runA, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ html: join(runA, "report.html"), md: join(runA, "report.md") });
  });

  it("a folder that is not a run is a one-line user error", () => {
    const r = pimsyn("report", out);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("has no metrics.json");
  });

  it("a broken metrics.json names the pointer", () => {
    const dir = copyRun();
    const m = readJson(dir, "metrics.json");
    m.summary.throughputTops = null;
    writeJson(dir, "metrics.json", m);
    const r = pimsyn("report", dir);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/metrics\.json: \/summary\/throughputTops: expected a value of type number, found null/);
  });
});

describe("pimsyn compare", () => {
  it("writes one page with every run's headline, efficiency bars and per-kind power", () => {
    const file = join(out, "cmp.html");
    const r = pimsyn("compare", runA, runB, "--out", file);
    expect(r.code).toBe(0);
    const html = readFileSync(file, "utf8");
    for (const id of ["headline", "efficiency", "design", "power"]) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain(`>${basename(runA)}</th>`);
    expect(html).toContain(`>${basename(runB)}</th>`);
    expect(html).toMatch(/<td>efficiency<\/td><td>GOPS\/W<\/td><td class="num">442.2<\/td><td class="num">250.5<\/td>/);
    expect(html).toMatch(/<td>adc<\/td><td>W<\/td><td class="num">35.04<\/td><td class="num">20<\/td>/);
    expect(html).toMatch(/data-chart="compare-efficiency" data-marks="2"/);
    expect(html).not.toMatch(/<script/i);
  });

  it("--json prints only JSON; the default output is out/compare.html, and the summary says where", () => {
    const r = spawnSync(process.execPath, [BIN, "compare", runA, runB, "--json"], { encoding: "utf8", cwd: out });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ html: join("out", "compare.html"), runs: 2 });
    expect(existsSync(join(out, "out", "compare.html"))).toBe(true);
    expect(existsSync(join(out, "compare.html"))).toBe(false);
    const h = spawnSync(process.execPath, [BIN, "compare", runA, runB], { encoding: "utf8", cwd: out });
    expect(h.stdout).toBe(`wrote ${join("out", "compare.html")} (2 runs side by side; open it in a browser)\n`);
  });

  it("one run, a missing run or an --out that is a folder are user errors", () => {
    for (const args of [[runA], [runA, join(out, "missing")], [runA, runB, "--out", out]]) {
      const r = pimsyn("compare", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
