/**
 * The outer design space of Alg. 1 (RatioRram × cell bits × crossbar size, with DAC bits inside), the ADC
 * resolution rule, per-point feasibility, a provably optimistic efficiency bound (for pruning) and the minimum
 * feasible power of a network under a preset.
 */
import { gopsPerW, inferenceEnergyPj } from "../../cost/objective.ts";
import type { Preset } from "../../hardware/components.ts";
import type { Network } from "../../network/types.ts";
import { buildNetworkModel, type DesignPoint, type NetworkModel } from "../../mapping/layer-model.ts";
import { pointCosts, type PointCosts } from "../../cost/point-costs.ts";
import { nocOf } from "./design.ts";
import { adcLatencyFloorNs, cheapestScratchpadPerBit, dynamicEnergyFloorPj } from "../../cost/energy-bound.ts";

export interface SearchSpace {
  ratios: number[];
  cellBits: number[];
  crossbarSizes: number[];
  dacBits: number[];
}

/** Paper Table I: RatioRram 0.1–0.4 (we step 0.05), cells {1,2,4}, crossbars {128,256,512}, DACs {1,2,4}. */
export const PAPER_SPACE: SearchSpace = {
  ratios: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
  cellBits: [1, 2, 4],
  crossbarSizes: [128, 256, 512],
  dacBits: [1, 2, 4],
};

/**
 * ISAAC's minimum lossless ADC resolution as the reference code applies it:
 * log2(Xb) + DAC + cell − 1 if DAC > 1 and cell > 1, else log2(Xb) + DAC + cell − 2.
 */
export function adcBitsFor(crossbarSize: number, cellBits: number, dacBits: number): number {
  const base = Math.log2(crossbarSize) + dacBits + cellBits;
  return dacBits > 1 && cellBits > 1 ? base - 1 : base - 2;
}

export interface OuterPoint {
  index: number;
  ratio: number;
  cellBits: number;
  crossbarSize: number;
  /** DAC resolutions whose ADC resolution the preset has. */
  dacOptions: number[];
  /** Crossbar budget (Eq. 3): floor(P · ratio / crossbar peak power). */
  crossbarBudget: number;
  feasible: boolean;
  infeasibleReason?: string;
  /** Upper bound on GOPS/W of any design at this point (max over DAC options). */
  boundGopsPerW: number;
}

export function designPoint(crossbarSize: number, cellBits: number, dacBits: number, preset: Preset): DesignPoint {
  return {
    crossbarSize,
    cellBits,
    dacBits,
    adcBits: adcBitsFor(crossbarSize, cellBits, dacBits),
    weightBits: preset.globals.weightBits,
    activationBits: preset.globals.activationBits,
  };
}

/** Models are shared across outer points with the same (crossbar, cell, DAC). */
export class ModelCache {
  private models = new Map<string, NetworkModel>();
  constructor(readonly network: Network) {}
  get(point: DesignPoint): NetworkModel {
    const key = `${point.crossbarSize}/${point.cellBits}/${point.dacBits}`;
    let m = this.models.get(key);
    if (!m) {
      m = buildNetworkModel(this.network, point);
      this.models.set(key, m);
    }
    return m;
  }
}

export function smallestScratchpadKb(preset: Preset): number {
  return Math.min(...preset.scratchpad.map((r) => r.capacityKb));
}

/** Lower bounds of a point's designs: minimum peak power, static power, dynamic energy and latency. */
export interface PointFloor {
  minPeakW: number;
  minCrossbarW: number;
  minStaticW: number;
  minDynamicPj: number;
  minLatencyNs: number;
  /** Least chip area: one copy of every layer's crossbars, its DACs, one unit of each component, macros, NoC. */
  minAreaMm2: number;
}

/**
 * Floors valid for every design at (model's point, crossbar budget B): each layer has ≥ 1 copy and ≥ 1 unit of
 * each component it uses, ≥ one macro per pair of crossbar layers (sharing pairs two), the smallest scratchpad,
 * and does at least its dup-independent dynamic work (blocks·dup ≥ WO·HO, ceil(x) ≥ x). Latency ≥ the slowest
 * layer's blocks × bit iterations × crossbar read, with dup at most what the budget allows.
 */
