/**
 * The architecture spec (arch.json): a `hardware` section (the chip as a tree of levels with counts and
 * per-level components drawn from a preset) and an optional `mapping` section (one network on it).
 * TypeBox is the single source of the TS types and of specs/arch.schema.json.
 *
 * The tree expresses both templates:
 *  - PIMSYN: chip → macro (one level entry per macro kind; ADC bank, ALUs and scratchpad per macro) → PE
 *    (one crossbar, its DACs and S&H);
 *  - ISAAC: chip → tile (eDRAM, bus, router share, ALUs) → IMA (ADCs, DACs, S&H, crossbars, registers).
 */
import { Type, type Static } from "@sinclair/typebox";
import { literals } from "../io/schema-util.ts";
import { AluOp } from "./components.ts";

export const ARCH_SCHEMA_VERSION = 1;

/*
 * Every number has a finite range (1e999 reads as Infinity). The bounds are far beyond any chip a power budget
 * allows (ISAAC's 168 tiles hold 1,344 IMAs); whether counts agree with each other is checked in arch-check.ts.
 */
const MAX_COUNT = 10_000_000;
const Bits = Type.Integer({ minimum: 1, maximum: 32 });
const PositiveInt = Type.Integer({ minimum: 1, maximum: MAX_COUNT });
const NonNegInt = Type.Integer({ minimum: 0, maximum: MAX_COUNT });

/** Which preset row a component instance uses. Unset keys default from `hardware` (adcBits, dacBits, crossbar). */
export const ComponentSelect = Type.Object(
  {
    bits: Type.Optional(Bits),
    op: Type.Optional(AluOp),
    capacityKb: Type.Optional(Type.Integer({ minimum: 1, maximum: 1 << 24 })),
    name: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const ComponentUse = Type.Object(
  {
    kind: literals(["crossbar", "adc", "dac", "sampleHold", "alu", "scratchpad", "register", "bus", "router", "offChipLink"] as const),
    count: NonNegInt,
    select: Type.Optional(ComponentSelect),
    /** One instance serves this many parent-level units (ISAAC: a router shared by 4 tiles). */
    sharedBy: Type.Optional(PositiveInt),
    /** Free text: what the instances are for ("ADC bank", "input register"). */
    role: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ComponentUse = Static<typeof ComponentUse>;

export interface Level {
  level: "chip" | "macro" | "tile" | "group" | "ima" | "pe";
  /** Unique among siblings: e.g. "macro:conv1" for a specialised macro kind. */
  name: string;
  count: number;
  components: ComponentUse[];
  children: Level[];
}

export const Level = Type.Recursive(
  (This) =>
    Type.Object(
      {
        level: literals(["chip", "macro", "tile", "group", "ima", "pe"] as const),
        name: Type.String({ minLength: 1 }),
        count: NonNegInt,
        components: Type.Array(ComponentUse),
        children: Type.Array(This),
      },
      { additionalProperties: false },
    ),
  { $id: "Level" },
);

export const Hardware = Type.Object(
  {
    template: Type.Union([Type.Literal("pimsyn"), Type.Literal("isaac"), Type.Literal("custom")]),
    crossbar: Type.Object({ size: Type.Integer({ minimum: 1, maximum: 4096 }), cellBits: Bits }, { additionalProperties: false }),
    dacBits: Bits,
    adcBits: Bits,
    weightBits: Bits,
    activationBits: Bits,
    /** Share of the power budget given to crossbars (PIMSYN RatioRram); informational for hand-written specs. */
    crossbarPowerRatio: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    noc: Type.Object(
      {
        meshRows: Type.Integer({ minimum: 1, maximum: 4096 }),
        meshCols: Type.Integer({ minimum: 1, maximum: 4096 }),
        /** Macros/tiles served by one router (ISAAC concentrated mesh: 4). */
        unitsPerRouter: PositiveInt,
      },
      { additionalProperties: false },
    ),
    chip: Level,
  },
  { additionalProperties: false },
);
export type Hardware = Static<typeof Hardware>;

/** Per-layer unit counts available to a layer (its share of its macros' ADC bank and ALUs). */
export const Allocation = Type.Object(
  {
    adc: Type.Optional(NonNegInt),
    shiftAdd: Type.Optional(NonNegInt),
    add: Type.Optional(NonNegInt),
    pool: Type.Optional(NonNegInt),
    relu: Type.Optional(NonNegInt),
    sigmoid: Type.Optional(NonNegInt),
    eltwise: Type.Optional(NonNegInt),
    mul: Type.Optional(NonNegInt),
  },
  { additionalProperties: false },
);
export type Allocation = Static<typeof Allocation>;

export const MappedLayer = Type.Object(
  {
    layer: Type.String({ minLength: 1 }),
    /** Weight copies (conv/fc) or output pixels processed per block (other layers). */
    duplication: PositiveInt,
    /** Crossbars holding one copy of the weights (Eq. 1); 0 for layers without weights. */
    crossbarsPerCopy: NonNegInt,
    /** Macro (or tile) indices on the mesh, row-major, that hold this layer's copies (or host it). */
    macros: Type.Array(NonNegInt),
    /** Name of an earlier layer whose macros and ADC bank this layer shares (inter-layer ADC reuse). */
    sharesWith: Type.Optional(Type.String({ minLength: 1 })),
    allocation: Allocation,
  },
  { additionalProperties: false },
);
export type MappedLayer = Static<typeof MappedLayer>;

export const Mapping = Type.Object(
  {
    network: Type.Object(
      { name: Type.String({ minLength: 1 }), hash: Type.String({ pattern: "^[0-9a-f]{8,64}$" }) },
      { additionalProperties: false },
    ),
    macroMode: Type.Union([Type.Literal("specified"), Type.Literal("unified"), Type.Literal("isaac")]),
    /** Scratchpad per macro actually needed (from the simulator's buffer occupancy), KB. */
    scratchpadKb: Type.Optional(Type.Integer({ minimum: 1, maximum: 1 << 24 })),
    layers: Type.Array(MappedLayer),
  },
  { additionalProperties: false },
);
export type Mapping = Static<typeof Mapping>;

export const ArchSpec = Type.Object(
  {
    schemaVersion: Type.Literal(ARCH_SCHEMA_VERSION),
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    /** Preset whose component rows this spec selects from. */
    preset: Type.String({ minLength: 1 }),
    hardware: Hardware,
    mapping: Type.Optional(Mapping),
    /**
     * The budgets a synthesized design was made under and what it uses of them (peak power, chip area).
     * Informational: `evaluate` recomputes the used figures from the hardware tree and ignores these.
     */
    budget: Type.Optional(
      Type.Object(
        {
          powerW: Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }),
          areaMm2: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6 })),
          usedPowerW: Type.Number({ minimum: 0, maximum: 1e6 }),
          usedAreaMm2: Type.Number({ minimum: 0, maximum: 1e6 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $defs: {} },
);
export type ArchSpec = Static<typeof ArchSpec>;
