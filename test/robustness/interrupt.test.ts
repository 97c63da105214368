/** SIGINT/SIGTERM during synthesis: the CLI stops its workers, exits 130/143, leaves no (partial) run directory. */
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = new URL("../../bin/pimsyn.js", import.meta.url).pathname;

function interrupt(signal: NodeJS.Signals, extra: string[] = []) {
  const out = mkdtempSync(join(tmpdir(), "pimsyn-int-"));
  // resnet50 over the full space takes far longer than the few seconds before the signal.
  const child = spawn(process.execPath, [BIN, "synth", "resnet50", "--power", "300W", "--workers", "2", "--out", out, ...extra], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise<{ code: number | null; stdout: string; stderr: string; out: string; exitMs: number }>((resolve) => {
    let sentAt = 0;
    // Wait until the search is under way (a first point finished, or 12 s), then interrupt.
    const timer = setTimeout(() => {
      sentAt = Date.now();
      child.kill(signal);
    }, 12_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, out, exitMs: sentAt ? Date.now() - sentAt : -1 });
    });
  });
}

describe("interrupting pimsyn synth", () => {
  it("SIGINT: exit 130 within 10 s, prints the best design so far, writes nothing", async () => {
    const r = await interrupt("SIGINT");
    expect(r.exitMs).toBeGreaterThanOrEqual(0); // it was still running when interrupted
    expect(r.code).toBe(130);
    expect(r.exitMs).toBeLessThan(10_000);
    expect(readdirSync(r.out)).toEqual([]);
    expect(r.stdout + r.stderr).toMatch(/interrupted/);
  }, 60_000);

  it("SIGTERM with --save-partial: exit 143 and a complete run directory marked as interrupted", async () => {
    const r = await interrupt("SIGTERM", ["--save-partial"]);
    expect(r.code).toBe(143);
    expect(r.exitMs).toBeLessThan(10_000);
    const entries = readdirSync(r.out);
    if (/best design so far/.test(r.stdout)) {
      expect(entries).toHaveLength(1);
      expect(entries[0].startsWith(".")).toBe(false);
      expect(readdirSync(join(r.out, entries[0])).sort()).toEqual(["arch.json", "explored.jsonl", "metrics.json", "report.html", "report.md", "timing.json", "traces.json"]);
    } else expect(entries).toEqual([]); // interrupted before any point finished: nothing to save
  }, 60_000);
});