export function pointFloor(model: NetworkModel, c: PointCosts, preset: Preset, budget: number): PointFloor {
  const noc = nocOf(preset);
  const bits = model.bitIterations;
  const spm = c.scratchpad;
  let sets = 0, dacs = 0, peakMw = 0, staticMw = 0, areaUm2 = 0;
  for (const i of model.mvmLayers) sets += model.layers[i].set;
  for (const L of model.layers) {
    if (L.role === "mvm") {
      dacs += L.dacRowsPerCopy;
      const units = [c.adc, c.alu.shiftAdd!, c.alu.add!, ...(L.aluOp ? [c.alu[L.aluOp]!] : [])];
      for (const u of units) {
        peakMw += u.peakMw;
        staticMw += u.staticMw;
        areaUm2 += u.areaUm2;
      }
    } else if (L.role === "vector" && L.aluOp) {
      const u = c.alu[L.aluOp]!;
      peakMw += u.peakMw;
      staticMw += u.staticMw;
      areaUm2 += u.areaUm2;
    }
  }
  const dynPj = dynamicEnergyFloorPj(model, c, cheapestScratchpadPerBit(preset.scratchpad));
  // Each layer's dup is at most what the budget leaves after one copy of every other layer.
  let latency = 0;
  for (const i of model.mvmLayers) {
    const L = model.layers[i];
    const maxDup = Math.max(1, Math.floor((budget - sets + L.set) / L.set));
    latency = Math.max(latency, Math.ceil(L.outPixels / Math.min(L.outPixels, maxDup)) * bits * c.readNs);
  }
  const macros = Math.ceil(model.mvmLayers.length / 2);
  // Routers: a whole-NoC row is powered once; per-router rows once per router of the fewest macros.
  const routers = Math.ceil(macros / noc.unitsPerRouter);
  const poweredRouters = noc.wholeNoc ? 1 : routers;
  const crossbarMw = sets * c.crossbar.peakMw;
  peakMw += crossbarMw + dacs * c.dac.peakMw + macros * spm.peakPowerMw + poweredRouters * noc.peakMw;
  staticMw += sets * c.crossbar.staticMw + dacs * c.dac.staticMw + macros * spm.staticPowerMw + poweredRouters * noc.staticMw;
  areaUm2 += sets * c.crossbar.areaUm2 + dacs * c.dac.areaUm2 + macros * spm.areaUm2 + routers * noc.areaUm2;
  return {
    minPeakW: peakMw / 1e3,
    minCrossbarW: crossbarMw / 1e3,
    minStaticW: staticMw / 1e3,
    minDynamicPj: dynPj,
    minLatencyNs: latency,
    minAreaMm2: areaUm2 / 1e6,
  };
}

/** Crossbars that hold every layer duplicated once per output pixel: no design uses more. */
function fullDuplicationCrossbars(model: NetworkModel): number {
  return model.mvmLayers.reduce((s, i) => s + model.layers[i].set * model.layers[i].outPixels, 0);
}

export function boundGopsPerW(model: NetworkModel, floor: PointFloor): number {
  return gopsPerW(model.totalOps, inferenceEnergyPj(floor.minDynamicPj, floor.minStaticW, floor.minLatencyNs));
}

