/** `pimsyn dataflow` end to end: run directory, determinism, bad input (exit 2, one line), presets listing. */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/pimsyn.js", import.meta.url));
const NET = fileURLToPath(new URL("../../specs/networks/chain4.json", import.meta.url));
const HW = fileURLToPath(new URL("../../specs/hardware/miredo-8core-28nm.json", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pimsyn-dataflow-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pimsyn dataflow", () => {
  it("writes a run directory; the same inputs give byte-identical mapping.json and metrics.json for 1 and 2 workers", () => {
    const runs = ["1", "2"].map((workers) => {
      const out = join(dir, `w${workers}`);
      const r = pimsyn("dataflow", NET, "--layers", "conv1,conv2,fc", "--milp-time-limit", "30s", "--max-schemes", "1", "--workers", workers, "--out", out, "--json");
      expect(r.code, r.stderr).toBe(0);
      const metrics = JSON.parse(r.stdout);
      expect(metrics.layers.map((l: { name: string }) => l.name)).toEqual(["conv1", "conv2", "fc"]);
      const [runDir] = readdirSync(out);
      const files = readdirSync(join(out, runDir)).sort();
      expect(files).toEqual(["explored.jsonl", "mapping.json", "metrics.json", "report.html", "report.md", "timing.json"]);
      const read = (f: string) => readFileSync(join(out, runDir, f), "utf8");
      expect(read("report.md")).toMatch(/## Loop nests/);
      return { metrics, mapping: read("mapping.json"), metricsText: read("metrics.json") };
    });
    expect(runs[0].metrics.milp.timeLimitHits).toBe(0);
    expect(runs[1].mapping).toBe(runs[0].mapping);
    expect(runs[1].metricsText).toBe(runs[0].metricsText);
    expect(runs[0].metrics.edpGain.vsGreedy).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it.each([
    ["an unknown layer", ["--layers", "nope"], /--layers: no conv\/FC layer named "nope"/],
    ["an unknown hardware name", ["--hw", "nope"], /--hw: unknown hardware "nope"/],
    ["an unknown objective", ["--objective", "speed"], /objective/],
    ["a bad time limit", ["--milp-time-limit", "fast"], /--milp-time-limit/],
  ])("%s: exit 2, the first line says what was expected", (_what, args, message) => {
    const r = pimsyn("dataflow", NET, ...args, "--out", join(dir, "bad"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toMatch(message);
  });

  it("a hardware file with zero bandwidth: exit 2 naming the file and JSON pointer, nothing written", () => {
    const hw = JSON.parse(readFileSync(HW, "utf8"));
    hw.levels[0].readBitsPerCycle = 0;
    const file = join(dir, "zero-bw.json");
    writeFileSync(file, JSON.stringify(hw));
    const out = join(dir, "zero");
    const r = pimsyn("dataflow", NET, "--hw", file, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: /levels/0/readBitsPerCycle:`);
    expect(() => readdirSync(out)).toThrow();
  });

  it("pimsyn presets lists the dataflow hardware and prints one with its sources", () => {
    const list = pimsyn("presets");
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^miredo-8core-28nm\s+28 nm/m);
    expect(list.stdout).toMatch(/^miredo-transformer\s+28 nm/m);
    const one = pimsyn("presets", "miredo-8core-28nm");
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/GlobalBuffer\s+buffer\s+2\.09715e\+06|GlobalBuffer\s+buffer\s+2097150|GlobalBuffer/);
    expect(one.stdout).toMatch(/MIREDO/);
  });
});

describe("pimsyn dataflow: a layer that cannot be mapped", () => {
  it("exit 2 naming the layer", () => {
    const hw = JSON.parse(readFileSync(HW, "utf8"));
    hw.levels[1].sizeBits = 64;
    const file = join(dir, "tiny-gbuf.json");
    writeFileSync(file, JSON.stringify(hw));
    const r = pimsyn("dataflow", NET, "--hw", file, "--layers", "conv1", "--milp-time-limit", "5s", "--out", join(dir, "tiny"));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/layer "conv1" cannot be mapped/);
  }, 60_000);
});
