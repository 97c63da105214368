/**
 * Peak and static power and chip area of a plan on the PIMSYN template (macros with an ADC bank, ALUs and a scratchpad;
 * PEs with one crossbar and its DACs), computed from counts alone so synthesis can check the budget without
 * building an arch.json. `designToArch` builds the same counts into a tree; a test checks both agree.
 */
import type { NetworkModel } from "../mapping/layer-model.ts";
import type { Plan } from "../mapping/plan.ts";
import type { PointCosts, UnitCost } from "./point-costs.ts";

export interface NocCost {
  /** Power of the whole NoC when the preset costs it as a constant (PIMSYN's 0.104 W), else per router. */
  wholeNoc: boolean;
  peakMw: number;
  staticMw: number;
  unitsPerRouter: number;
  /** Area of one router (a whole-NoC row's area is per router too, as hardwareTotals counts it). */
  areaUm2: number;
}

export interface PlanPower {
  peakW: number;
  staticW: number;
  /** Peak W by component kind. */
  crossbarW: number;
  dacW: number;
  sampleHoldW: number;
  adcW: number;
  aluW: number;
  /** Static parts of the ADC and ALU figures (so a caller can re-cost those units per macro). */
  adcStaticW: number;
  aluStaticW: number;
  /** ADC and ALU area (so a caller can re-cost those units per macro). */
  adcAreaMm2: number;
  aluAreaMm2: number;
  scratchpadW: number;
  nocW: number;
  macros: number;
  crossbars: number;
  /** Chip area, the sum of every unit's area (as hardwareTotals sums the arch.json tree). */
  areaMm2: number;
}

export interface PlanUnits {
  crossbars: number;
  dacs: number;
  sampleHolds: number;
  adcs: number;
  macros: number;
}

/** Unit counts implied by a plan (shared ADC banks counted once, at the earlier layer). */
export function planUnits(model: NetworkModel, plan: Plan, crossbarSize: number): PlanUnits {
  let crossbars = 0, dacs = 0, adcs = 0, macros = 0;
  for (const i of model.mvmLayers) {
    const L = model.layers[i];
    crossbars += plan.dup[i] * L.set;
    dacs += plan.dup[i] * L.dacRowsPerCopy;
    if (plan.sharesWith[i] < 0) {
      adcs += plan.adc[i];
      macros += plan.macros[i];
    }
  }
  return { crossbars, dacs, sampleHolds: crossbars * crossbarSize, adcs, macros };
}

export function planPower(model: NetworkModel, c: PointCosts, noc: NocCost, plan: Plan): PlanPower {
  const u = planUnits(model, plan, model.point.crossbarSize);
  let aluPeakMw = 0, aluStaticMw = 0, aluAreaUm2 = 0;
  const addUnits = (unit: UnitCost | undefined, n: number) => {
    if (!unit || n <= 0) return;
    aluPeakMw += n * unit.peakMw;
    aluStaticMw += n * unit.staticMw;
    aluAreaUm2 += n * unit.areaUm2;
  };
  for (let i = 0; i < model.layers.length; i++) {
    const L = model.layers[i];
    if (L.role === "mvm") {
      addUnits(c.alu.shiftAdd, plan.shiftAdd[i]);
      addUnits(c.alu.add, plan.add[i]);
      if (L.aluOp) addUnits(c.alu[L.aluOp], plan.act[i]);
    } else if (L.role === "vector" && L.aluOp) addUnits(c.alu[L.aluOp], plan.vec[i]);
  }
  const sh = c.sampleHold;
  const spm = c.scratchpad;
  const routers = noc.wholeNoc ? 1 : Math.ceil(u.macros / noc.unitsPerRouter);
  const crossbarW = (u.crossbars * c.crossbar.peakMw) / 1e3;
  const dacW = (u.dacs * c.dac.peakMw) / 1e3;
  const sampleHoldW = sh ? (u.sampleHolds * sh.peakMw) / 1e3 : 0;
  const adcW = (u.adcs * c.adc.peakMw) / 1e3;
  const aluW = aluPeakMw / 1e3;
  const scratchpadW = (u.macros * spm.peakPowerMw) / 1e3;
  const nocW = (routers * noc.peakMw) / 1e3;
  const staticW =
    (u.crossbars * c.crossbar.staticMw +
      u.dacs * c.dac.staticMw +
      (sh ? u.sampleHolds * sh.staticMw : 0) +
      u.adcs * c.adc.staticMw +
      aluStaticMw +
      u.macros * spm.staticPowerMw +
      routers * noc.staticMw) /
    1e3;
  return {
    peakW: crossbarW + dacW + sampleHoldW + adcW + aluW + scratchpadW + nocW,
    staticW,
    crossbarW,
    dacW,
    sampleHoldW,
    adcW,
    aluW,
    adcStaticW: (u.adcs * c.adc.staticMw) / 1e3,
    aluStaticW: aluStaticMw / 1e3,
    adcAreaMm2: (u.adcs * c.adc.areaUm2) / 1e6,
    aluAreaMm2: aluAreaUm2 / 1e6,
    scratchpadW,
    nocW,
    macros: u.macros,
    crossbars: u.crossbars,
    areaMm2:
      (u.crossbars * c.crossbar.areaUm2 +
        u.dacs * c.dac.areaUm2 +
        (sh ? u.sampleHolds * sh.areaUm2 : 0) +
        u.adcs * c.adc.areaUm2 +
        aluAreaUm2 +
        u.macros * spm.areaUm2 +
        Math.ceil(u.macros / noc.unitsPerRouter) * noc.areaUm2) /
      1e6,
  };
}