export function enumerateOuterPoints(
  network: Network,
  preset: Preset,
  space: SearchSpace,
  powerW: number,
  cache: ModelCache,
  areaMm2?: number,
): OuterPoint[] {
  const points: OuterPoint[] = [];
  const spmKb = smallestScratchpadKb(preset);
  const adcBits = new Set(preset.adc.map((r) => r.bits));
  const xbarRow = (size: number, cell: number) => preset.crossbar.find((r) => r.size === size && r.cellBits.includes(cell));
  for (const ratio of space.ratios)
    for (const cellBits of space.cellBits)
      for (const crossbarSize of space.crossbarSizes) {
        const index = points.length;
        const row = xbarRow(crossbarSize, cellBits);
        const dacOptions = space.dacBits.filter(
          (d) => adcBits.has(adcBitsFor(crossbarSize, cellBits, d)) && preset.dac.some((r) => r.bits === d),
        );
        const base = { index, ratio, cellBits, crossbarSize, dacOptions, boundGopsPerW: 0 };
        if (!row || !dacOptions.length) {
          points.push({ ...base, crossbarBudget: 0, feasible: false, infeasibleReason: row ? "no ADC/DAC rows for this point" : "no crossbar row" });
          continue;
        }
        // Eq. 3's share over one crossbar's peak power, capped at full duplication of every layer (a crossbar
        // row of near-zero power would otherwise give budgets no search can count to).
        const models = dacOptions.map((dac) => cache.get(designPoint(crossbarSize, cellBits, dac, preset)));
        const useful = Math.max(...models.map(fullDuplicationCrossbars));
        const budget = Math.min(Math.floor((powerW * ratio * 1e3) / row.peakPowerMw + 1e-9), useful);
        let feasible = false, reason = "", bound = 0;
        for (const [d, dac] of dacOptions.entries()) {
          const point = designPoint(crossbarSize, cellBits, dac, preset);
          const model = models[d];
          const costs = pointCosts(preset, point, spmKb, 0);
          const floor = pointFloor(model, costs, preset, budget);
          const sets = model.mvmLayers.reduce((s, i) => s + model.layers[i].set, 0);
          if (sets > budget) reason = `needs ${sets} crossbars for one copy of the weights; the crossbar share allows ${budget}`;
          else if (floor.minPeakW > powerW) reason = `minimum peak power ${floor.minPeakW.toFixed(3)} W exceeds the budget`;
          else if (areaMm2 !== undefined && floor.minAreaMm2 > areaMm2) reason = `minimum area ${floor.minAreaMm2.toFixed(3)} mm² exceeds the area budget`;
          else {
            feasible = true;
            bound = Math.max(bound, boundGopsPerW(model, floor));
          }
        }
        points.push({ ...base, crossbarBudget: budget, feasible, infeasibleReason: feasible ? undefined : reason, boundGopsPerW: bound });
      }
  return points;
}

/**
 * A floor of the power at which some point of the space is feasible: crossbars for one copy within the crossbar
 * share (at the largest ratio) and the point's floor (DACs, one ADC and ALU set per layer, one macro per two
 * crossbar layers with the smallest scratchpad, NoC) within the budget. The minimum a user is told is the
 * findable one (src/methods/pimsyn/minimum-power.ts), at least this.
 */
export function minimumPowerFloorW(network: Network, preset: Preset, space: SearchSpace, cache: ModelCache): number {
  const spmKb = smallestScratchpadKb(preset);
  const ratioMax = Math.max(...space.ratios);
  let best = Infinity;
  for (const point of buildablePoints(preset, space)) {
    const model = cache.get(point);
    const floor = pointFloor(model, pointCosts(preset, point, spmKb, 0), preset, Number.MAX_SAFE_INTEGER);
    const need = Math.max(floor.minCrossbarW / ratioMax, floor.minPeakW);
    best = Math.min(best, need);
  }
  return best;
}

/** Points of the space the preset can build: a crossbar row for (size, cell bits), the DAC row and the ADC row. */
export function buildablePoints(preset: Preset, space: SearchSpace): DesignPoint[] {
  const out: DesignPoint[] = [];
  for (const cellBits of space.cellBits)
    for (const crossbarSize of space.crossbarSizes)
      for (const dac of space.dacBits) {
        const point = designPoint(crossbarSize, cellBits, dac, preset);
        if (!preset.adc.some((r) => r.bits === point.adcBits) || !preset.dac.some((r) => r.bits === dac)) continue;
        if (!preset.crossbar.some((r) => r.size === crossbarSize && r.cellBits.includes(cellBits))) continue;
        out.push(point);
      }
  return out;
}

