/** `pimsyn presets` end to end: listing, one preset as text and JSON, overrides, and user errors (exit 2, one line). */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/pimsyn.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pimsyn-presets-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pimsyn presets", () => {
  it("lists the built-in presets with technology and description", () => {
    const r = pimsyn("presets");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^isaac-isca16\s+32 nm\s+ISAAC/m);
    expect(r.stdout).toMatch(/^pimsyn-date24\s+not stated\s+PIMSYN/m);
  });

  it("--json on the list is JSON only", () => {
    const r = pimsyn("presets", "--json");
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string }[];
    expect(list.map((p) => p.name)).toEqual(expect.arrayContaining(["isaac-isca16", "pimsyn-date24"]));
  });

  it("prints every table of a preset with units in the headers", () => {
    const r = pimsyn("presets", "pimsyn-date24");
    expect(r.code).toBe(0);
    for (const kind of ["crossbar", "adc", "dac", "alu", "scratchpad", "router"]) expect(r.stdout).toMatch(new RegExp(`^${kind} \\(\\d+ rows?\\)`, "m"));
    expect(r.stdout).toMatch(/peak mW.*latency ns.*rate GHz.*area µm²/);
    expect(r.stdout).toMatch(/^\s*13\s+60\s+240\s+300\s/m);
  });

  it("--json prints the full preset (untruncated sources) and --override applies", () => {
    const file = join(dir, "o.json");
    writeFileSync(file, JSON.stringify({ adc: [{ bits: 13, peakPowerMw: 54.5, source: "Ours: measured" }] }));
    const r = pimsyn("presets", "pimsyn-date24", "--json", "--override", file);
    expect(r.code).toBe(0);
    const preset = JSON.parse(r.stdout) as { adc: { bits: number; peakPowerMw: number }[]; crossbar: { source: string }[] };
    expect(preset.adc.find((a) => a.bits === 13)!.peakPowerMw).toBe(54.5);
    expect(preset.crossbar[0]!.source.length).toBeGreaterThan(60);
  });

  it("an unknown preset exits 2 with one line", () => {
    const r = pimsyn("presets", "no-such-preset");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain('unknown preset "no-such-preset"');
  });

  it("a bad override exits 2 with one line naming the file and pointer", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ adc: [{ bits: 8, peakPowerMw: -1, source: "Ours: x" }] }));
    const r = pimsyn("presets", "pimsyn-date24", "--override", file);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`${file}: /adc/0/peakPowerMw:`);
  });
});
