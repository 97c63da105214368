/**
 * Hardware of a multi-core SRAM compute-in-memory accelerator as the MIREDO dataflow optimiser sees it
 * (docs/dataflow.md): ordered memory levels from DRAM inward, each with size, bandwidth, energy per bit and the
 * operands it may hold; spatial axes (cores, macro rows, macro columns) with the loops each may unroll; the macro;
 * operand precisions and leakage. Built-in descriptions live in specs/hardware/*.json, every row cited. This
 * module knows no network (style.md §7).
 */
import { existsSync, readdirSync } from "node:fs";
import { resolve, sep } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import { joinPointer, UserError } from "../errors.ts";
import { readJsonFile, validate } from "../io/json.ts";
import { literals } from "../io/schema-util.ts";
import { packagePath } from "../paths.ts";

export const OPERANDS = ["I", "W", "O"] as const;
export type Operand = (typeof OPERANDS)[number];
export const LOOP_DIMS = ["R", "S", "P", "Q", "C", "K", "G"] as const;
export type LoopDim = (typeof LOOP_DIMS)[number];

const Source = Type.String({ minLength: 3, maxLength: 2000 });
const Note = Type.Optional(Type.String({ maxLength: 2000 }));
const Bandwidth = Type.Number({ exclusiveMinimum: 0, maximum: 1e6 });
const PjPerBit = Type.Number({ minimum: 0, maximum: 1e4 });

export const MemoryLevel = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    /** dram: the off-chip source of every operand; buffer: SRAM scratchpad; register: a register file next to the macro. */
    kind: literals(["dram", "buffer", "register"] as const),
    /** Capacity of one instance (per core when perCore). */
    sizeBits: Type.Number({ minimum: 1, maximum: 1e13 }),
    readBitsPerCycle: Bandwidth,
    writeBitsPerCycle: Bandwidth,
    readPjPerBit: PjPerBit,
    writePjPerBit: PjPerBit,
    operands: Type.Array(literals(OPERANDS), { minItems: 1, maxItems: 3, uniqueItems: true }),
    /** One instance per core (true) or one shared by all cores (false). */
    perCore: Type.Boolean(),
    /** A level that may hold no loop at all (a bypassed register costs one extra cycle per transfer). */
    bypassable: Type.Boolean(),
    /** A level that may be split into two halves so a transfer into it overlaps the work on the other half. */
    doubleBufferable: Type.Boolean(),
    source: Source,
    note: Note,
  },
  { additionalProperties: false },
);
export type MemoryLevel = Static<typeof MemoryLevel>;

export const SpatialAxis = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    /** cores: the core array (fed from the shared levels); macroRows / macroColumns: inside each core's macro. */
    kind: literals(["cores", "macroRows", "macroColumns"] as const),
    size: Type.Integer({ minimum: 1, maximum: 65536 }),
    loops: Type.Array(literals(LOOP_DIMS), { minItems: 1, maxItems: 7, uniqueItems: true }),
    source: Source,
    note: Note,
  },
  { additionalProperties: false },
);
export type SpatialAxis = Static<typeof SpatialAxis>;

export const MacroSpec = Type.Object(
  {
    /** Weight tiles resident per compute cell (storage-to-compute ratio). */
    compartmentDepth: Type.Integer({ minimum: 1, maximum: 1024 }),
    /** Cycles of one bit-serial MAC step (input bits at 1 bit/cycle). */
    tMacCycles: Type.Integer({ minimum: 1, maximum: 1024 }),
    /** Ping-pong weight store: weight loads overlap compute, same total capacity. */
    pingPong: Type.Boolean(),
    /** Energy of one macro activation (all rows × columns, t_MAC cycles). */
    activationPj: Type.Number({ minimum: 0, maximum: 1e9 }),
    /** Weight write port of the macro (memory mode). */
    writeBitsPerCycle: Bandwidth,
    writePjPerBit: PjPerBit,
    source: Source,
    note: Note,
  },
  { additionalProperties: false },
);

export const Precision = Type.Object(
  {
    inputBits: Type.Integer({ minimum: 1, maximum: 64 }),
    weightBits: Type.Integer({ minimum: 1, maximum: 64 }),
    psumBits: Type.Integer({ minimum: 1, maximum: 64 }),
    outputBits: Type.Integer({ minimum: 1, maximum: 64 }),
    source: Source,
  },
  { additionalProperties: false },
);

export const DATAFLOW_HW_SCHEMA_VERSION = 1;

