/**
 * Writes specs/examples/reference-{alexnet,resnet18}.arch.json from the PIMSYN reference code's shipped designs
 * (specs/reference/pimsyn-nn/output_*.json; AlexNet was produced in unified-macro mode, ResNet18 in specified
 * mode; pimsyn-method.md §12.6). `node --import ./tools/register-ts.js tools/convert-reference-designs.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadNetwork } from "../src/network/load.ts";
import { loadPreset } from "../src/hardware/preset.ts";
import { buildNetworkModel } from "../src/mapping/layer-model.ts";
import { designToArch } from "../src/methods/pimsyn/design.ts";
import { referenceDesign, type ReferenceOutput } from "../src/methods/pimsyn/reference-design.ts";

const root = new URL("../", import.meta.url);
const preset = loadPreset("pimsyn-date24");
for (const [net, mode] of [["alexnet", "unified"], ["resnet18", "specified"]] as const) {
  const { network } = await loadNetwork(new URL(`specs/reference/pimsyn-nn/models_JSON_${net}.json`, root).pathname);
  const ref = JSON.parse(readFileSync(new URL(`specs/reference/pimsyn-nn/output_${net}.json`, root), "utf8")) as ReferenceOutput;
  const design = referenceDesign(ref, network, preset, mode);
  const arch = designToArch(network, buildNetworkModel(network, design.point), design, preset, `reference-${net}`);
  arch.description = `The PIMSYN reference code's shipped ${net} design at 49 W (output/${net}.json, ${mode} macros), converted by tools/convert-reference-designs.ts.`;
  const out = new URL(`specs/examples/reference-${net}.arch.json`, root);
  writeFileSync(out, JSON.stringify(arch, null, 2) + "\n");
  console.log(`wrote ${out.pathname}`);
}
