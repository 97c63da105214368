/** Transformer zoo entries: shapes and work against closed-form counts, decode with a KV cache, bad parameters. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/network/load.ts";
import { resolveNetwork } from "../../src/network/resolve.ts";
import { TRANSFORMERS } from "../../src/network/zoo/transformer.ts";
import { networkWorkload, requireCnn } from "../../src/network/workload.ts";
import { spec, userError, userErrorAsync } from "./helpers.ts";

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/pimsyn.js", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** MACs of one block from the model's dimensions (independent of the builder). */
function blockMacs(name: string, tokens: number, span: number, batch: number): number {
  const c = TRANSFORMERS[name];
  const ffnLinears = c.ffnKind === "swiglu" ? 3 : 2;
  const projections = 4 * c.dModel * c.dModel + ffnLinears * c.dModel * c.ffn;
  return batch * (tokens * projections + 2 * tokens * span * c.dModel);
}

describe("transformer zoo", () => {
  it.each(Object.keys(TRANSFORMERS))("%s prefill: MACs and weights match the closed form", async (name) => {
    const { network } = await loadNetwork(name, { transformer: { seq: 32, batch: 2 } });
    const c = TRANSFORMERS[name];
    expect(network.totals.macs).toBe(c.blocks * blockMacs(name, 32, 32, 2));
    const ffnLinears = c.ffnKind === "swiglu" ? 3 : 2;
    expect(network.totals.weights).toBe(c.blocks * (4 * c.dModel * c.dModel + ffnLinears * c.dModel * c.ffn));
    expect(network.inputShape).toEqual({ c: c.dModel, h: 32, w: 2 });
    expect(network.layers.at(-1)?.outShape).toEqual({ c: c.dModel, h: 32, w: 2 });
  });

  it("decode: one token per sequence attends to the KV cache plus itself", async () => {
    const { network } = await loadNetwork("opt-6.7b", { transformer: { seq: 100, batch: 4, phase: "decode" } });
    const qk = network.layers.find((l) => l.name === "b0.qk")!;
    expect(qk.outShape).toEqual({ c: 101, h: 1, w: 4 * 32 });
    expect(network.totals.macs).toBe(32 * blockMacs("opt-6.7b", 1, 101, 4));
    const w = networkWorkload(network).find((r) => r.name === "b0.qk")!;
    // QKᵀ streams Q (1 × 128 per head) and holds Kᵀ (101 × 128 per head) in the arrays.
    expect(w.inElems).toBe(4 * 32 * 128);
    expect(w.stationaryElems).toBe(4 * 32 * 101 * 128);
    expect(w.ai).toBeCloseTo(101, 9);
  });

  it("a linear's AI is its output width (MACs per streamed input element, CMSwitch Fig. 12)", async () => {
    const { network } = await loadNetwork("bert-base", { transformer: { seq: 16, batch: 1 } });
    const fc1 = networkWorkload(network).find((r) => r.name === "b0.fc1")!;
    expect(fc1.ai).toBe(3072);
    expect(fc1.cim).toBe(true);
    expect(networkWorkload(network).find((r) => r.name === "b0.softmax")!.cim).toBe(false);
  });

  it("rejects bad parameters with the option named", async () => {
    expect((await userErrorAsync(() => loadNetwork("opt-13b", { transformer: { seq: 4096 } }))).toLine()).toMatch(/^--seq: .*2048/);
    expect((await userErrorAsync(() => loadNetwork("opt-13b", { transformer: { batch: 0 } }))).toLine()).toMatch(/^--batch: /);
    expect((await userErrorAsync(() => loadNetwork("bert-base", { transformer: { phase: "decode" } }))).toLine()).toMatch(/^--phase: .*encoder/);
    expect((await userErrorAsync(() => loadNetwork("vgg16", { transformer: { seq: 8 } }))).toLine()).toMatch(/^--seq: .*CNN/);
  });

  it("matrix layers: shape errors point at the layer", () => {
    const bad = spec(
      [
        { name: "a", kind: "linear", outFeatures: 8 },
        { name: "b", kind: "linear", outFeatures: 6, inputs: ["x"] },
        { name: "mm", kind: "matmul", inputs: ["a", "b"], transposeB: true },
      ],
      [4, 5, 1],
    );
    expect(userError(() => resolveNetwork(bad)).toLine()).toMatch(/^\/layers\/2\/inputs: matmul needs equal columns of both inputs/);
    const heads = spec([{ name: "h", kind: "splitHeads", heads: 3 }], [8, 5, 1]);
    expect(userError(() => resolveNetwork(heads)).toLine()).toMatch(/^\/layers\/0\/heads: heads 3 does not divide the 8 columns/);
  });

  it("the CNN methods refuse a transformer with one line and exit 2", async () => {
    const { network } = await loadNetwork("gpt2-medium");
    expect(userError(() => requireCnn(network, "pimsyn synth")).message).toMatch(/matrix layers .* pimsyn dualmode/);
    const r = pimsyn("synth", "opt-6.7b", "--power", "50W", "--out", "/tmp/pimsyn-never-written");
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/opt-6\.7b has matrix layers/);
  });

  it("pimsyn models shows operators with OP, AI and volumes", () => {
    const r = pimsyn("models", "opt-6.7b", "--seq", "64", "--batch", "8");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/input 4096×64×8/);
    expect(r.stdout).toMatch(/\nb0\.fc1 +linear +16384×64×8 +34,359,738,368 +2,097,152 +67,108,864 +8,388,608 +16384\.0\n/);
    expect(r.stdout).toMatch(/\nb0\.softmax +softmax\* /);
  });
});