export const DataflowHardware = Type.Object(
  {
    schemaVersion: Type.Literal(DATAFLOW_HW_SCHEMA_VERSION),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 2000 }),
    technologyNm: Type.Number({ minimum: 1, maximum: 1000 }),
    /** Memory levels, outermost (DRAM) first; the macro is the innermost weight level and is described below. */
    levels: Type.Array(MemoryLevel, { minItems: 2, maxItems: 16 }),
    spatial: Type.Array(SpatialAxis, { minItems: 3, maxItems: 3 }),
    macro: MacroSpec,
    precision: Precision,
    leakage: Type.Object(
      { pjPerCycle: Type.Number({ minimum: 0, maximum: 1e9 }), source: Source, note: Note },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type DataflowHardware = Static<typeof DataflowHardware>;

/** specs/hardware/, found from this module so the CLI works from any working directory. */
export const DATAFLOW_HW_DIR = packagePath("specs", "hardware") + sep;

export interface DataflowHardwareInfo {
  name: string;
  description: string;
  technologyNm: number;
  file: string;
}

function builtinNames(): string[] {
  return readdirSync(DATAFLOW_HW_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

export function listDataflowHardware(): DataflowHardwareInfo[] {
  return builtinNames().map((name) => {
    const hw = loadDataflowHardware(name);
    return { name, description: hw.description, technologyNm: hw.technologyNm, file: resolve(DATAFLOW_HW_DIR, `${name}.json`) };
  });
}

/** A built-in name (specs/hardware/<name>.json) or a path to a hardware JSON file; validated and checked. */
export function loadDataflowHardware(nameOrFile: string): DataflowHardware {
  const names = builtinNames();
  let file: string;
  if (names.includes(nameOrFile)) file = resolve(DATAFLOW_HW_DIR, `${nameOrFile}.json`);
  else if (/[\\/]/.test(nameOrFile) || nameOrFile.endsWith(".json") || existsSync(nameOrFile)) file = nameOrFile;
  else throw new UserError(`unknown hardware "${nameOrFile}"; expected one of ${names.join(", ")} or a path to a hardware JSON file`, { pointer: "--hw" });
  return checkDataflowHardware(validate(DataflowHardware, readJsonFile(file), file), file);
}

/** What the schema cannot say: the level order, each operand's chain, the axes' loops, room for one MAC. */
export function checkDataflowHardware(hw: DataflowHardware, file: string): DataflowHardware {
  const fail = (message: string, ...pointer: (string | number)[]): never => {
    throw new UserError(message, { file, pointer: joinPointer(...pointer) });
  };
  if (hw.levels[0].kind !== "dram") fail('expected the outermost level to be of kind "dram"', "levels", 0, "kind");
  if (!hw.levels[0].operands.length || OPERANDS.some((op) => !hw.levels[0].operands.includes(op))) {
    fail("expected the DRAM level to hold every operand (I, W, O)", "levels", 0, "operands");
  }
  const names = new Set<string>();
  hw.levels.forEach((l, k) => {
    if (names.has(l.name)) fail(`duplicate level name "${l.name}"`, "levels", k, "name");
    names.add(l.name);
    if (k > 0 && l.kind === "dram") fail("expected only the outermost level to be DRAM", "levels", k, "kind");
    if (l.kind !== "register" && l.bypassable) fail("expected only registers to be bypassable", "levels", k, "bypassable");
    if (l.kind === "register" && l.doubleBufferable) fail("expected registers not to be double-bufferable", "levels", k, "doubleBufferable");
    if (k > 0 && hw.levels[k - 1].perCore && !l.perCore) fail("expected every shared level outside (before) the per-core levels", "levels", k, "perCore");
  });
  // A register is the innermost level of each operand it holds (nothing sits between it and the macro).
  for (const op of OPERANDS) {
    const chain = hw.levels.map((l, k) => ({ l, k })).filter(({ l }) => l.operands.includes(op));
    chain.forEach(({ l, k }, j) => {
      if (l.kind === "register" && j !== chain.length - 1) fail(`expected the register to be the innermost level of operand ${op}`, "levels", k, "operands");
    });
  }
  const kinds = hw.spatial.map((a) => a.kind);
  for (const kind of ["cores", "macroRows", "macroColumns"] as const) {
    if (kinds.filter((k) => k === kind).length !== 1) fail(`expected exactly one spatial axis of kind "${kind}"`, "spatial");
  }
  // What each axis can physically unroll: the macro's rows reduce (R, S, C), its columns are output channels.
  const allowed: Record<SpatialAxis["kind"], readonly LoopDim[]> = { cores: ["P", "Q", "K", "G"], macroRows: ["R", "S", "C"], macroColumns: ["K"] };
  hw.spatial.forEach((a, k) => {
    a.loops.forEach((d, j) => {
      if (!allowed[a.kind].includes(d)) fail(`the ${a.kind} axis cannot unroll loop ${d}; expected a subset of ${allowed[a.kind].join(", ")}`, "spatial", k, "loops", j);
    });
  });
  // Room for the operands of one MAC step in every level that holds them.
  const rows = axisOf(hw, "macroRows").size;
  const cols = axisOf(hw, "macroColumns").size;
  const p = hw.precision;
  hw.levels.forEach((l, k) => {
    let need = 0;
    if (l.operands.includes("I")) need += p.inputBits;
    if (l.operands.includes("W")) need += p.weightBits;
    if (l.operands.includes("O")) need += p.psumBits;
    if (l.kind === "register") {
      // A register holds at least one macro step's vector of each operand it serves.
      need = (l.operands.includes("I") ? rows * p.inputBits : 0) + (l.operands.includes("O") ? cols * p.psumBits : 0) + (l.operands.includes("W") ? p.weightBits : 0);
    }
    if (l.sizeBits < need) fail(`level "${l.name}" holds ${l.sizeBits} bits; one MAC step needs at least ${need}`, "levels", k, "sizeBits");
  });
  return hw;
}

export function axisOf(hw: DataflowHardware, kind: SpatialAxis["kind"]): SpatialAxis {
  return hw.spatial.find((a) => a.kind === kind) as SpatialAxis;
}

/** Weight capacity of one core's macro: rows × INT columns × compartment depth × weight bits. */
export function macroSizeBits(hw: DataflowHardware): number {
  return axisOf(hw, "macroRows").size * axisOf(hw, "macroColumns").size * hw.macro.compartmentDepth * hw.precision.weightBits;
}
