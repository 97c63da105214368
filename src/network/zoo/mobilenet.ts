/**
 * MobileNetV2 (width 1.0) as torchvision defines it, 3×224×224: inverted residual blocks (1×1 expansion with
 * ReLU6, 3×3 depthwise with ReLU6, linear 1×1 projection, a residual sum when stride is 1 and widths match),
 * final 1×1 conv to 1280, global average pool and Linear(1280, 1000). Batch norm folded into the convs.
 */
import type { NetworkSpec } from "../types.ts";
import { NetBuilder } from "./builder.ts";

/** torchvision's inverted_residual_setting: expansion t, output channels c, repeats n, first stride s. */
const SETTING: [number, number, number, number][] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

export function mobilenetv2(): NetworkSpec {
  const b = new NetBuilder("x");
  let x = b.conv("features.0", 32, 3, { stride: 2, pad: 1, bias: true, activation: "relu6" });
  let channels = 32;
  let block = 1;
  for (const [t, c, n, s] of SETTING) {
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? s : 1;
      const hidden = channels * t;
      const p = `features.${block}`;
      if (t !== 1) b.conv(`${p}.expand`, hidden, 1, { bias: true, activation: "relu6", inputs: [x] });
      b.conv(`${p}.dw`, hidden, 3, { stride, pad: 1, groups: hidden, bias: true, activation: "relu6", ...(t === 1 ? { inputs: [x] } : {}) });
      const projected = b.conv(`${p}.project`, c, 1, { bias: true });
      x = stride === 1 && channels === c ? b.add({ name: `${p}.add`, kind: "add", inputs: [x, projected] }) : projected;
      channels = c;
      block += 1;
    }
  }
  b.conv(`features.${block}`, 1280, 1, { bias: true, activation: "relu6", inputs: [x] });
  b.globalPool("avgpool", "avg");
  b.fc("classifier.1", 1000, { bias: true });
  return b.build({
    name: "mobilenetv2",
    description: "MobileNetV2 1.0 (torchvision, depthwise convs, inverted residuals, ReLU6, batch norm folded), ImageNet 3×224×224",
    source: "torchvision.models.mobilenet_v2 (Sandler et al., CVPR 2018); dropout omitted",
    inputShape: [3, 224, 224],
  });
}
