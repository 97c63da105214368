/**
 * What each layer asks of a machine, in elements (no hardware here: bytes per element are the hardware's):
 * multiply-accumulates, the streamed input, the stationary operand (weights, or B of an activation matmul)
 * and the output, and the arithmetic intensity AI = MACs per streamed input element (CMSwitch's Fig. 12: an
 * M×N input times an N×K matrix has AI = K).
 */
import { UserError } from "../errors.ts";
import { MATRIX_KINDS, type Layer, type LayerKind, type Network, type Shape } from "./types.ts";

const volume = (s: Shape): number => s.c * s.h * s.w;

/** Layers a CIM array computes (matrix products); everything else runs on the digital units. */
const CIM_KINDS: ReadonlySet<LayerKind> = new Set(["conv", "fc", "linear", "matmul"]);

export interface LayerWorkload {
  name: string;
  kind: LayerKind;
  cim: boolean;
  macs: number;
  inElems: number;
  stationaryElems: number;
  outElems: number;
  /** MACs per streamed input element; 0 for non-CIM layers. */
  ai: number;
}

export function layerWorkload(layer: Layer): LayerWorkload {
  const cim = CIM_KINDS.has(layer.kind);
  const outElems = volume(layer.outShape);
  // An activation matmul streams A and holds B in the arrays; other layers stream every input.
  const stationaryElems = layer.kind === "matmul" ? volume(layer.inShapes[1]) : layer.weights;
  const streamed = layer.kind === "matmul" ? [layer.inShapes[0]] : layer.inShapes;
  const inElems = streamed.reduce((sum, s) => sum + volume(s), 0);
  return { name: layer.name, kind: layer.kind, cim, macs: layer.macs, inElems, stationaryElems, outElems, ai: cim && inElems > 0 ? layer.macs / inElems : 0 };
}

export function networkWorkload(network: Network): LayerWorkload[] {
  return network.layers.map(layerWorkload);
}

export function hasMatrixLayers(network: Network): boolean {
  return network.layers.some((l) => MATRIX_KINDS.has(l.kind));
}

/** The CNN methods (synth, evaluate, schedule) map conv/fc layers only: a transformer is the user's error. */
export function requireCnn(network: Network, command: string): void {
  const kinds = [...new Set(network.layers.filter((l) => MATRIX_KINDS.has(l.kind)).map((l) => l.kind))];
  if (kinds.length === 0) return;
  throw new UserError(
    `${network.name} has matrix layers (${kinds.join(", ")}); ${command} maps CNNs only — compile transformers with pimsyn dualmode`,
  );
}
