/**
 * Writes test/fixtures/networks/mnasnet1_0.json: torchvision's `mnasnet1_0` (width 1.0) in pimsyn's network JSON,
 * written by hand from torchvision/models/mnasnet.py (depths 32-16-24-40-80-96-192-320, five-argument stacks,
 * ReLU, batch norm folded into the convs, x.mean([2, 3]) before the classifier; dropout omitted). No ONNX exporter
 * is on the machine (no torchvision), so this fixture stands in for the torchvision graph.
 *   node --import ./tools/register-ts.js tools/gen-mnasnet.ts   (weights: 4,344,392 + 1,000 fc bias + 2 × 18,960 batch-norm
 *   parameters = torchvision's 4,383,312)
 */
import { writeFileSync } from "node:fs";

type Layer = Record<string, unknown>;
const layers: Layer[] = [];
let prev = "input";
let ch = 3;
const conv = (name: string, out: number, k: number, s: number, groups: number, act: boolean): string => {
  const p = Math.floor(k / 2);
  layers.push({ name, inputs: [prev], kind: "conv", outChannels: out, kernel: [k, k], stride: [s, s], pad: [p, p, p, p], groups, bias: true, ...(act ? { activation: "relu" } : {}) });
  prev = name;
  ch = out;
  return name;
};
conv("stem", 32, 3, 2, 1, true);
conv("sep.dw", 32, 3, 1, 32, true);
conv("sep.pw", 16, 1, 1, 1, false);
const stacks: [number, number, number, number, number][] = [
  // out, kernel, stride, expansion, repeats (torchvision's _stack calls)
  [24, 3, 2, 3, 3], [40, 5, 2, 3, 3], [80, 5, 2, 6, 3], [96, 3, 1, 6, 2], [192, 5, 2, 6, 4], [320, 3, 1, 6, 1],
];
stacks.forEach(([out, k, s, e, n], si) => {
  for (let r = 0; r < n; r++) {
    const input = prev, inCh = ch, stride = r === 0 ? s : 1, tag = `stack${si + 1}.${r}`;
    conv(`${tag}.expand`, inCh * e, 1, 1, 1, true);
    conv(`${tag}.dw`, inCh * e, k, stride, inCh * e, true);
    conv(`${tag}.project`, out, 1, 1, 1, false);
    if (inCh === out && stride === 1) {
      layers.push({ name: `${tag}.add`, inputs: [prev, input], kind: "add" });
      prev = `${tag}.add`;
    }
  }
});
conv("head", 1280, 1, 1, 1, true);
layers.push({ name: "mean", inputs: [prev], kind: "reduceMean" });
layers.push({ name: "classifier", inputs: ["mean"], kind: "fc", outFeatures: 1000, bias: true });
const spec = {
  schemaVersion: 1,
  name: "mnasnet1_0",
  description: "torchvision mnasnet1_0 (MNASNet-B1, width 1.0), batch norm folded",
  source: "torchvision/models/mnasnet.py (MNASNet, _stack, _InvertedResidual, _get_depths(1.0))",
  input: { name: "input", shape: [3, 224, 224] },
  layers,
};
writeFileSync(new URL("../test/fixtures/networks/mnasnet1_0.json", import.meta.url), JSON.stringify(spec, null, 1) + "\n");
