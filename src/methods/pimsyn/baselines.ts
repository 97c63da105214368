/**
 * Baselines on the same preset as the synthesized design, each named for what it is.
 *
 * Both use ISAAC's fixed choices (specs/templates/isaac-isca16.json: 128×128 crossbars, 2-bit cells, 1-bit DACs,
 * ADC bits by the lossless rule, tiles of 12 IMAs × 8 crossbars with 8 ADCs and 4 shift-and-adds per IMA, one
 * max-pool unit per tile, the smallest scratchpad per tile). Layers own whole tiles, as in ISAAC's mapping.
 *
 * - `isaac-like-same-budget`: weight copies in proportion to WO·HO (the paper's ISAAC comparison, method §6.2's
 *   heuristic), as many as fit the synthesis's power budget (peak). The headline gain is over this design.
 * - `isaac-like-weights-once`: one copy of every layer, whatever power that takes (kept for the ablation table,
 *   labelled with its power; never the headline).
 */
import type { Preset } from "../../hardware/components.ts";
import type { Network } from "../../network/types.ts";
import type { ArchSpec } from "../../hardware/arch.ts";
import { buildNetworkModel, type NetworkModel } from "../../mapping/layer-model.ts";
import { basePlan } from "./base-plan.ts";
import { layoutPlan } from "../../mapping/layout.ts";
import { designToArch, type Design } from "./design.ts";
import { designPoint, smallestScratchpadKb } from "./space.ts";
import { evaluate } from "../../cost/evaluate.ts";
import { hardwareTotals } from "../../cost/hardware.ts";
import { ISAAC_TABLE1 } from "../../hardware/templates/isaac.ts";
import { allOnes, proportionalSeed } from "./duplication.ts";

const ISAAC_TILE = ISAAC_TABLE1;

export interface Baseline {
  name: string;
  description: string;
  gopsPerW: number;
  /** ops ÷ pipeline period (streamed inferences). */
  throughputTops: number;
  /** ops ÷ single-inference latency (the reference code's convention). */
  latencyTops: number;
  peakPowerW: number;
  latencyNs: number;
  /** Peak power within the synthesis's budget. */
  withinBudget: boolean;
  /** Why the design is what it is (e.g. it cannot fit the budget). */
  note?: string;
  arch: ArchSpec;
}

/** ISAAC's tile organisation over `dup` copies of each layer. */
export function isaacLikeDesign(network: Network, preset: Preset, dup?: number[]): Design {
  const point = designPoint(ISAAC_TILE.crossbarSize, ISAAC_TILE.cellBits, ISAAC_TILE.dacBits, preset);
  const model = buildNetworkModel(network, point);
  return isaacLikeOn(model, preset, dup ?? allOnes(model));
}

function isaacLikeOn(model: NetworkModel, preset: Preset, dup: number[]): Design {
  const plan = basePlan(model, dup);
  const perTile = ISAAC_TILE.imasPerTile * ISAAC_TILE.crossbarsPerIma;
  for (const L of model.layers) {
    const i = L.index;
    if (L.role === "mvm") {
      const crossbars = plan.dup[i] * L.set;
      const tiles = Math.ceil(crossbars / perTile);
      const imas = Math.ceil(crossbars / ISAAC_TILE.crossbarsPerIma);
      plan.macros[i] = tiles;
      plan.adc[i] = imas * ISAAC_TILE.adcsPerIma;
      plan.shiftAdd[i] = imas * ISAAC_TILE.shiftAddsPerIma;
      plan.add[i] = tiles;
      plan.act[i] = L.aluOp ? tiles * ISAAC_TILE.sigmoidsPerTile : 0;
    } else if (L.role === "vector") {
      // One max-pool (vector) unit per tile of the producer it sits behind.
      let units = 1;
      for (const p of L.producers) if (p >= 0 && model.layers[p].role === "mvm") units = Math.max(units, plan.macros[p]);
      plan.vec[i] = units;
    }
  }
  layoutPlan(model, plan);
  // ISAAC's concentrated mesh: one router per 4 tiles (Table I), each router the preset's.
  return { point: model.point, ratio: 0, macroMode: "specified", scratchpadKb: smallestScratchpadKb(preset), plan, unitsPerRouter: ISAAC_TILE.tilesPerRouter };
}

