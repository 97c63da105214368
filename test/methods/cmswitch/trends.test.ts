/**
 * CMSwitch's trends (issue 14 item 10; reference §2.10) on our model, DynaPlasia-like chip. Transformers use
 * their first 2 blocks at batch 8 (blocks repeat; the per-block plan is what the full model repeats), CNNs the
 * whole network. Where our model differs from the paper, the test asserts what our model does, not the
 * paper's direction, and docs/dualmode.md ("The paper's trends on our model") says why.
 */
import { describe, expect, it } from "vitest";
import { loadDeha } from "../../../src/hardware/deha.ts";
import { compileNetwork, type DualModeResult } from "../../../src/methods/cmswitch/compile.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import type { Phase } from "../../../src/network/zoo/transformer.ts";

async function run(model: string, seq?: number, batch = 8, phase: Phase = "prefill", hw = "dynaplasia"): Promise<DualModeResult> {
  const { network } = await loadNetwork(model, seq ? { transformer: { seq, batch, phase, blocks: 2 } } : {});
  return compileNetwork(network, loadDeha(hw));
}

const all: { label: string; r: DualModeResult }[] = [];
const show = (label: string, r: DualModeResult) =>
  console.log(`${label}: speedup ${r.metrics.speedup.toFixed(3)}, memory ratio ${(100 * r.metrics.memoryRatio).toFixed(2)} %, reload ${(100 * r.metrics.reloadShare).toFixed(0)} %`);

/** Memory-mode arrays of our plan, summed over segments, on operators of the given kinds. */
function memoryOn(r: DualModeResult, kinds: string[]): number {
  let n = 0;
  for (const s of r.ours.plan.segments) {
    s.allocation.memory.forEach((m, i) => {
      if (kinds.includes(r.ours.operators.ops[s.start + i].kind)) n += m;
    });
  }
  return n;
}

describe("the paper's trends on our model", () => {
  it("CNN speedups lie between 1.0 and 1.6, VGG16's the largest of the three (its FC weights make it feed-bound)", { timeout: 240_000 }, async () => {
    const speedups: Record<string, number> = {};
    for (const model of ["resnet18", "vgg16", "mobilenetv2"]) {
      const r = await run(model);
      all.push({ label: model, r });
      show(model, r);
      speedups[model] = r.metrics.speedup;
      expect(r.metrics.speedup).toBeGreaterThanOrEqual(1);
      expect(r.metrics.speedup).toBeLessThanOrEqual(1.6);
    }
    expect(speedups.vgg16).toBeGreaterThan(speedups.resnet18);
    expect(speedups.vgg16).toBeGreaterThan(speedups.mobilenetv2);
  });

  it("BERT-large: the gain and the memory ratio fall from seq 32 to 128 (projections turn compute-bound as AI grows)", { timeout: 240_000 }, async () => {
    const points = [];
    for (const seq of [32, 128, 512]) {
      const r = await run("bert-large", seq);
      all.push({ label: `bert-large ${seq}`, r });
      show(`bert-large ${seq}`, r);
      points.push(r);
    }
    const [s32, s128, s512] = points;
    expect(s128.metrics.speedup).toBeLessThan(s32.metrics.speedup);
    expect(s128.metrics.memoryRatio).toBeLessThan(s32.metrics.memoryRatio);
    expect(s512.metrics.memoryRatio).toBeLessThan(s32.metrics.memoryRatio);
    // Differs from the paper (speedup 1.0, memory ratio 0 at seq ≥ 512): on our model the projections need few
    // memory arrays at 512, but the attention products (AI capped near the head dimension, whatever the
    // sequence length) stay feed-bound and keep a gain. Asserted as our model's behaviour, not as the paper's.
    expect(memoryOn(s512, ["matmul"])).toBeGreaterThan(memoryOn(s512, ["linear"]));
    expect(s512.metrics.speedup).toBeGreaterThan(1.05);
  });

  it("OPT-6.7B at batch 8: the memory-mode ratio at seq 256 and 2048 is below that at 32", { timeout: 240_000 }, async () => {
    const ratios: number[] = [];
    for (const seq of [32, 256, 2048]) {
      const r = await run("opt-6.7b", seq);
      all.push({ label: `opt-6.7b ${seq}`, r });
      show(`opt-6.7b ${seq}`, r);
      ratios.push(r.metrics.memoryRatio);
    }
    expect(ratios[1]).toBeLessThan(ratios[0]);
    expect(ratios[2]).toBeLessThan(ratios[0]);
  });

  it("decoder LLMs and BERT-large at seq 64, batch 8 gain alike on our model (the paper's OPT lead is not claimed)", { timeout: 240_000 }, async () => {
    const bert = await run("bert-large", 64);
    all.push({ label: "bert-large 64", r: bert });
    show("bert-large 64", bert);
    for (const model of ["opt-6.7b", "opt-13b"]) {
      const r = await run(model, 64);
      all.push({ label: `${model} 64`, r });
      show(`${model} 64`, r);
      // Chip-sized tiles of any d_model over the same 512 tokens have nearly the same AI, so the gains agree
      // within a few per cent; the paper's OPT-13B (1.73×) gains far more than BERT-large (1.17×).
      expect(Math.abs(r.metrics.speedup - bert.metrics.speedup)).toBeLessThan(0.05);
    }
  });

  it("decode steps and the PRIME-like chip compile too", { timeout: 240_000 }, async () => {
    all.push({ label: "llama2-7b decode 512", r: await run("llama2-7b", 512, 1, "decode") });
    all.push({ label: "opt-13b decode 128 batch 8", r: await run("opt-13b", 128, 8, "decode") });
    all.push({ label: "bert-large 128 prime-reram", r: await run("bert-large", 128, 8, "prefill", "prime-reram") });
    for (const { label, r } of all.slice(-3)) show(label, r);
  });

  it("speedup ≥ 1.0 and switch overhead ≤ 10 % of the run time in every case above", () => {
    expect(all.length).toBeGreaterThanOrEqual(14);
    for (const { label, r } of all) {
      expect(r.metrics.speedup, label).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(r.metrics.switchShare, label).toBeLessThanOrEqual(0.1);
    }
  });
});
