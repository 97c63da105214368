/** The built-in networks, by the name users type (`pimsyn models alexnet`). */
import type { NetworkSpec } from "../types.ts";
import { alexnet } from "./alexnet.ts";
import { mobilenetv2 } from "./mobilenet.ts";
import { msra1 } from "./msra.ts";
import { resnet } from "./resnet.ts";
import { vgg, vgg8 } from "./vgg.ts";
import { DEFAULT_PARAMS, transformer, TRANSFORMERS, type TransformerParams } from "./transformer.ts";
import { tinyyolov3, tinyyolov4 } from "./yolo.ts";

export interface ZooEntry {
  description: string;
  source: string;
  /** Transformers take a sequence length, batch and phase (defaults: DEFAULT_PARAMS); CNNs take none. */
  build: (params?: TransformerParams) => NetworkSpec;
  transformer: boolean;
}

function entry(build: () => NetworkSpec): ZooEntry {
  // Building is cheap (tens of layers), so description and source come from the spec itself.
  const spec = build();
  return { description: spec.description ?? spec.name, source: spec.source ?? "", build, transformer: false };
}

function transformerEntry(name: string): ZooEntry {
  const cfg = TRANSFORMERS[name];
  return { description: cfg.description, source: cfg.source, build: (p) => transformer(name, p ?? DEFAULT_PARAMS), transformer: true };
}

export const ZOO: Record<string, ZooEntry> = {
  alexnet: entry(alexnet),
  vgg8: entry(vgg8),
  vgg11: entry(() => vgg("vgg11")),
  vgg13: entry(() => vgg("vgg13")),
  vgg16: entry(() => vgg("vgg16")),
  vgg19: entry(() => vgg("vgg19")),
  resnet18: entry(() => resnet("resnet18")),
  resnet34: entry(() => resnet("resnet34")),
  resnet50: entry(() => resnet("resnet50")),
  mobilenetv2: entry(mobilenetv2),
  msra1: entry(msra1),
  tinyyolov3: entry(tinyyolov3),
  tinyyolov4: entry(tinyyolov4),
  ...Object.fromEntries(Object.keys(TRANSFORMERS).map((name) => [name, transformerEntry(name)])),
};

/** Zoo names in listing order. */
export function listZoo(): string[] {
  return Object.keys(ZOO);
}

export function isZooName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(ZOO, name);
}
