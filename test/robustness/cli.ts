/** The CLI driver the robustness tests share: temporary input files, CLI runs, and the user-error contract. */
import { expect } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BIN = new URL("../../bin/pimsyn.js", import.meta.url).pathname;
export const spec = (rel: string) => new URL(`../../specs/${rel}`, import.meta.url).pathname;
export const CHAIN4 = spec("networks/chain4.json");
export const SMALL = ["--xbar", "128", "--cell-bits", "1,2", "--dac-bits", "1", "--ratio", "0.3", "--candidates", "2", "--generations", "2", "--workers", "1"];

const dir = mkdtempSync(join(tmpdir(), "pimsyn-bad-"));
let n = 0;
export function file(content: unknown, ext = "json"): string {
  const f = join(dir, `in${n++}.${ext}`);
  writeFileSync(f, typeof content === "string" || content instanceof Uint8Array ? content : JSON.stringify(content));
  return f;
}

/** Runs the CLI (asynchronously: the tests of this file run concurrently to keep its wall time short). */
export function run(args: string[], out = mkdtempSync(join(tmpdir(), "pimsyn-bad-out-"))): Promise<{ status: number | null; stdout: string; stderr: string; written: string[] }> {
  const outArgs = args[0] === "synth" ? ["--out", join(out, "runs")] : [];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args, ...outArgs], { encoding: "utf8", timeout: 60_000 }, (_e, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout, stderr, written: existsSync(join(out, "runs")) ? readdirSync(join(out, "runs")) : [] }),
    );
  });
}

/** Exit 2, one line, no stack, nothing written (hidden partial directories included), no raw control characters. */
export async function userError(args: string[], pattern: RegExp): Promise<string> {
  const r = await run(args);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(r.written).toEqual([]);
  return r.stderr;
}
