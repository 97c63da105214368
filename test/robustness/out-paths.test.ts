/**
 * Output paths from the CLI (issue 18, items 7 and 8): an --out the user cannot write to is exit 2 with one
 * line naming it; a later run clears the partial directories of runs killed earlier, and only those.
 */
import { describe, expect, it } from "vitest";
import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = new URL("../../bin/pimsyn.js", import.meta.url).pathname;
const CHAIN4 = new URL("../../specs/networks/chain4.json", import.meta.url).pathname;
const ONNX = new URL("../fixtures/onnx/alexnet.onnx", import.meta.url).pathname;
const SMALL = ["--xbar", "128", "--cell-bits", "1", "--dac-bits", "1", "--ratio", "0.3", "--candidates", "2", "--generations", "2", "--workers", "1"];

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000 }, (_e, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }));
  });
}

describe.concurrent("--out", () => {
  const dir = mkdtempSync(join(tmpdir(), "pimsyn-outpaths-"));
  const file = join(dir, "somefile");
  writeFileSync(file, "x");

  it.each([
    ["synth --out <a file>", ["synth", CHAIN4, "--power", "5W", ...SMALL, "--out", file], new RegExp(`^error: ${file}: cannot write here \\(a file of that name is in the way, EEXIST\\)$`)],
    ["synth --out /proc/self", ["synth", CHAIN4, "--power", "5W", ...SMALL, "--out", "/proc/self"], /^error: \/proc\/self: cannot write here \(.*\)$/],
    ["import --out somefile/x", ["import", ONNX, "--out", join(file, "x")], new RegExp(`^error: ${file}/x: --out: cannot write here at ${file} \\(a file of that name is in the way, EEXIST\\)$`)],
  ])("%s is a user error", async (_what, args, pattern) => {
    const r = await run(args as string[]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim()).toMatch(pattern);
  });

  it("a run removes partial directories of dead runs and keeps a live run's", async () => {
    const out = join(dir, "runs");
    mkdirSync(out);
    const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
    const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    await new Promise((r) => live.once("spawn", r));
    try {
      mkdirSync(join(out, `.vgg16-264W-0123456789.partial-${dead}`));
      mkdirSync(join(out, `.alexnet-49W-0123456789.partial-${live.pid}`));
      const r = await run(["synth", CHAIN4, "--power", "5W", ...SMALL, "--out", out]);
      expect(r.status, r.stderr).toBe(0);
      const left = readdirSync(out).sort();
      expect(left).toHaveLength(2);
      expect(left[0]).toBe(`.alexnet-49W-0123456789.partial-${live.pid}`);
      expect(left[1]).toMatch(/^chain4-5W-[0-9a-f]{10}$/);
    } finally {
      live.kill();
    }
  });
});
