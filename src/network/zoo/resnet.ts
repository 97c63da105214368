/**
 * ResNet-18/34/50 as torchvision defines them (ResNet v1.5: the stride of a bottleneck sits on its 3×3 conv),
 * 3×224×224. Batch norm is folded into the preceding conv (which then has a bias), so there are no affine
 * layers; the ReLU after a residual sum is fused into the add.
 */
import type { NetworkSpec } from "../types.ts";
import { NetBuilder } from "./builder.ts";

type Variant = "resnet18" | "resnet34" | "resnet50";
const BLOCKS: Record<Variant, { bottleneck: boolean; counts: [number, number, number, number] }> = {
  resnet18: { bottleneck: false, counts: [2, 2, 2, 2] },
  resnet34: { bottleneck: false, counts: [3, 4, 6, 3] },
  resnet50: { bottleneck: true, counts: [3, 4, 6, 3] },
};

const conv = { bias: true } as const; // folded batch norm

export function resnet(variant: Variant): NetworkSpec {
  const { bottleneck, counts } = BLOCKS[variant];
  const expansion = bottleneck ? 4 : 1;
  const b = new NetBuilder("x");
  b.conv("conv1", 64, 7, { ...conv, stride: 2, pad: 3, activation: "relu" });
  let x = b.pool("maxpool", "max", 3, { stride: 2, pad: 1 });
  let channels = 64;
  counts.forEach((count, stage) => {
    const planes = 64 << stage;
    for (let i = 0; i < count; i++) {
      const stride = stage > 0 && i === 0 ? 2 : 1;
      const p = `layer${stage + 1}.${i}`;
      const out = planes * expansion;
      if (bottleneck) {
        b.conv(`${p}.conv1`, planes, 1, { ...conv, inputs: [x], activation: "relu" });
        b.conv(`${p}.conv2`, planes, 3, { ...conv, stride, pad: 1, activation: "relu" });
        b.conv(`${p}.conv3`, out, 1, conv);
      } else {
        b.conv(`${p}.conv1`, planes, 3, { ...conv, inputs: [x], stride, pad: 1, activation: "relu" });
        b.conv(`${p}.conv2`, planes, 3, { ...conv, pad: 1 });
      }
      const main = b.current;
      const identity = stride !== 1 || channels !== out ? b.conv(`${p}.downsample`, out, 1, { ...conv, inputs: [x], stride }) : x;
      x = b.add({ name: `${p}.add`, kind: "add", inputs: [main, identity], activation: "relu" });
      channels = out;
    }
  });
  b.globalPool("avgpool", "avg");
  b.fc("fc", 1000, { bias: true });
  const depth = variant.slice("resnet".length);
  return b.build({
    name: variant,
    description: `ResNet-${depth} (torchvision, ${bottleneck ? "bottleneck" : "basic"} blocks, batch norm folded), ImageNet 3×224×224`,
    source: `torchvision.models.${variant} (He et al., CVPR 2016; v1.5 stride placement)`,
    inputShape: [3, 224, 224],
  });
}
