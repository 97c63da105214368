/**
 * The component library's data model: one table per component kind, each row a cited, unit-named
 * record (style.md §2). Presets in specs/presets/*.json follow this schema; no hardware number lives in
 * a .ts file. This module knows no network (style.md §7).
 *
 * Power conventions (the PIMSYN reference's): a row's peakPowerMw is what a power budget caps and what
 * chip peak power sums; staticPowerMw is drawn for the whole run; one action (conversion, read, vector
 * op, access) costs dynamic energy = energyPj if given, else dynamicPowerMw × latencyNs.
 */
import { Type, type Static } from "@sinclair/typebox";
import { literals } from "../io/schema-util.ts";

/*
 * Every number has a finite range (a typo like 1e999 parses as Infinity; 0 where a unit must cost something
 * divides by zero downstream). The bounds are generous physical limits, not tuning: a kilowatt per component,
 * a second per action, a square metre of silicon.
 */
const PowerMw = Type.Number({ minimum: 0, maximum: 1e6 });
/** What a budget is divided by (Eq. 3's crossbar share): at least a nanowatt, or budgets become unbounded. */
const PeakPowerMw = Type.Number({ minimum: 1e-6, maximum: 1e6 });
/** One action takes at least a femtosecond (rates are 1 / latency). */
const LatencyNs = Type.Number({ minimum: 1e-6, maximum: 1e9 });
const StoreLatencyNs = Type.Number({ minimum: 0, maximum: 1e9 });
const EnergyPj = Type.Number({ minimum: 0, maximum: 1e9 });
const AreaUm2 = Type.Number({ minimum: 0, maximum: 1e12 });
const Ghz = Type.Number({ minimum: 1e-6, maximum: 1e3 });
const Bits = Type.Integer({ minimum: 1, maximum: 32 });
const Width = Type.Integer({ minimum: 1, maximum: 65_536 });

/** Fields every row has. */
const CostFields = {
  staticPowerMw: PowerMw,
  dynamicPowerMw: PowerMw,
  /** What a power budget caps. Usually static + dynamic; kept separate because sources list it apart. */
  peakPowerMw: PeakPowerMw,
  /** Time one action occupies the unit (conversion, read, vector op, access, hop). */
  latencyNs: LatencyNs,
  /** Actions per ns one unit sustains (GHz); used for allocation. Omitted: 1 / latencyNs. */
  rateGhz: Type.Optional(Ghz),
  /** Dynamic energy of one action. Omitted: dynamicPowerMw × latencyNs. */
  energyPj: Type.Optional(EnergyPj),
  areaUm2: AreaUm2,
  /** Citation: paper/table or repository/file and the derivation arithmetic. Required on every row. */
  source: Type.String({ minLength: 3 }),
  /** Where a figure was chosen among conflicting sources, or an anomaly kept visible: why. */
  note: Type.Optional(Type.String()),
  /** Source of the area figure when it differs from `source` (e.g. area from ISAAC, power from PIMSYN). */
  areaSource: Type.Optional(Type.String()),
};

export const CrossbarRow = Type.Object(
  {
    size: Type.Integer({ minimum: 8, maximum: 4096 }),
    /** Cell resolutions this row applies to. */
    cellBits: Type.Array(Bits, { minItems: 1 }),
    ...CostFields,
  },
  { additionalProperties: false },
);
export const AdcRow = Type.Object({ bits: Bits, ...CostFields }, { additionalProperties: false });
export const DacRow = Type.Object({ bits: Bits, ...CostFields }, { additionalProperties: false });

/** Digital units. `op` names the vector operation: shiftAdd, add (partial sums), pool, relu, sigmoid, eltwise, mul. */
export const AluOp = literals(["shiftAdd", "add", "pool", "relu", "sigmoid", "eltwise", "mul"] as const);
export type AluOp = Static<typeof AluOp>;
export const AluRow = Type.Object(
  {
    op: AluOp,
    /** Elements one action processes (PIMSYN vfu_width = 32). */
    vectorWidth: Width,
    ...CostFields,
  },
  { additionalProperties: false },
);

export const SampleHoldRow = Type.Object({ ...CostFields }, { additionalProperties: false });

/** Scratchpad / eDRAM buffer of one macro or tile. Energies per access of accessBits. */
export const ScratchpadRow = Type.Object(
  {
    capacityKb: Type.Integer({ minimum: 1, maximum: 1 << 24 }),
    accessBits: Type.Integer({ minimum: 8, maximum: 65_536 }),
    readLatencyNs: StoreLatencyNs,
    writeLatencyNs: StoreLatencyNs,
    readEnergyPj: EnergyPj,
    writeEnergyPj: EnergyPj,
    ...CostFields,
  },
  { additionalProperties: false },
);

