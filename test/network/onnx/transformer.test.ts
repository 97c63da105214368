/** ONNX import of a transformer block (tools/export-onnx-transformer.py): MatMul, LayerNormalization, Softmax, Reshape/Transpose head split and merge. */
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../../src/network/load.ts";
import { loadDeha } from "../../../src/hardware/deha.ts";
import { compileNetwork } from "../../../src/methods/cmswitch/compile.ts";
import { simulateProgram } from "../../../src/schedule/dualmode-sim.ts";

const FIXTURE = "test/fixtures/onnx/transformer_block.onnx";
// The exported block: d_model 64, 4 heads, FFN 256 (ReLU), sequence 16, batch 2.
const [D, H, FFN, S, B] = [64, 4, 256, 16, 2];

describe("ONNX transformer block", () => {
  it("maps to linear, matmul, head split/merge, softmax and layer norm with the block's MACs", async () => {
    const { network, warnings } = await loadNetwork(FIXTURE);
    expect(warnings).toEqual([]);
    expect(network.inputShape).toEqual({ c: D, h: S, w: B });
    const kinds = network.layers.map((l) => l.kind);
    const count = (k: string) => kinds.filter((x) => x === k).length;
    expect([count("linear"), count("matmul"), count("splitHeads"), count("mergeHeads"), count("softmax"), count("layerNorm"), count("add")]).toEqual([6, 2, 3, 1, 1, 2, 2]);
    expect(network.totals.matrixMacs).toBe(B * (S * (4 * D * D + 2 * D * FFN) + 2 * S * S * D));
    expect(network.totals.weights).toBe(4 * D * D + 2 * D * FFN);
    const scores = network.layers.find((l) => l.kind === "matmul" && l.spec.kind === "matmul" && l.spec.transposeB)!;
    expect(scores.outShape).toEqual({ c: S, h: S, w: B * H });
    const fc1 = network.layers.find((l) => l.kind === "linear" && l.outShape.c === FFN)!;
    expect(fc1.spec).toMatchObject({ activation: "relu", bias: true });
    expect(network.layers.at(-1)!.outShape).toEqual({ c: D, h: S, w: B });
  });

  it("compiles in dual mode, the simulator agreeing within 5 %", async () => {
    const { network } = await loadNetwork(FIXTURE);
    const r = await compileNetwork(network, loadDeha("dynaplasia"));
    expect(r.metrics.speedup).toBeGreaterThanOrEqual(1);
    expect(Math.abs(simulateProgram(r.program, r.hw).totalCycles / r.metrics.latencyCycles - 1)).toBeLessThan(0.05);
  });
});
