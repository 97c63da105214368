/**
 * MSRA-1: model A of He et al., "Delving Deep into Rectifiers" (ICCV 2015), Table 3: a 7×7/2 conv with 96
 * filters, 2×2/2 max pool, three stages of five 3×3 convs (256 at 56×56, 512 at 28×28, 512 at 14×14) with
 * 2×2/2 max pools between them, an SPP layer with bins {7, 3, 2, 1} (63 bins), and fc 4096, 4096, 1000.
 */
import type { NetworkSpec } from "../types.ts";
import { NetBuilder } from "./builder.ts";

export const MSRA_SPP_BINS = [7, 3, 2, 1];

export function msra1(): NetworkSpec {
  const b = new NetBuilder("x");
  b.conv("conv1", 96, 7, { stride: 2, pad: 3, bias: true, activation: "relu" });
  b.pool("pool1", "max", 2, { stride: 2 });
  const stages = [256, 512, 512];
  stages.forEach((width, s) => {
    for (let i = 1; i <= 5; i++) b.conv(`conv${s + 2}_${i}`, width, 3, { pad: 1, bias: true, activation: "relu" });
    if (s < stages.length - 1) b.pool(`pool${s + 2}`, "max", 2, { stride: 2 });
  });
  b.add({ name: "spp", kind: "spp", method: "max", bins: MSRA_SPP_BINS });
  b.fc("fc6", 4096, { bias: true, activation: "relu" });
  b.fc("fc7", 4096, { bias: true, activation: "relu" });
  b.fc("fc8", 1000, { bias: true });
  return b.build({
    name: "msra1",
    description:
      "MSRA model A (He et al. 2015: 16 convs, SPP {7,3,2,1}, 3 FCs), ImageNet 3×224×224; " +
      "the PIMSYN reference's msra_A.json pools 7×7, 2×3, 2×2, 1×1 instead (30720 vs 32256 fc6 inputs)",
    source: "He, Zhang, Ren, Sun, 'Delving Deep into Rectifiers', ICCV 2015, Table 3 model A (ReLU; PReLU changes no MACs)",
    inputShape: [3, 224, 224],
  });
}
