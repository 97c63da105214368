/**
 * ISAAC's template (Shafiee et al., ISCA 2016, Table I) as an architecture tree built from per-unit rows of
 * the `isaac-isca16` preset: chip → tiles (eDRAM, bus, router shared by 4 tiles, sigmoid, max-pool, shift-and-
 * add, output register) → IMAs (8 ADCs, 8×128 DACs and S&H, 8 crossbars, 4 shift-and-adds, registers).
 * Counts are parameters; the defaults are Table I's, read from specs/templates/isaac-isca16.json (cited), the
 * one place ISAAC's organisation is written (the ISAAC-like baseline of the synthesis uses the same figures).
 * Component figures come only from the preset.
 */
import { packagePath } from "../../paths.ts";
import { Type, type Static } from "@sinclair/typebox";
import type { ArchSpec, Hardware } from "../arch.ts";
import { ARCH_SCHEMA_VERSION } from "../arch.ts";
import { readJsonFile, validate } from "../../io/json.ts";

const Count = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const Positive = Type.Integer({ minimum: 1, maximum: 1_000_000 });

export const IsaacOptions = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 128 })),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    tiles: Positive,
    imasPerTile: Positive,
    crossbarsPerIma: Positive,
    crossbarSize: Positive,
    cellBits: Type.Integer({ minimum: 1, maximum: 8 }),
    dacBits: Type.Integer({ minimum: 1, maximum: 16 }),
    adcBits: Type.Integer({ minimum: 1, maximum: 16 }),
    adcsPerIma: Positive,
    shiftAddsPerIma: Count,
    sigmoidsPerTile: Count,
    scratchpadKb: Positive,
    tilesPerRouter: Positive,
    offChipLinks: Count,
  },
  { additionalProperties: false },
);
export type IsaacOptions = Static<typeof IsaacOptions>;

const TABLE1_FILE = packagePath("specs", "templates", "isaac-isca16.json");

/** Table I: 168 tiles × 12 IMAs × 8 crossbars of 128×128 2-bit cells, 1-bit DACs, 8 × 8-bit ADCs per IMA. */
export const ISAAC_TABLE1: IsaacOptions = validate(IsaacOptions, readJsonFile(TABLE1_FILE), TABLE1_FILE);

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
            { kind: "alu", count: o.sigmoidsPerTile, select: { op: "sigmoid" } },
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
                { kind: "alu", count: o.shiftAddsPerIma, select: { op: "shiftAdd" } },
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
