/** `pimsyn import` end to end (spawns the CLI as a user would). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel, node } from "./builder.ts";

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/pimsyn.js", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = (name: string) => `test/fixtures/onnx/${name}.onnx`;

describe("pimsyn import", () => {
  it("--json prints the same summary as `pimsyn models <file> --json`", () => {
    const r = pimsyn("import", fixture("alexnet"), "--json");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.totals).toMatchObject({ convMacs: 655_566_528, fcMacs: 58_621_952 });
    expect(summary).toEqual(JSON.parse(pimsyn("models", fixture("alexnet"), "--json").stdout));
  });

  it("--out writes a network JSON that pimsyn loads back with the same totals", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-import-"));
    const out = join(dir, "net.json");
    const r = pimsyn("import", fixture("resnet18"), "--out", out, "--name", "my-resnet");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*net\.json\nmy-resnet: input 3×224×224, 31 layers \(20 conv, 2 pool, 8 add, 1 fc\)\n/);
    expect(readdirSync(dir)).toEqual(["net.json"]); // the temporary file was renamed, not left behind
    expect(JSON.parse(readFileSync(out, "utf8")).name).toBe("my-resnet");
    const back = JSON.parse(pimsyn("models", out, "--json").stdout);
    expect(back.totals).toMatchObject({ convMacs: 1_813_561_344, fcMacs: 512_000 });
  });

  it("without --out prints a short summary with totals", () => {
    const r = pimsyn("import", fixture("vgg16"));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "vgg16: input 3×224×224, 23 layers (13 conv, 6 pool, 1 flatten, 3 fc)\n" +
        "convMacs 15,346,630,656  fcMacs 123,633,664  macs 15,470,264,320  weights 138,344,128\n",
    );
  });

  it("a non-ONNX file exits 2 with one line on stderr", () => {
    const r = pimsyn("import", "package.json");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: package\.json: not a valid ONNX model/);
  });

  it("a dynamic input needs --input-shape, then imports", () => {
    const bad = pimsyn("import", fixture("shufflenet_v2_x0_5_dynamic"));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split("\n")).toEqual([
      "error: test/fixtures/onnx/shufflenet_v2_x0_5_dynamic.onnx: --input-shape: input 'input' has dynamic shape [N,3,H,W]; pass --input-shape CxHxW",
    ]);
    const ok = pimsyn("import", fixture("shufflenet_v2_x0_5_dynamic"), "--input-shape", "3x128x128", "--json");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).inputShape).toEqual({ c: 3, h: 128, w: 128 });
  });

  it("warnings go to stderr and leave --json output parseable", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-import-"));
    const file = join(dir, "batch.onnx");
    writeFileSync(file, buildModel({ inputs: [{ name: "x", dims: [4, 3, 8, 8] }, { name: "w", dims: [2, 3, 1, 1] }], nodes: [node("Conv", ["x", "w"], ["y"])], outputs: ["y"] }));
    const r = pimsyn("import", file, "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("warning: input 'x' has batch 4; pimsyn maps one image (batch 1)\n");
    expect(JSON.parse(r.stdout).layers).toHaveLength(1);
  });
});
