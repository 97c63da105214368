/**
 * Converts a design written by the PIMSYN reference code (output/<net>.json: design-level choices plus, per
 * layer, duplication, macro count and per-macro peripheral counts) into our Design, so that it can be
 * evaluated by our cost model and saved as arch.json (specs/examples/reference-*.arch.json).
 */
import type { Preset } from "../../hardware/components.ts";
import type { Network } from "../../network/types.ts";
import { buildNetworkModel } from "../../mapping/layer-model.ts";
import { emptyPlan } from "../../mapping/plan.ts";
import { layoutPlan } from "../../mapping/layout.ts";
import { UserError } from "../../errors.ts";
import type { Design } from "./design.ts";

interface RefLayer {
  duplication: number;
  macro_num?: number;
  macro_sharing?: string;
  ADC?: number;
  SHIFTADD?: number;
  ADDITION?: number;
  POOL?: number;
  RELU?: number;
  ELTWISE?: number;
  SIGMOID?: number;
}

export interface ReferenceOutput {
  rram_ratio: number;
  rram_res: number;
  xbar_size: number;
  dac_res: number;
  adc_res: number;
  spm_capacity: number;
  macro_h: number;
  macro_w: number;
  [layer: string]: number | RefLayer;
}

export function referenceDesign(ref: ReferenceOutput, network: Network, preset: Preset, macroMode: Design["macroMode"], file?: string): Design {
  const point = {
    crossbarSize: ref.xbar_size,
    cellBits: ref.rram_res,
    dacBits: ref.dac_res,
    adcBits: ref.adc_res,
    weightBits: preset.globals.weightBits,
    activationBits: preset.globals.activationBits,
  };
  const model = buildNetworkModel(network, point);
  const plan = emptyPlan(model.layers.length);
  const byName = new Map(model.layers.map((l) => [l.name, l.index]));
  for (const [name, value] of Object.entries(ref)) {
    if (typeof value !== "object") continue;
    const i = byName.get(name);
    if (i === undefined) throw new UserError(`layer "${name}" is not in network ${network.name}`, { file, pointer: `/${name}` });
    const L = model.layers[i];
    plan.dup[i] = value.duplication;
    if (L.role === "mvm") {
      const m = value.macro_num ?? 1;
      plan.macros[i] = m;
      plan.adc[i] = (value.ADC ?? 1) * m;
      plan.shiftAdd[i] = (value.SHIFTADD ?? 1) * m;
      plan.add[i] = (value.ADDITION ?? 1) * m;
      // The reference allocates no unit for a conv's fused ReLU; give each macro one.
      plan.act[i] = L.aluOp ? (L.aluOp === "sigmoid" ? (value.SIGMOID ?? 1) : (value.RELU ?? 1)) * m : 0;
    } else if (L.role === "vector") {
      plan.vec[i] = value.POOL ?? value.ELTWISE ?? value.RELU ?? value.SIGMOID ?? 1;
      // The reference fuses the ReLU after an eltwise into it; our IR has a separate activation layer.
      const next = model.layers[i + 1];
      if (value.ELTWISE !== undefined && value.RELU !== undefined && next?.role === "vector" && next.producers[0] === i) {
        plan.vec[i + 1] = value.RELU;
        plan.dup[i + 1] = value.duplication;
      }
    }
  }
  for (const L of model.layers) {
    if (L.role === "vector" && plan.vec[L.index] === 0) plan.vec[L.index] = 1;
    if (L.role === "mvm" && plan.adc[L.index] === 0)
      throw new UserError(`the reference design has no entry for crossbar layer "${L.name}"`, { file });
  }
  layoutPlan(model, plan);
  return { point, ratio: ref.rram_ratio, macroMode, scratchpadKb: ref.spm_capacity, plan };
}
