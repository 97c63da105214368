/**
 * DEHA (CMSwitch's Dual-mode Enhanced Hardware Abstraction): a chip of identical arrays, each switchable
 * between compute mode (holds weights, does in-situ MACs) and memory mode (a scratchpad). Presets live in
 * specs/deha/*.json; every section carries its source (style.md §2). Times are in array cycles (one cycle =
 * one input bit-slice through a compute-mode array). This module knows no network.
 */
import { existsSync, readdirSync } from "node:fs";
import { sep } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { UserError } from "../errors.ts";
import { readJsonFile, validate } from "../io/json.ts";
import { packagePath } from "../paths.ts";

const Source = { source: Type.String({ minLength: 3 }), note: Type.Optional(Type.String()) };
const Count = (max: number) => Type.Integer({ minimum: 1, maximum: max });
const Cycles = Type.Number({ minimum: 0, maximum: 1e9 });
const BytesPerCycle = Type.Number({ exclusiveMinimum: 0, maximum: 1e6 });

export const DEHA_SCHEMA_VERSION = 1;

export const DehaSpec = Type.Object(
  {
    schemaVersion: Type.Literal(DEHA_SCHEMA_VERSION),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String(),
    references: Type.Record(Type.String(), Type.String()),
    chip: Type.Object({ arrays: Count(65536), ...Source }, { additionalProperties: false }),
    array: Type.Object(
      { rows: Count(65536), cols: Count(65536), cellBits: Count(8), ...Source },
      { additionalProperties: false },
    ),
    compute: Type.Object(
      {
        weightBits: Count(32),
        activationBits: Count(32),
        inputBitsPerCycle: Count(32),
        /** Cycles one input bit-slice takes through an array (column ADCs shared over several cycles); default 1. */
        cyclesPerInputSlice: Type.Optional(Type.Number({ minimum: 1, maximum: 1024 })),
        ...Source,
      },
      { additionalProperties: false },
    ),
    /** D_cim: what one memory-mode array reads or writes per cycle. */
    memoryMode: Type.Object({ bytesPerCyclePerArray: BytesPerCycle, ...Source }, { additionalProperties: false }),
    /** D_main = the original on-chip buffers plus main memory. */
    bandwidth: Type.Object(
      {
        buffers: Count(1024),
        bufferBytes: Count(1 << 30),
        internalBitsPerCyclePerBuffer: Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }),
        externalBytesPerCycle: BytesPerCycle,
        ...Source,
      },
      { additionalProperties: false },
    ),
    switching: Type.Object(
      { toMemoryCycles: Cycles, toComputeCycles: Cycles, method: Type.String(), ...Source },
      { additionalProperties: false },
    ),
    /** Latency_write: writing one array's weights. */
    write: Type.Object({ cyclesPerArray: Cycles, ...Source }, { additionalProperties: false }),
    clock: Type.Object({ mhz: Type.Number({ exclusiveMinimum: 0, maximum: 1e5 }), ...Source }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type DehaSpec = Static<typeof DehaSpec>;

/** The constants the cost model uses (CMSwitch Table 1), derived from a spec. */
export interface Deha {
  name: string;
  arrays: number;
  rows: number;
  /** Weights one array holds per row (cols · cellBits / weightBits). */
  weightCols: number;
  /** OP_cim at full use: MACs per cycle of one compute-mode array. */
  macsPerCycle: number;
  /** Cycles of one pass of an input vector (activationBits / inputBitsPerCycle slices × cycles per slice). */
  passCycles: number;
  /** D_cim, bytes per cycle of one memory-mode array. */
  memoryBytesPerCycle: number;
  /** D_main, bytes per cycle from the buffers and main memory. */
  mainBytesPerCycle: number;
  /** Bytes one memory-mode array stores. */
  arrayBytes: number;
  bytesPerElement: number;
  /** Bytes of one stored weight. */
  bytesPerWeight: number;
  toMemoryCycles: number;
  toComputeCycles: number;
  writeCyclesPerArray: number;
  /** Main-memory bandwidth a write-back uses. */
  writeBackBytesPerCycle: number;
  clockMhz: number;
  spec: DehaSpec;
}

export function deriveDeha(spec: DehaSpec, file?: string): Deha {
  const fail = (pointer: string, message: string): never => {
    throw new UserError(message, { file: file ?? spec.name, pointer });
  };
  const { rows, cols, cellBits } = spec.array;
  const { weightBits, activationBits, inputBitsPerCycle } = spec.compute;
  const weightCols = Math.floor((cols * cellBits) / weightBits);
  if (weightCols < 1) fail("/compute/weightBits", `a ${weightBits}-bit weight needs more than the ${cols} columns × ${cellBits} bits of an array row`);
  if (inputBitsPerCycle > activationBits) fail("/compute/inputBitsPerCycle", `exceeds activationBits ${activationBits}`);
  const passCycles = Math.ceil(activationBits / inputBitsPerCycle) * (spec.compute.cyclesPerInputSlice ?? 1);
  const b = spec.bandwidth;
  return {
    name: spec.name,
    arrays: spec.chip.arrays,
    rows,
    weightCols,
    macsPerCycle: (rows * weightCols) / passCycles,
    passCycles,
    memoryBytesPerCycle: spec.memoryMode.bytesPerCyclePerArray,
    mainBytesPerCycle: (b.buffers * b.internalBitsPerCyclePerBuffer) / 8 + b.externalBytesPerCycle,
    arrayBytes: (rows * cols * cellBits) / 8,
    bytesPerElement: Math.ceil(activationBits / 8),
    bytesPerWeight: Math.ceil(weightBits / 8),
    toMemoryCycles: spec.switching.toMemoryCycles,
    toComputeCycles: spec.switching.toComputeCycles,
    writeCyclesPerArray: spec.write.cyclesPerArray,
    writeBackBytesPerCycle: b.externalBytesPerCycle,
    clockMhz: spec.clock.mhz,
    spec,
  };
}

/** specs/deha/, found from this module so the CLI works from any working directory. */
export const DEHA_DIR = packagePath("specs", "deha") + sep;

export function listDehaPresets(): string[] {
  return readdirSync(DEHA_DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
}

/** A built-in preset by name (dynaplasia, prime-reram) or a DEHA .json file. */
export function loadDeha(nameOrFile: string): Deha {
  const builtIn = listDehaPresets().includes(nameOrFile);
  const file = builtIn ? `${DEHA_DIR}${nameOrFile}.json` : nameOrFile;
  if (!builtIn && (!nameOrFile.toLowerCase().endsWith(".json") || !existsSync(nameOrFile))) {
    throw new UserError(`expected a DEHA preset (${listDehaPresets().join(", ")}) or a .json file, found "${nameOrFile}"`, { pointer: "--hw" });
  }
  const shown = builtIn ? `specs/deha/${nameOrFile}.json` : file;
  return deriveDeha(validate(DehaSpec, readJsonFile(file), shown), shown);
}