/** Registers: input/output registers of an IMA or tile. */
export const RegisterRow = Type.Object(
  { name: Type.String({ minLength: 1 }), sizeBytes: Type.Integer({ minimum: 1, maximum: 1 << 30 }), ...CostFields },
  { additionalProperties: false },
);

export const BusRow = Type.Object(
  { name: Type.String({ minLength: 1 }), widthBits: Width, ...CostFields },
  { additionalProperties: false },
);

/** One router (or a whole-NoC constant when `wholeNoc`); flit energy per hop = energyPj. */
export const RouterRow = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    flitBits: Width,
    ports: Type.Integer({ minimum: 1, maximum: 1024 }),
    /** Power figure is for the whole NoC regardless of size (the PIMSYN reference's 0.104 W). */
    wholeNoc: Type.Optional(Type.Boolean()),
    ...CostFields,
  },
  { additionalProperties: false },
);

export const OffChipLinkRow = Type.Object(
  { name: Type.String({ minLength: 1 }), bandwidthGBps: Type.Number({ minimum: 1e-6, maximum: 1e6 }), ...CostFields },
  { additionalProperties: false },
);

/** Design-wide constants of a preset, each cited. */
export const PresetGlobals = Type.Object(
  {
    weightBits: Bits,
    activationBits: Bits,
    /** One crossbar read (one input-bit iteration). */
    crossbarReadNs: LatencyNs,
    /** Bits per flit on the macro NoC. */
    flitBits: Width,
    /** Clock of the digital/NoC logic; a flit hop takes one cycle. */
    nocClockGhz: Ghz,
    source: Type.String({ minLength: 3 }),
  },
  { additionalProperties: false },
);

export const PRESET_SCHEMA_VERSION = 1;

export const Preset = Type.Object(
  {
    schemaVersion: Type.Literal(PRESET_SCHEMA_VERSION),
    name: Type.String({ minLength: 1 }),
    description: Type.String(),
    technologyNm: Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()]),
    /** Bibliography: key → full reference. Row `source` fields start with one of these keys. */
    references: Type.Record(Type.String(), Type.String()),
    globals: PresetGlobals,
    crossbar: Type.Array(CrossbarRow, { minItems: 1 }),
    adc: Type.Array(AdcRow, { minItems: 1 }),
    dac: Type.Array(DacRow, { minItems: 1 }),
    sampleHold: Type.Array(SampleHoldRow),
    alu: Type.Array(AluRow, { minItems: 1 }),
    scratchpad: Type.Array(ScratchpadRow, { minItems: 1 }),
    register: Type.Array(RegisterRow),
    bus: Type.Array(BusRow),
    router: Type.Array(RouterRow, { minItems: 1 }),
    offChipLink: Type.Array(OffChipLinkRow),
  },
  { additionalProperties: false },
);
export type Preset = Static<typeof Preset>;
export type CrossbarRow = Static<typeof CrossbarRow>;
export type AdcRow = Static<typeof AdcRow>;
export type DacRow = Static<typeof DacRow>;
export type AluRow = Static<typeof AluRow>;
export type ScratchpadRow = Static<typeof ScratchpadRow>;
export type RouterRow = Static<typeof RouterRow>;
export type RegisterRow = Static<typeof RegisterRow>;
export type BusRow = Static<typeof BusRow>;
export type OffChipLinkRow = Static<typeof OffChipLinkRow>;
export type SampleHoldRow = Static<typeof SampleHoldRow>;

/** Kinds of component tables in a preset. */
export const COMPONENT_KINDS = [
  "crossbar",
  "adc",
  "dac",
  "sampleHold",
  "alu",
  "scratchpad",
  "register",
  "bus",
  "router",
  "offChipLink",
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** Dynamic energy of one action of a row (pJ; mW × ns = pJ). */
export function actionEnergyPj(row: { energyPj?: number; dynamicPowerMw: number; latencyNs: number }): number {
  return row.energyPj ?? row.dynamicPowerMw * row.latencyNs;
}

/**
 * NoC traffic energy of one `flitBits`-bit flit over one hop through a router row: the row's energy per bit per hop
 * (its action energy over its own flit width) × flitBits. A whole-NoC constant row has no traffic energy.
 */
export function flitHopEnergyPj(row: { energyPj?: number; dynamicPowerMw: number; latencyNs: number; flitBits: number; wholeNoc?: boolean }, flitBits: number): number {
  return row.wholeNoc ? 0 : (actionEnergyPj(row) / row.flitBits) * flitBits;
}

/** Actions per ns of one unit. */
export function rateGhz(row: { rateGhz?: number; latencyNs: number }): number {
  if (row.rateGhz !== undefined) return row.rateGhz;
  return row.latencyNs > 0 ? 1 / row.latencyNs : Infinity;
}
