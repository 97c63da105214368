/**
 * How each pimsyn component becomes a Timeloop v0.4 !Component and an Accelergy compound class: which
 * dataspaces it keeps, its attributes, and the energy of each action in the table the compound class reads
 * (accelergy-table-based-plug-ins CSV format: one row per action, energy pJ, area µm²).
 *
 * Per-action energies are per Timeloop access of one word, derived from the preset rows:
 *  - crossbar: a read of the whole array (all rows × cols cells, one input-bit iteration) costs E; one weight
 *    read for one full-precision MAC touches weightSlices cells over inputIterations reads: E·slices·iters/(rows·cols);
 *  - ADC, S&H: one output word takes slices × iterations conversions;
 *  - DAC: one input word takes iterations conversions;
 *  - ALU: one vector action covers vectorWidth words (shift-and-add: slices × iterations partials per word);
 *  - scratchpad: one access moves accessBits (Timeloop's block = width / datawidth words);
 *  - leak: static power × one global cycle.
 */
import type { ComponentUse } from "../hardware/arch.ts";
import { actionEnergyPj, type AluRow, type RegisterRow, type ScratchpadRow } from "../hardware/components.ts";
import type { DesignView } from "./design.ts";
import type { YamlMap } from "./yaml-text.ts";

export interface TableRow {
  action: string;
  energyPj: number;
  areaUm2: number;
}

export interface Part {
  /** Node name in the architecture (unique within the file). */
  name: string;
  /** Compound class name (shared by identical parts). */
  className: string;
  attributes: YamlMap;
  keep: string[];
  /** Accelergy compound actions → scale applied to the table action of the same part. */
  actions: { name: string; tableAction: string; scale: number }[];
  table: TableRow[];
}

const DATASPACES = ["Inputs", "Outputs", "Weights"];
export const bypassOf = (keep: string[]): string[] => DATASPACES.filter((d) => !keep.includes(d));

const leakRow = (staticPowerMw: number, cycleNs: number, areaUm2: number): TableRow => ({ action: "leak", energyPj: staticPowerMw * cycleNs, areaUm2 });
const storageActions = (table: string, read: number, write: number) => [
  { name: "read", tableAction: table, scale: read },
  { name: "write", tableAction: table, scale: write },
  { name: "update", tableAction: table, scale: write },
  { name: "leak", tableAction: "leak", scale: 1 },
];

const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "").toLowerCase();

