/**
 * ISAAC's template (Shafiee et al., ISCA 2016, Table I) as an architecture tree built from per-unit rows of
 * the `isaac-isca16` preset: chip → tiles (eDRAM, bus, router shared by 4 tiles, sigmoid, max-pool, shift-and-
 * add, output register) → IMAs (8 ADCs, 8×128 DACs and S&H, 8 crossbars, 4 shift-and-adds, registers).
 * Counts are parameters; the defaults are Table I's. Component figures come only from the preset.
 */
import type { ArchSpec, Hardware } from "../arch.ts";
import { ARCH_SCHEMA_VERSION } from "../arch.ts";

export interface IsaacOptions {
  tiles: number;
  imasPerTile: number;
  crossbarsPerIma: number;
  crossbarSize: number;
  cellBits: number;
  dacBits: number;
  adcBits: number;
  adcsPerIma: number;
  scratchpadKb: number;
  tilesPerRouter: number;
  offChipLinks: number;
}

/** Table I: 168 tiles × 12 IMAs × 8 crossbars of 128×128 2-bit cells, 1-bit DACs, 8 × 8-bit ADCs per IMA. */
export const ISAAC_TABLE1: IsaacOptions = {
  tiles: 168,
  imasPerTile: 12,
  crossbarsPerIma: 8,
  crossbarSize: 128,
  cellBits: 2,
  dacBits: 1,
  adcBits: 8,
  adcsPerIma: 8,
  scratchpadKb: 64,
  tilesPerRouter: 4,
  offChipLinks: 4,
};

/** A near-square mesh for n units. */
export function meshFor(n: number): { meshRows: number; meshCols: number } {
  const meshRows = Math.max(1, Math.ceil(Math.sqrt(n)));
  return { meshRows, meshCols: Math.max(1, Math.ceil(n / meshRows)) };
}

export function isaacHardware(o: IsaacOptions = ISAAC_TABLE1): Hardware {
  const rowsPerIma = o.crossbarsPerIma * o.crossbarSize;
  return {
    template: "isaac",
    crossbar: { size: o.crossbarSize, cellBits: o.cellBits },
    dacBits: o.dacBits,
    adcBits: o.adcBits,
    weightBits: 16,
    activationBits: 16,
    noc: { ...meshFor(o.tiles), unitsPerRouter: o.tilesPerRouter },
    chip: {
      level: "chip",
      name: "chip",
      count: 1,
      components: o.offChipLinks > 0 ? [{ kind: "offChipLink", count: o.offChipLinks, select: { name: "hypertransport" } }] : [],
      children: [
        {
          level: "tile",
          name: "tile",
          count: o.tiles,
          components: [
            { kind: "scratchpad", count: 1, select: { capacityKb: o.scratchpadKb }, role: "eDRAM buffer" },
            { kind: "bus", count: 1, select: { name: "edram-ima" } },
            { kind: "router", count: 1, sharedBy: o.tilesPerRouter, select: { name: "isaac-router" } },
            { kind: "alu", count: 2, select: { op: "sigmoid" } },
            { kind: "alu", count: 1, select: { op: "pool" }, role: "max-pool" },
            { kind: "alu", count: 1, select: { op: "shiftAdd" }, role: "tile shift-and-add" },
            { kind: "register", count: 1, select: { name: "tile-output" } },
          ],
          children: [
            {
              level: "ima",
              name: "ima",
              count: o.imasPerTile,
              components: [
                { kind: "adc", count: o.adcsPerIma, role: "ADCs per IMA" },
                { kind: "dac", count: rowsPerIma },
                { kind: "sampleHold", count: rowsPerIma },
                { kind: "crossbar", count: o.crossbarsPerIma },
                { kind: "alu", count: 4, select: { op: "shiftAdd" } },
                { kind: "register", count: 1, select: { name: "ima-input" } },
                { kind: "register", count: 1, select: { name: "ima-output" } },
              ],
              children: [],
            },
          ],
        },
      ],
    },
  };
}

export function isaacArch(o: IsaacOptions = ISAAC_TABLE1, name = "isaac"): ArchSpec {
  return {
    schemaVersion: ARCH_SCHEMA_VERSION,
    name,
    description:
      "ISAAC (Shafiee et al., ISCA 2016) Table I: 168 tiles x 12 IMAs x 8 crossbars 128x128, 2-bit cells, 1-bit DACs, " +
      "8 x 8-bit ADCs per IMA, 64 KB eDRAM per tile, routers shared by 4 tiles, 4 HyperTransport links.",
    preset: "isaac-isca16",
    hardware: isaacHardware(o),
  };
}
