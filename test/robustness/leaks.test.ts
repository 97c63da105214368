/**
 * Terminal and file leaks (issue 18, item 11): user text (network, layer and ONNX node names) reaches the
 * terminal escaped, and no error quotes a file's content. Unit tests: test/cli/terminal.test.ts, test/io/json.test.ts.
 */
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildModel, node } from "../network/onnx/builder.ts";

const BIN = new URL("../../bin/pimsyn.js", import.meta.url).pathname;
const spec = (rel: string) => new URL(`../../specs/${rel}`, import.meta.url).pathname;
const CHAIN4 = spec("networks/chain4.json");
const SMALL = ["--xbar", "128", "--cell-bits", "1,2", "--dac-bits", "1", "--ratio", "0.3", "--candidates", "2", "--generations", "2", "--workers", "1"];

const dir = mkdtempSync(join(tmpdir(), "pimsyn-bad-"));
let n = 0;
function file(content: unknown, ext = "json"): string {
  const f = join(dir, `in${n++}.${ext}`);
  writeFileSync(f, typeof content === "string" || content instanceof Uint8Array ? content : JSON.stringify(content));
  return f;
}

/** Runs the CLI (asynchronously: the tests of this file run concurrently to keep its wall time short). */
function run(args: string[], out = mkdtempSync(join(tmpdir(), "pimsyn-bad-out-"))): Promise<{ status: number | null; stdout: string; stderr: string; written: string[] }> {
  const outArgs = args[0] === "synth" ? ["--out", join(out, "runs")] : [];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args, ...outArgs], { encoding: "utf8", timeout: 60_000 }, (_e, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout, stderr, written: existsSync(join(out, "runs")) ? readdirSync(join(out, "runs")) : [] }),
    );
  });
}

/** Exit 2, one line, no stack, nothing written (hidden partial directories included), no raw control characters. */
async function userError(args: string[], pattern: RegExp): Promise<string> {
  const r = await run(args);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(r.written).toEqual([]);
  return r.stderr;
}

describe.concurrent("terminal and file leaks (item 11)", () => {
  const ESC = "\u001b";
  const evilNames = [`c${ESC}]0;pwned\u0007`, `d${ESC}[2J\u009b31m\u202e`];

  it("names from a network file print escaped, never as control sequences", async () => {
    const net = file({ schemaVersion: 1, name: `net${ESC}]52;c;aGk=\u0007`, input: { name: "x", shape: [3, 8, 8] }, layers: evilNames.map((name) => ({ name, kind: "conv", outChannels: 4, kernel: [3, 3] })) });
    const r = await run(["models", net]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(r.stdout).toContain("c\\u001b]0;pwned\\u0007");
    const j = await run(["models", net, "--json"]);
    expect(j.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(JSON.parse(j.stdout).layers[1].name).toBe(evilNames[1]); // escaped, not altered
  });

  it("ONNX node names print escaped", async () => {
    const onnx = file(
      buildModel({
        inputs: [{ name: "x", dims: [1, 3, 8, 8] }, { name: "w", dims: [4, 3, 3, 3] }],
        nodes: [node("Conv", ["x", "w"], [`y${ESC}]8;;http://evil${ESC}\\`], {}, `conv${ESC}[31m`)],
        outputs: [`y${ESC}]8;;http://evil${ESC}\\`],
      }),
      "onnx",
    );
    const r = await run(["models", onnx]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(ESC);
  });

  it("file contents are never echoed: a passwd-like file as an override's base or as an arch", async () => {
    const passwd = file("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n", "txt");
    const ovr = file({ base: passwd, crossbar: [] });
    for (const args of [
      ["synth", CHAIN4, "--power", "5W", "--override", ovr],
      ["evaluate", passwd],
    ]) {
      const line = await userError(args, new RegExp(passwd));
      expect(line).not.toMatch(/root:x|daemon/);
    }
  });
});
