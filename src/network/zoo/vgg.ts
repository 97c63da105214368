/**
 * VGG 11/13/16/19 as torchvision defines them (configurations A, B, D, E of Simonyan & Zisserman 2015, no batch
 * norm), 3×224×224; and the CIFAR-10 VGG-8 of DNN+NeuroSim.
 */
import type { NetworkSpec } from "../types.ts";
import { NetBuilder } from "./builder.ts";

/** Conv widths per stage; every stage ends with a 2×2 stride-2 max pool. */
const STAGES: Record<"vgg11" | "vgg13" | "vgg16" | "vgg19", number[][]> = {
  vgg11: [[64], [128], [256, 256], [512, 512], [512, 512]],
  vgg13: [[64, 64], [128, 128], [256, 256], [512, 512], [512, 512]],
  vgg16: [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]],
  vgg19: [[64, 64], [128, 128], [256, 256, 256, 256], [512, 512, 512, 512], [512, 512, 512, 512]],
};

const CONFIG_LETTER = { vgg11: "A", vgg13: "B", vgg16: "D", vgg19: "E" } as const;

export function vgg(variant: keyof typeof STAGES): NetworkSpec {
  const b = new NetBuilder("x");
  let index = 0; // torchvision's index inside `features` (conv, relu, ..., maxpool)
  for (const stage of STAGES[variant]) {
    for (const width of stage) {
      b.conv(`features.${index}`, width, 3, { pad: 1, bias: true, activation: "relu" });
      index += 2;
    }
    b.pool(`features.${index}`, "max", 2, { stride: 2 });
    index += 1;
  }
  // AdaptiveAvgPool2d((7, 7)) on the 7×7 map of a 224×224 input is the identity: kept as a 1×1 stride-1
  // average pool so the layer list matches torchvision's modules (and the reference's vgg13 JSON).
  b.pool("avgpool", "avg", 1, { stride: 1 });
  b.fc("classifier.0", 4096, { bias: true, activation: "relu" });
  b.fc("classifier.3", 4096, { bias: true, activation: "relu" });
  b.fc("classifier.6", 1000, { bias: true });
  const convs = STAGES[variant].flat().length;
  return b.build({
    name: variant,
    description: `VGG-${convs + 3} (torchvision, configuration ${CONFIG_LETTER[variant]}, no batch norm), ImageNet 3×224×224`,
    source: `torchvision.models.${variant} (Simonyan & Zisserman, ICLR 2015); dropout omitted (no work at inference)`,
    inputShape: [3, 224, 224],
  });
}

/**
 * VGG-8 for CIFAR-10 from DNN+NeuroSim V1.3 (Inference_pytorch/models/VGG.py, cfg 'vgg8'): 3×3 'same' convs
 * 128, 128, pool, 256, 256, pool, 512, 512, pool, then Linear(8192, 1024) and Linear(1024, 10).
 */
export function vgg8(): NetworkSpec {
  const b = new NetBuilder("x");
  const widths = [[128, 128], [256, 256], [512, 512]];
  let conv = 0;
  widths.forEach((stage, s) => {
    for (const w of stage) b.conv(`conv${++conv}`, w, 3, { pad: 1, activation: "relu" });
    b.pool(`pool${s + 1}`, "max", 2, { stride: 2 });
  });
  b.fc("fc1", 1024, { activation: "relu" });
  b.fc("fc2", 10);
  return b.build({
    name: "vgg8",
    description: "VGG-8 for CIFAR-10 (6 convs, 2 FCs), 3×32×32, as in DNN+NeuroSim",
    source: "neurosim/DNN_NeuroSim_V1.3 Inference_pytorch/models/VGG.py (cfg 'vgg8', classifier 8192→1024→10)",
    inputShape: [3, 32, 32],
  });
}
