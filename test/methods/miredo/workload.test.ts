/** Layers of the network IR as 7-D loop nests: conv, grouped/depthwise, FC, linear and activation matmul. */
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../../src/network/load.ts";
import { haloExtent, isMappable, loopNest, totalMacs } from "../../../src/methods/miredo/workload.ts";

describe("loop nests", () => {
  it("every mappable layer's nest has the layer's MACs (ResNet-18, MobileNetV2, BERT-base)", async () => {
    for (const model of ["resnet18", "mobilenetv2", "bert-base"]) {
      const { network } = await loadNetwork(model);
      const layers = network.layers.filter(isMappable);
      expect(layers.length).toBeGreaterThan(0);
      for (const l of layers) expect(totalMacs(loopNest(l)), `${model} ${l.name}`).toBe(l.macs);
    }
  });

  it("depthwise convs put the channels on G; matmuls stack their products on G", async () => {
    const { network } = await loadNetwork("mobilenetv2");
    const dw = network.layers.find((l) => l.kind === "conv" && (l.spec as { groups?: number }).groups === l.inShapes[0].c && l.inShapes[0].c > 1)!;
    const n = loopNest(dw);
    expect(n.bounds.G).toBe(dw.inShapes[0].c);
    expect(n.bounds.C).toBe(1);
    const bert = (await loadNetwork("bert-base")).network;
    const qk = bert.layers.find((l) => l.kind === "matmul")!;
    const m = loopNest(qk);
    expect(m.bounds.G).toBe(qk.inShapes[0].w);
    expect([m.bounds.R, m.bounds.S, m.bounds.Q]).toEqual([1, 1, 1]);
  });

  it("the halo rule matches the reference's h = min(r + (p − 1)·min(stride, r), H) without dilation", () => {
    for (let r = 1; r <= 7; r++)
      for (let p = 1; p <= 9; p++)
        for (let s = 1; s <= 4; s++) expect(haloExtent(r, p, s, 1, 1000)).toBe(Math.min(r + (p - 1) * Math.min(s, r), 1000));
    expect(haloExtent(3, 4, 1, 2, 100)).toBe(3 + 2 * 2 + 1); // dilation 2: (p − 1)·1 + (3 − 1)·2 + 1
  });
});