/**
 * The design-space energy bound: the best GOPS/W any design of (network, preset, space) could reach, at any
 * power. Every layer does its WO·HO pixels' work at its point's per-action energies (the cheapest scratchpad
 * per bit, no NoC energy, conversions counted once however banks are shared), no static or idle energy; the
 * best point of the space. It does not depend on the budget, the design or the search
 * (test/cost/energy-bound.test.ts checks it against random designs).
 */
export function spaceEnergyBound(network: Network, preset: Preset, space: SearchSpace, cache: ModelCache): { gopsPerW: number; point?: DesignPoint } {
  const spm = cheapestScratchpadPerBit(preset.scratchpad);
  const spmKb = smallestScratchpadKb(preset);
  let best = 0, bestPoint: DesignPoint | undefined;
  for (const point of buildablePoints(preset, space)) {
    const model = cache.get(point);
    const g = gopsPerW(model.totalOps, dynamicEnergyFloorPj(model, pointCosts(preset, point, spmKb, 0), spm));
    if (g > best) {
      best = g;
      bestPoint = point;
    }
  }
  return { gopsPerW: best, point: bestPoint };
}

/** The least chip area of any design in the space (the smallest point floor's area, whatever the power). */
/**
 * The best GOPS/W any design of the space could reach within `powerW` of peak power: at each buildable point whose
 * floor fits, the dynamic energy floor plus the least static power over a latency floor: the slowest layer's
 * crossbar reads, and the ADC throughput the budget can buy (every ADC beyond the point's minimum design paid from
 * what that design leaves, so at most (P − (min peak − one ADC per crossbar layer)) ÷ ADC peak ADCs). At large
 * budgets it tends to the design-space bound; at small ones the latency, and so static energy, bounds it.
 */
export function budgetCeiling(network: Network, preset: Preset, space: SearchSpace, powerW: number, cache: ModelCache): { gopsPerW: number; point?: DesignPoint } {
  const spmKb = smallestScratchpadKb(preset);
  let best = 0, bestPoint: DesignPoint | undefined;
  for (const point of buildablePoints(preset, space)) {
    const model = cache.get(point);
    const c = pointCosts(preset, point, spmKb, 0);
    const floor = pointFloor(model, c, preset, Number.MAX_SAFE_INTEGER);
    if (floor.minPeakW > powerW) continue;
    const othersW = floor.minPeakW - (model.mvmLayers.length * c.adc.peakMw) / 1e3;
    const adcs = Math.floor(((powerW - othersW) * 1e3) / c.adc.peakMw + 1e-9);
    const latencyNs = Math.max(floor.minLatencyNs, adcLatencyFloorNs(model, c, adcs));
    const g = gopsPerW(model.totalOps, inferenceEnergyPj(floor.minDynamicPj, floor.minStaticW, latencyNs));
    if (g > best) {
      best = g;
      bestPoint = point;
    }
  }
  return { gopsPerW: best, point: bestPoint };
}

export function minimumFeasibleAreaMm2(network: Network, preset: Preset, space: SearchSpace, cache: ModelCache): number {
  const spmKb = smallestScratchpadKb(preset);
  let best = Infinity;
  for (const cellBits of space.cellBits)
    for (const crossbarSize of space.crossbarSizes)
      for (const dac of space.dacBits) {
        const point = designPoint(crossbarSize, cellBits, dac, preset);
        if (!preset.adc.some((r) => r.bits === point.adcBits) || !preset.dac.some((r) => r.bits === dac)) continue;
        if (!preset.crossbar.some((r) => r.size === crossbarSize && r.cellBits.includes(cellBits))) continue;
        const floor = pointFloor(cache.get(point), pointCosts(preset, point, spmKb, 0), preset, Number.MAX_SAFE_INTEGER);
        best = Math.min(best, floor.minAreaMm2);
      }
  return best;
}