function peakPowerW(network: Network, model: NetworkModel, design: Design, preset: Preset): number {
  return hardwareTotals(designToArch(network, model, design, preset, "probe").hardware, preset).peakPowerW;
}

function finish(network: Network, model: NetworkModel, design: Design, preset: Preset, name: string, description: string, powerW: number, note?: string): Baseline {
  const arch = designToArch(network, model, design, preset, `${network.name}-${name}`);
  const metrics = evaluate(arch, preset, network);
  const m = metrics.mapping!;
  const peak = metrics.hardware.peakPowerW;
  return {
    name,
    description,
    gopsPerW: m.gopsPerW,
    throughputTops: m.throughputTops,
    latencyTops: m.latencyTops,
    peakPowerW: peak,
    latencyNs: m.latencyNs,
    withinBudget: peak <= powerW * (1 + 1e-9),
    note,
    arch,
  };
}

/** One copy of every layer's weights, power not capped. */
export function isaacLikeWeightsOnce(network: Network, preset: Preset, powerW: number): Baseline {
  const design = isaacLikeDesign(network, preset);
  const model = buildNetworkModel(network, design.point);
  return finish(network, model, design, preset, "isaac-like-weights-once", "ISAAC's fixed choices, tiles to hold the weights once (power not capped)", powerW);
}

/**
 * ISAAC's fixed choices with WO·HO-proportional weight copies filling `powerW` (peak): the largest crossbar count
 * B whose proportional duplication (built as ISAAC tiles) stays within the budget, by bisection over B. When one
 * copy of every layer already exceeds the budget, the weights-once design is returned, marked not within budget.
 */
export function isaacLikeSameBudget(network: Network, preset: Preset, powerW: number): Baseline {
  const name = "isaac-like-same-budget";
  const description = `ISAAC's fixed choices, WO·HO-proportional weight copies filling ${powerW} W`;
  const point = designPoint(ISAAC_TILE.crossbarSize, ISAAC_TILE.cellBits, ISAAC_TILE.dacBits, preset);
  const model = buildNetworkModel(network, point);
  const once = isaacLikeOn(model, preset, allOnes(model));
  const oncePower = peakPowerW(network, model, once, preset);
  if (oncePower > powerW) {
    return finish(network, model, once, preset, name, description, powerW,
      `one copy of the weights in ISAAC tiles needs ${oncePower.toPrecision(4)} W, more than the ${powerW} W budget`);
  }
  const minB = model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
  const maxB = model.mvmLayers.reduce((s, i) => s + model.layers[i].set * model.layers[i].outPixels, 0);
  const at = (B: number) => isaacLikeOn(model, preset, proportionalSeed(model, B));
  // Largest B in [minB, maxB] with the design within the budget (B = minB is: one copy per layer).
  let lo = minB, hi = maxB + 1, best = once;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const d = at(mid);
    if (peakPowerW(network, model, d, preset) <= powerW) {
      lo = mid;
      best = d;
    } else hi = mid;
  }
  return finish(network, model, best, preset, name, description, powerW);
}

/** Design ÷ baseline efficiency, only when both are finite and positive and both designs are within the budget. */
export function gainOver(designGopsPerW: number, designWithinBudget: boolean, baseline: Pick<Baseline, "gopsPerW" | "withinBudget">): number | undefined {
  const ok = (x: number) => Number.isFinite(x) && x > 0;
  if (!designWithinBudget || !baseline.withinBudget || !ok(designGopsPerW) || !ok(baseline.gopsPerW)) return undefined;
  const g = designGopsPerW / baseline.gopsPerW;
  return Number.isFinite(g) ? g : undefined;
}