export function partOf(use: ComponentUse, v: DesignView, cycleNs: number): Part {
  const row = v.row(use);
  const per = v.weightSlices * v.inputIterations;
  // A whole-NoC figure (wholeNoc) is split evenly over the routers written.
  const wholeNoc = "wholeNoc" in row && row.wholeNoc === true;
  const leak = leakRow(wholeNoc ? row.staticPowerMw / Math.max(1, use.count) : row.staticPowerMw, cycleNs, row.areaUm2);
  const e = actionEnergyPj(row);
  const shared = use.sharedBy !== undefined && use.sharedBy > 1 ? { shared_by: use.sharedBy } : {};
  switch (use.kind) {
    case "crossbar":
      return {
        name: "crossbar",
        className: "pimsyn_crossbar",
        attributes: { rows: v.size, cols: v.size, cell_bits: v.cellBits, weight_bits: v.weightBits, weight_slices: v.weightSlices, input_iterations: v.inputIterations, datawidth: v.weightBits },
        keep: ["Weights"],
        actions: [
          { name: "read", tableAction: "read_cell", scale: per },
          { name: "write", tableAction: "read_cell", scale: 0 },
          { name: "update", tableAction: "read_cell", scale: 0 },
          { name: "leak", tableAction: "leak", scale: 1 },
        ],
        table: [{ action: "read_cell", energyPj: e / (v.size * v.size), areaUm2: row.areaUm2 }, leak],
      };
    case "adc":
    case "sampleHold": {
      const adc = use.kind === "adc";
      return {
        name: adc ? "adc" : "sample_hold",
        className: adc ? `pimsyn_adc_${use.select?.bits ?? v.adcBits}b` : "pimsyn_sample_hold",
        attributes: { ...(adc ? { resolution: use.select?.bits ?? v.adcBits } : {}), datawidth: v.activationBits, ...shared },
        keep: ["Outputs"],
        actions: [
          { name: "read", tableAction: "convert", scale: 0 },
          { name: "write", tableAction: "convert", scale: per },
          { name: "update", tableAction: "convert", scale: per },
          { name: "leak", tableAction: "leak", scale: 1 },
        ],
        table: [{ action: "convert", energyPj: e, areaUm2: row.areaUm2 }, leak],
      };
    }
    case "dac":
      return {
        name: "dac",
        className: `pimsyn_dac_${use.select?.bits ?? v.dacBits}b`,
        attributes: { resolution: use.select?.bits ?? v.dacBits, datawidth: v.activationBits, ...shared },
        keep: ["Inputs"],
        actions: [
          { name: "read", tableAction: "convert", scale: v.inputIterations },
          { name: "write", tableAction: "convert", scale: 0 },
          { name: "update", tableAction: "convert", scale: 0 },
          { name: "leak", tableAction: "leak", scale: 1 },
        ],
        table: [{ action: "convert", energyPj: e, areaUm2: row.areaUm2 }, leak],
      };
    case "alu": {
      const alu = row as AluRow;
      const words = alu.op === "shiftAdd" ? per : 1;
      return {
        name: `alu_${slug(alu.op)}`,
        className: `pimsyn_alu_${slug(alu.op)}`,
        attributes: { op: alu.op, vector_width: alu.vectorWidth, datawidth: v.activationBits, ...shared },
        keep: ["Outputs"],
        actions: storageActions("vector_op", 0, words / alu.vectorWidth),
        table: [{ action: "vector_op", energyPj: e, areaUm2: row.areaUm2 }, leak],
      };
    }
    case "scratchpad": {
      const pad = row as ScratchpadRow;
      return {
        name: "scratchpad",
        className: `pimsyn_scratchpad_${pad.capacityKb}kb`,
        attributes: { depth: (pad.capacityKb * 1024 * 8) / pad.accessBits, width: pad.accessBits, datawidth: v.activationBits, ...shared },
        keep: ["Inputs", "Outputs"],
        actions: [
          { name: "read", tableAction: "read", scale: 1 },
          { name: "write", tableAction: "write", scale: 1 },
          { name: "update", tableAction: "write", scale: 1 },
          { name: "leak", tableAction: "leak", scale: 1 },
        ],
        table: [{ action: "read", energyPj: pad.readEnergyPj, areaUm2: pad.areaUm2 }, { action: "write", energyPj: pad.writeEnergyPj, areaUm2: pad.areaUm2 }, leak],
      };
    }
    case "register": {
      const reg = row as RegisterRow;
      const keep = /input/i.test(reg.name) ? ["Inputs"] : ["Outputs"];
      return {
        name: `register_${slug(reg.name)}`,
        className: `pimsyn_register_${slug(reg.name)}`,
        attributes: { depth: Math.max(1, Math.floor((reg.sizeBytes * 8) / v.activationBits)), width: v.activationBits, datawidth: v.activationBits, ...shared },
        keep,
        actions: storageActions("access", 1, 1),
        table: [{ action: "access", energyPj: e, areaUm2: row.areaUm2 }, leak],
      };
    }
    case "bus":
    case "router":
    case "offChipLink": {
      const name = use.select?.name ?? use.kind;
      const width = "flitBits" in row ? (row.flitBits as number) : "widthBits" in row ? (row.widthBits as number) : v.activationBits;
      return {
        name: `${slug(use.kind)}_${slug(name)}`,
        className: `pimsyn_${slug(use.kind)}_${slug(name)}`,
        attributes: { width, datawidth: v.activationBits, ...shared },
        keep: [],
        actions: storageActions("transfer", 0, 0),
        table: [{ action: "transfer", energyPj: e, areaUm2: row.areaUm2 }, leak],
      };
    }
  }
}
