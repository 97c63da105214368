import { describe, expect, it } from "vitest";
import { resolveNetwork } from "../../src/network/resolve.ts";
import type { Network } from "../../src/network/types.ts";
import { listZoo, ZOO } from "../../src/network/zoo/zoo.ts";

const net = (name: string): Network => resolveNetwork(ZOO[name].build());

describe("zoo", () => {
  it("lists the models the brief asks for", () => {
    expect(listZoo().sort()).toEqual(
      [
        "alexnet", "mobilenetv2", "msra1", "resnet18", "resnet34", "resnet50", "tinyyolov3", "tinyyolov4", "vgg11", "vgg13", "vgg16", "vgg19", "vgg8",
        "bert-base", "bert-large", "gpt2-medium", "opt-6.7b", "opt-13b", "llama2-7b",
      ].sort(),
    );
  });

  it.each(listZoo())("%s resolves with positive shapes and a description and source", (name) => {
    const n = net(name);
    expect(n.name).toBe(name);
    expect(ZOO[name].description.length).toBeGreaterThan(10);
    expect(ZOO[name].source.length).toBeGreaterThan(10);
    for (const l of n.layers) {
      for (const d of [l.outShape.c, l.outShape.h, l.outShape.w]) expect(Number.isInteger(d) && d > 0).toBe(true);
    }
    expect(n.totals.macs).toBe(n.totals.convMacs + n.totals.fcMacs + n.totals.matrixMacs);
    expect(n.totals.matrixMacs > 0).toBe(ZOO[name].transformer);
    expect(n.totals.ops).toBe(2 * n.totals.macs);
    expect(n.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  // Pinned figures from the brief (torchvision models at 3×224×224).
  it.each([
    ["alexnet", 655_566_528, 58_621_952],
    ["vgg16", 15_346_630_656, 123_633_664],
    ["resnet18", 1_813_561_344, 512_000],
    ["resnet50", 4_087_136_256, 2_048_000],
  ])("%s has the pinned conv/fc MACs", (name, conv, fc) => {
    const n = net(name as string);
    expect(n.totals.convMacs).toBe(conv);
    expect(n.totals.fcMacs).toBe(fc);
  });

  it("ImageNet classifiers end in 1000 classes, vgg8 in 10", () => {
    for (const name of ["alexnet", "vgg11", "vgg13", "vgg16", "vgg19", "resnet18", "resnet34", "resnet50", "mobilenetv2", "msra1"]) {
      expect(net(name).layers.at(-1)!.outShape).toEqual({ c: 1000, h: 1, w: 1 });
    }
    expect(net("vgg8").layers.at(-1)!.outShape).toEqual({ c: 10, h: 1, w: 1 });
  });

  /**
   * torchvision's published parameter counts include biases and batch-norm parameters; the IR counts only
   * weights. AlexNet and VGG have a bias per conv/fc output channel. The ResNets and MobileNetV2 have
   * bias-free convs each followed by a BatchNorm2d with two parameters per channel (weight and bias; running
   * mean/var are buffers, not parameters), plus the classifier's bias. So
   *   torchvision = IR weights + Σ biases                       (AlexNet, VGG)
   *   torchvision = IR weights + 2 · Σ conv out channels + 1000  (ResNet, MobileNetV2)
   */
  it.each([
    ["alexnet", 61_100_840, "bias"],
    ["vgg11", 132_863_336, "bias"],
    ["vgg13", 133_047_848, "bias"],
    ["vgg16", 138_357_544, "bias"],
    ["vgg19", 143_667_240, "bias"],
    ["resnet18", 11_689_512, "bn"],
    ["resnet34", 21_797_672, "bn"],
    ["resnet50", 25_557_032, "bn"],
    ["mobilenetv2", 3_504_872, "bn"],
  ])("%s weights equal torchvision's %d parameters minus biases/BN", (name, torchvision, extra) => {
    const n = net(name as string);
    const convChannels = n.layers.filter((l) => l.kind === "conv").reduce((s, l) => s + l.outShape.c, 0);
    const fcChannels = n.layers.filter((l) => l.kind === "fc").reduce((s, l) => s + l.outShape.c, 0);
    const notInIr = extra === "bias" ? convChannels + fcChannels : 2 * convChannels + fcChannels;
    expect(n.totals.weights + notInIr).toBe(torchvision);
  });

  it("mobilenetv2 uses depthwise convs (groups = input channels) and ≈300.8 M MACs", () => {
    const n = net("mobilenetv2");
    const dw = n.layers.filter((l) => l.matrix && l.matrix.groups > 1);
    expect(dw.length).toBe(17);
    for (const l of dw) {
      expect(l.matrix!.groups).toBe(l.inShapes[0].c);
      expect(l.matrix!.rows).toBe(9);
      expect(l.matrix!.cols).toBe(1);
    }
    expect(n.totals.macs / 1e6).toBeCloseTo(300.8, 1);
    expect(n.layers.filter((l) => l.kind === "add").length).toBe(10);
  });

  it("resnets have 3 / 4 downsample convs and one add per block", () => {
    expect(net("resnet18").layers.filter((l) => l.name.endsWith("downsample")).length).toBe(3);
    expect(net("resnet50").layers.filter((l) => l.name.endsWith("downsample")).length).toBe(4);
    expect(net("resnet34").layers.filter((l) => l.kind === "add").length).toBe(16);
    expect(net("resnet50").layers.filter((l) => l.kind === "affine").length).toBe(0);
  });

  it("msra1 pools 14×14 maps with SPP bins {7,3,2,1} into 512·63 features", () => {
    const n = net("msra1");
    const spp = n.layers.find((l) => l.kind === "spp")!;
    expect(spp.inShapes[0]).toEqual({ c: 512, h: 14, w: 14 });
    expect(spp.outShape.c).toBe(512 * (49 + 9 + 4 + 1));
    expect(n.layers.filter((l) => l.kind === "conv").length).toBe(16);
    expect(n.layers.filter((l) => l.kind === "fc").length).toBe(3);
  });

  it("vgg8 is the NeuroSim CIFAR-10 network: 6 convs, classifier from 512·4·4 = 8192", () => {
    const n = net("vgg8");
    expect(n.inputShape).toEqual({ c: 3, h: 32, w: 32 });
    expect(n.layers.filter((l) => l.kind === "conv").map((l) => l.outShape.c)).toEqual([128, 128, 256, 256, 512, 512]);
    const fc = n.layers.filter((l) => l.kind === "fc");
    expect(fc.map((l) => l.matrix)).toEqual([
      { rows: 8192, cols: 1024, groups: 1 },
      { rows: 1024, cols: 10, groups: 1 },
    ]);
  });

  // Darknet prints BFLOPs = 2 · conv MACs / 1e9 (plus a little for maxpools): 5.571 and 6.910 at 416×416.
  it.each([
    ["tinyyolov3", 5.571],
    ["tinyyolov4", 6.91],
  ])("%s conv BFLOPs are within 1%% of darknet's %d", (name, bflops) => {
    const n = net(name as string);
    expect(Math.abs((2 * n.totals.convMacs) / 1e9 / bflops - 1)).toBeLessThan(0.01);
    const heads = n.layers.filter((l) => l.kind === "conv" && l.outShape.c === 255);
    expect(heads.map((l) => [l.outShape.h, (l.spec as { activation?: string }).activation])).toEqual([
      [13, undefined],
      [26, undefined],
    ]);
  });

  it("tinyyolov3's stride-1 maxpool keeps 13×13 and the route concatenates 128 + 256 channels", () => {
    const n = net("tinyyolov3");
    const l11 = n.layers.find((l) => l.name === "l11")!;
    expect([l11.inShapes[0].h, l11.outShape.h]).toEqual([13, 13]);
    expect(n.layers.find((l) => l.name === "l20")!.outShape).toEqual({ c: 384, h: 26, w: 26 });
  });

  it("tinyyolov4's group route is a slice of the second half", () => {
    const n = net("tinyyolov4");
    const l3 = n.layers.find((l) => l.name === "l3")!;
    expect(l3.spec).toMatchObject({ kind: "slice", channelStart: 32, channelEnd: 64 });
    expect(l3.outShape).toEqual({ c: 32, h: 104, w: 104 });
    expect(n.layers.find((l) => l.name === "l34")!.outShape).toEqual({ c: 384, h: 26, w: 26 });
  });
});
