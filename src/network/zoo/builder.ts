/**
 * A small helper the zoo families use to write NetworkSpecs the way the source code reads: each call appends
 * one layer fed by the previous one unless `inputs` says otherwise, and returns the new layer's name.
 */
import { NETWORK_SCHEMA_VERSION, type ActivationFn, type LayerSpec, type NetworkSpec } from "../types.ts";

type Pair = [number, number];
type Pads = [number, number, number, number];

export interface ConvOptions {
  stride?: number;
  /** Symmetric padding on all four sides. */
  pad?: number;
  /** Explicit [top, left, bottom, right] padding (overrides `pad`). */
  pads?: Pads;
  groups?: number;
  bias?: boolean;
  activation?: ActivationFn;
  inputs?: string[];
}

export interface PoolOptions {
  stride?: number;
  pad?: number;
  pads?: Pads;
  ceilMode?: boolean;
  inputs?: string[];
}

const square = (n: number): Pair => [n, n];
const pads = (o: { pad?: number; pads?: Pads }): Pads | undefined =>
  o.pads ?? (o.pad ? [o.pad, o.pad, o.pad, o.pad] : undefined);

export class NetBuilder {
  readonly layers: LayerSpec[] = [];
  private last: string;

  constructor(readonly inputName = "input") {
    this.last = inputName;
  }

  /** Name of the most recent layer (or the network input before any layer). */
  get current(): string {
    return this.last;
  }

  add<L extends LayerSpec>(layer: L): string {
    this.layers.push(layer);
    this.last = layer.name;
    return layer.name;
  }

  conv(name: string, outChannels: number, kernel: number, o: ConvOptions = {}): string {
    const layer: LayerSpec = { name, kind: "conv", outChannels, kernel: square(kernel) };
    if (o.inputs) layer.inputs = o.inputs;
    if (o.stride && o.stride !== 1) layer.stride = square(o.stride);
    const p = pads(o);
    if (p) layer.pad = p;
    if (o.groups && o.groups !== 1) layer.groups = o.groups;
    if (o.bias !== undefined) layer.bias = o.bias;
    if (o.activation) layer.activation = o.activation;
    return this.add(layer);
  }

  fc(name: string, outFeatures: number, o: { activation?: ActivationFn; bias?: boolean; inputs?: string[] } = {}): string {
    const layer: LayerSpec = { name, kind: "fc", outFeatures };
    if (o.inputs) layer.inputs = o.inputs;
    if (o.bias !== undefined) layer.bias = o.bias;
    if (o.activation) layer.activation = o.activation;
    return this.add(layer);
  }

  pool(name: string, method: "max" | "avg", kernel: number, o: PoolOptions = {}): string {
    const layer: LayerSpec = { name, kind: "pool", method, kernel: square(kernel), stride: square(o.stride ?? kernel) };
    if (o.inputs) layer.inputs = o.inputs;
    const p = pads(o);
    if (p) layer.pad = p;
    if (o.ceilMode) layer.ceilMode = true;
    return this.add(layer);
  }

  globalPool(name: string, method: "max" | "avg"): string {
    return this.add({ name, kind: "pool", method, global: true });
  }

  build(meta: { name: string; description: string; source: string; inputShape: [number, number, number] }): NetworkSpec {
    return {
      schemaVersion: NETWORK_SCHEMA_VERSION,
      name: meta.name,
      description: meta.description,
      source: meta.source,
      input: { name: this.inputName, shape: meta.inputShape },
      layers: this.layers,
    };
  }
}
