/**
 * Baselines on the same preset as the synthesized design.
 *
 * ISAAC-like: ISAAC's fixed choices (128×128 crossbars, 2-bit cells, 1-bit DACs, ADC bits by the lossless rule,
 * tiles of 12 IMAs × 8 crossbars with 8 ADCs and 4 shift-and-adds per IMA, a 64 KB-class scratchpad per tile)
 * and no weight duplication: just enough tiles to hold the weights once, whatever power that takes (reported).
 * Layers own whole tiles, as in ISAAC's mapping.
 */
import type { Preset } from "../../hardware/components.ts";
import type { Network } from "../../network/types.ts";
import { buildNetworkModel } from "../../mapping/layer-model.ts";
import { basePlan } from "./base-plan.ts";
import { layoutPlan } from "../../mapping/layout.ts";
import { designToArch, type Design } from "./design.ts";
import { designPoint, smallestScratchpadKb } from "./space.ts";
import { evaluate } from "../../cost/evaluate.ts";
import { ISAAC_TABLE1 } from "../../hardware/templates/isaac.ts";

const ISAAC_TILE = ISAAC_TABLE1;

export function isaacLikeDesign(network: Network, preset: Preset): Design {
  const point = designPoint(ISAAC_TILE.crossbarSize, ISAAC_TILE.cellBits, ISAAC_TILE.dacBits, preset);
  const model = buildNetworkModel(network, point);
  const plan = basePlan(model, new Array<number>(model.layers.length).fill(1));
  const perTile = ISAAC_TILE.imasPerTile * ISAAC_TILE.crossbarsPerIma;
  for (const L of model.layers) {
    const i = L.index;
    if (L.role === "mvm") {
      const tiles = Math.ceil(L.set / perTile);
      const imas = Math.ceil(L.set / ISAAC_TILE.crossbarsPerIma);
      plan.macros[i] = tiles;
      plan.adc[i] = imas * ISAAC_TILE.adcsPerIma;
      plan.shiftAdd[i] = imas * ISAAC_TILE.shiftAddsPerIma;
      plan.add[i] = tiles;
      plan.act[i] = L.aluOp ? tiles * ISAAC_TILE.sigmoidsPerTile : 0;
    } else if (L.role === "vector") plan.vec[i] = 1;
  }
  layoutPlan(model, plan);
  return { point, ratio: 0, macroMode: "specified", scratchpadKb: smallestScratchpadKb(preset), plan };
}

export function isaacLikeBaseline(network: Network, preset: Preset) {
  const design = isaacLikeDesign(network, preset);
  const model = buildNetworkModel(network, design.point);
  const arch = designToArch(network, model, design, preset, `${network.name}-isaac-like`);
  const metrics = evaluate(arch, preset, network);
  const m = metrics.mapping!;
  return { name: "isaac-like", gopsPerW: m.gopsPerW, tops: m.tops, peakPowerW: metrics.hardware.peakPowerW, latencyNs: m.latencyNs, arch, metrics };
}
