/**
 * The fixed tiled architecture of the CLSA trend tests: N PEs of one 128×128 crossbar (2-bit cells) each,
 * 1-bit DACs, 16-bit weights and activations, figures from the isaac-isca16 preset. N is a multiple of the
 * fewest crossbars that hold one copy of every layer of the network.
 */
import type { ArchSpec } from "../../../src/hardware/arch.ts";
import { buildNetworkModel } from "../../../src/mapping/layer-model.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";
import type { Network } from "../../../src/network/types.ts";

export const preset = loadPreset("isaac-isca16");
export const POINT = { crossbarSize: 128, cellBits: 2, dacBits: 1, adcBits: 8, weightBits: 16, activationBits: 16 };
export const FACTORS = [1, 1.5, 2, 4] as const;

export function tiledArch(crossbars: number, name = `tiled-${crossbars}`): ArchSpec {
  return {
    schemaVersion: 1,
    name,
    preset: preset.name,
    hardware: {
      template: "custom",
      crossbar: { size: POINT.crossbarSize, cellBits: POINT.cellBits },
      dacBits: POINT.dacBits,
      adcBits: POINT.adcBits,
      weightBits: POINT.weightBits,
      activationBits: POINT.activationBits,
      noc: { meshRows: 1, meshCols: 1, unitsPerRouter: 1 },
      chip: {
        level: "chip",
        name: "chip",
        count: 1,
        components: [],
        children: [{ level: "pe", name: "pe", count: crossbars, components: [{ kind: "crossbar", count: 1 }], children: [] }],
      },
    },
  };
}

/** Σ crossbars per copy over the network's crossbar layers at the fixture's design point. */
export function minCrossbars(network: Network): number {
  const model = buildNetworkModel(network, POINT);
  return model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
}

export async function zooNetwork(name: string): Promise<Network> {
  return (await loadNetwork(name)).network;
}
