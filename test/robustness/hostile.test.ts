/** Hostile inputs to the CLI: one-line error, exit 2, no stack trace, nothing written. */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = new URL("../../bin/pimsyn.js", import.meta.url).pathname;
const FIXTURE = new URL("../fixtures/onnx/resnet18.onnx", import.meta.url).pathname;
const SMALL = ["--xbar", "256", "--cell-bits", "4", "--dac-bits", "1", "--ratio", "0.3", "--candidates", "2", "--generations", "2", "--workers", "1"];

function run(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), "pimsyn-hostile-"));
  const r = spawnSync(process.execPath, [BIN, ...args, "--out", join(out, "runs")], { encoding: "utf8", timeout: 120_000 });
  return { ...r, out, written: existsSync(join(out, "runs")) ? readdirSync(join(out, "runs")) : [] };
}

function expectUserError(r: ReturnType<typeof run>, pattern?: RegExp) {
  expect(r.status, r.stderr).toBe(2);
  const lines = r.stderr.trim().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  if (pattern) expect(r.stderr).toMatch(pattern);
  expect(r.written).toEqual([]);
}

function netFile(dir: string, spec: unknown, raw?: string): string {
  const f = join(dir, "net.json");
  writeFileSync(f, raw ?? JSON.stringify(spec));
  return f;
}

const chain = (layers: unknown[], name = "hostile") => ({ schemaVersion: 1, name, input: { name: "x", shape: [3, 16, 16] }, layers });

describe("hostile inputs", () => {
  it.each([
    ["40mW", /minimum feasible power for alexnet/],
    ["-5W", /power/i],
    ["1e400W", /--power/],
    ["abc", /--power/],
    ["0W", /--power/],
  ])("--power %s", (power, pattern) => expectUserError(run(["synth", "alexnet", `--power=${power}`, ...SMALL]), pattern));

  it("bad option values name the option", () => {
    expectUserError(run(["synth", "alexnet", "--power", "49W", "--xbar", "100"]), /--xbar/);
    expectUserError(run(["synth", "alexnet", "--power", "49W", "--ratio", "0.5:0.1:0.1"]), /--ratio/);
    expectUserError(run(["synth", "alexnet", "--power", "49W", "--seed", "-1"]), /seed/);
    expectUserError(run(["synth", "alexnet", "--power", "49W", "--input-shape", "3x0x5"]), /--input-shape/);
    expectUserError(run(["synth", "nosuchmodel", "--power", "49W"]), /unknown model/);
  });

  it("malformed, deeply nested and schema-violating network files", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-net-"));
    expectUserError(run(["synth", netFile(dir, null, '{"schemaVersion": 1, "name": '), "--power", "49W"]), /malformed JSON/);
    expectUserError(run(["synth", netFile(dir, null, "[".repeat(200_000) + "]".repeat(200_000)), "--power", "49W"]));
    expectUserError(run(["synth", netFile(dir, { schemaVersion: 1, name: "x", input: { name: "x", shape: [3, 8, 8] }, layers: "no" }), "--power", "49W"]), /\/layers/);
  });

  it("impossible layers: zero-sized, groups that do not divide, cycles, dangling references", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-net-"));
    const conv = (name: string, extra: object = {}) => ({ name, kind: "conv", outChannels: 8, kernel: [3, 3], ...extra });
    expectUserError(run(["synth", netFile(dir, chain([conv("a", { kernel: [32, 32] })])), "--power", "49W"]), /\/layers\/0/);
    expectUserError(run(["synth", netFile(dir, chain([conv("a", { outChannels: 0 })])), "--power", "49W"]), /\/layers\/0\/outChannels/);
    expectUserError(run(["synth", netFile(dir, chain([conv("a", { groups: 2 })])), "--power", "49W"]), /groups/);
    expectUserError(run(["synth", netFile(dir, chain([conv("a", { inputs: ["b"] }), conv("b", { inputs: ["a"] })])), "--power", "49W"]), /cycle/);
    expectUserError(run(["synth", netFile(dir, chain([conv("a", { inputs: ["ghost"] })])), "--power", "49W"]), /ghost/);
  });

  it("a path-like network name cannot escape the output folder; non-UTF-8 bytes in names are tolerated", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-net-"));
    const layers = [{ name: "c1", kind: "conv", outChannels: 8, kernel: [3, 3], pad: [1, 1, 1, 1] }, { name: "fc", kind: "fc", outFeatures: 10 }];
    const text = JSON.stringify(chain(layers, "../../etc")).replace('"c1"', '"c\u00ff1"');
    const bytes = Buffer.from(text, "latin1"); // 0xff alone is not valid UTF-8
    const f = join(dir, "net.json");
    writeFileSync(f, bytes);
    const r = run(["synth", f, "--power", "10W", ...SMALL]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.written).toHaveLength(1);
    expect(r.written[0]).toMatch(/^etc-10W-[0-9a-f]+$/);
    expect(readFileSync(join(r.out, "runs", r.written[0], "arch.json"), "utf8")).toContain("c\ufffd1");
  });

  it("truncated ONNX", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-onnx-"));
    const f = join(dir, "cut.onnx");
    writeFileSync(f, readFileSync(FIXTURE).subarray(0, 1000));
    expectUserError(run(["synth", f, "--power", "49W"]), /cut\.onnx/);
  });

  it("a malformed preset override names the override file and pointer", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-ovr-"));
    const f = join(dir, "ovr.json");
    writeFileSync(f, JSON.stringify({ adc: [{ bits: 9, peakPowerMw: -1, source: "x" }] }));
    expectUserError(run(["synth", "alexnet", "--power", "49W", "--override", f]), /ovr\.json.*\/adc\/0/);
  });
});
