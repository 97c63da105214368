/** AlexNet as torchvision defines it (the 64-192-384-256-256 "one weird trick" variant), 3×224×224. */
import type { NetworkSpec } from "../types.ts";
import { NetBuilder } from "./builder.ts";

export function alexnet(): NetworkSpec {
  const b = new NetBuilder("x");
  b.conv("features.0", 64, 11, { stride: 4, pad: 2, bias: true, activation: "relu" });
  b.pool("features.2", "max", 3, { stride: 2 });
  b.conv("features.3", 192, 5, { pad: 2, bias: true, activation: "relu" });
  b.pool("features.5", "max", 3, { stride: 2 });
  b.conv("features.6", 384, 3, { pad: 1, bias: true, activation: "relu" });
  b.conv("features.8", 256, 3, { pad: 1, bias: true, activation: "relu" });
  b.conv("features.10", 256, 3, { pad: 1, bias: true, activation: "relu" });
  b.pool("features.12", "max", 3, { stride: 2 });
  // AdaptiveAvgPool2d((6, 6)) on a 6×6 map is the identity: a 1×1 stride-1 average pool, as the reference's
  // JSON has it. At other input sizes torchvision would still output 6×6; this IR keeps the map size instead.
  b.pool("avgpool", "avg", 1, { stride: 1 });
  b.fc("classifier.1", 4096, { bias: true, activation: "relu" });
  b.fc("classifier.4", 4096, { bias: true, activation: "relu" });
  b.fc("classifier.6", 1000, { bias: true });
  return b.build({
    name: "alexnet",
    description: "AlexNet (torchvision, 64-192-384-256-256 convs, 3 FCs), ImageNet 3×224×224",
    source: "torchvision.models.alexnet (Krizhevsky 2014, 'One weird trick'); dropout omitted (no work at inference)",
    inputShape: [3, 224, 224],
  });
}
