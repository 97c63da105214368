import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/pimsyn.js", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pimsyn models", () => {
  it("--json prints only the network summary with totals", () => {
    const r = pimsyn("models", "resnet18", "--json");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.name).toBe("resnet18");
    expect(s.totals.convMacs).toBe(1_813_561_344);
    expect(s.totals.fcMacs).toBe(512_000);
    expect(s.totals.macs).toBe(1_814_073_344);
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.layers.length).toBeGreaterThan(20);
    expect(s.layers[0]).toMatchObject({ name: "conv1", kind: "conv", outShape: { c: 64, h: 112, w: 112 } });
  });

  it("prints a human table with thousands separators and the totals", () => {
    const r = pimsyn("models", "specs/networks/tiny-dag.json", "--input-shape", "3x32x32");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tiny-dag {2}input 3×32×32/);
    expect(r.stdout).toMatch(/\nbranch +conv +16×32×32 +2,304 +2,359,296\n/);
    expect(r.stdout).toMatch(/\nconvMacs +2,960,384\n/);
    expect(r.stdout).toMatch(/\nfcMacs +120\n/);
    expect(r.stdout).toMatch(/\nmacs +2,960,504\n/);
  });

  it("without a model lists the zoo with MACs", () => {
    const r = pimsyn("models", "--json");
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; macs: number }[];
    expect(list.find((m) => m.name === "alexnet")!.macs).toBe(655_566_528 + 58_621_952);
    const human = pimsyn("models");
    expect(human.stdout).toMatch(/\nvgg16 +15,470,264,320 +VGG-16/);
  });

  it("a bad model name exits 2 with one line on stderr", () => {
    const r = pimsyn("models", "nosuchnet");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain('unknown model "nosuchnet"');
    expect(lines[0]).toContain("resnet18");
  });

  it("a bad --input-shape exits 2 naming the option", () => {
    const r = pimsyn("models", "vgg8", "--input-shape", "3x0x32");
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("--input-shape");
  });
});
