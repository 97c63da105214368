/**
 * What a CLSA-CIM scheduling run is asked (ScheduleOptions) and what it reports (ScheduleResult, the content
 * of schedule.json). TypeBox is the single source of the result's TS type and of its JSON Schema, so the HTML
 * report can validate a schedule.json it reads.
 */
import { Type, type Static } from "@sinclair/typebox";
import { literals } from "../../io/schema-util.ts";

export const SCHEDULE_SCHEMA_VERSION = 1;

export const Policy = literals(["cross-layer", "layer-by-layer"] as const);
export type Policy = Static<typeof Policy>;
export const PolicyChoice = literals(["cross-layer", "layer-by-layer", "both"] as const);
export type PolicyChoice = Static<typeof PolicyChoice>;
export const Granularity = literals(["row", "block", "layer"] as const);
export type Granularity = Static<typeof Granularity>;
export const DuplicationMode = literals(["keep", "none", "greedy", "explicit"] as const);
export type DuplicationMode = Static<typeof DuplicationMode>;

export interface ScheduleOptions {
  /** Default "both": cross-layer and the layer-by-layer baseline on the same mapping. */
  policy?: PolicyChoice;
  /** Set size: one OFM row (default), one MVM step of all copies, or the whole layer. */
  granularity?: Granularity;
  /** Latency added on every edge into a computing layer (default 0, as in CLSA-CIM). */
  transferNs?: number;
  /**
   * keep: the arch's mapping; none: one copy per layer; greedy: CLSA-CIM's greedy pass on the chip's crossbars;
   * a vector (indexed like network.layers, 1 for layers without weights): those copies.
   * Default: keep when the arch maps this network, greedy otherwise.
   */
  duplication?: "keep" | "none" | "greedy" | number[];
  /** Fixed latency of every GPEU set (non-MVM layers), overriding the preset's ALU rows. */
  gpeuNsPerSet?: number;
  /** Also schedule layer-by-layer without duplication, the paper's state-of-the-art baseline (default true). */
  baseline?: boolean;
  /** The arch file (error locations). */
  file?: string;
}

// Finite ranges (a schedule longer than a day or a count beyond 2^53 is a bug, not a result).
const NonNeg = Type.Number({ minimum: 0, maximum: 1e14 });
const Count = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const PositiveCount = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Bits = Type.Integer({ minimum: 1, maximum: 32 });

export const RunSummary = Type.Object(
  {
    policy: Policy,
    makespanNs: NonNeg,
    /** Σ crossbar busy time / (crossbars on the chip × makespan). */
    utilisation: NonNeg,
    /** Σ crossbar busy time / (crossbars holding weights × makespan). */
    mappedUtilisation: NonNeg,
  },
  { additionalProperties: false },
);
export type RunSummary = Static<typeof RunSummary>;

export const LayerTimes = Type.Object({ startNs: NonNeg, endNs: NonNeg }, { additionalProperties: false });
export type LayerTimes = Static<typeof LayerTimes>;

export const LayerSchedule = Type.Object(
  {
    name: Type.String(),
    kind: Type.String(),
    /** mvm: crossbar copies; vector/route: a GPEU lane. */
    role: literals(["mvm", "vector", "route"] as const),
    /** Weight copies (mvm) or 1 (one GPEU lane). */
    copies: PositiveCount,
    crossbarsPerCopy: Count,
    outPixels: Count,
    sets: Count,
    /** Output pixels per set (the last set may hold fewer). */
    setPixels: Count,
    /** Busy time of each copy (or of the GPEU lane); the same under both policies. */
    copyBusyNs: Type.Array(NonNeg),
    crossLayer: Type.Optional(LayerTimes),
    layerByLayer: Type.Optional(LayerTimes),
  },
  { additionalProperties: false },
);
export type LayerSchedule = Static<typeof LayerSchedule>;

export const ScheduleResult = Type.Object(
  {
    schemaVersion: Type.Literal(SCHEDULE_SCHEMA_VERSION),
    network: Type.Object({ name: Type.String(), hash: Type.String() }, { additionalProperties: false }),
    arch: Type.Object(
      {
        name: Type.String(),
        preset: Type.String(),
        /** PEs: crossbars on the chip (hardwareTotals). */
        crossbars: Count,
        crossbarSize: Type.Integer({ minimum: 1, maximum: 4096 }),
        cellBits: Bits,
        dacBits: Bits,
        weightBits: Bits,
        activationBits: Bits,
      },
      { additionalProperties: false },
    ),
    options: Type.Object(
      {
        policy: PolicyChoice,
        granularity: Granularity,
        transferNs: NonNeg,
        duplication: DuplicationMode,
        /**
         * design: the design's own allocation times every block (stage times of its ADCs, ALUs, buffers, NoC;
         * duplication keep); t-mvm: CLSA-CIM's unit times (t_MVM per pixel, one GPEU lane per vector layer).
         */
        timing: Type.Optional(literals(["design", "t-mvm"] as const)),
        /** Set when a fixed GPEU latency per set replaced the preset's ALU rows. */
        gpeuNsPerSet: Type.Optional(NonNeg),
      },
      { additionalProperties: false },
    ),
    timing: Type.Object(
      {
        crossbarReadNs: NonNeg,
        bitIterations: Type.Integer({ minimum: 1, maximum: 32 }),
        /** t_MVM: one MVM round of one copy (one output pixel) = bit iterations × read latency. */
        mvmRoundNs: NonNeg,
      },
      { additionalProperties: false },
    ),
    mapping: Type.Object(
      {
        /** Crossbars holding weights: Σ copies × crossbars per copy. */
        crossbarsUsed: Count,
        /** Σ crossbars per copy: one copy of every layer. */
        minCrossbars: Count,
        /** Σ over crossbars of their busy time (ns), the numerator of both utilisations. */
        crossbarBusyNs: NonNeg,
      },
      { additionalProperties: false },
    ),
    sets: Count,
    /** Σ over sets of the producer sets each depends on. */
    dependencies: Count,
    runs: Type.Array(RunSummary),
    /** Both policies run: layer-by-layer makespan / cross-layer makespan, and the utilisation ratio. */
    speedup: Type.Optional(NonNeg),
    utilisationGain: Type.Optional(NonNeg),
    /** Layer-by-layer without duplication (the paper's baseline) against this run's best policy. */
    baseline: Type.Optional(
      Type.Object(
        {
          makespanNs: NonNeg,
          utilisation: NonNeg,
          mappedUtilisation: NonNeg,
          crossbarsUsed: Count,
          /** baseline makespan / best makespan of this run. */
          speedup: NonNeg,
          /** best run's utilisation / baseline's (both over the chip's crossbars). */
          utilisationGain: NonNeg,
          /** The same over the crossbars each mapping uses. */
          mappedUtilisationGain: NonNeg,
        },
        { additionalProperties: false },
      ),
    ),
    layers: Type.Array(LayerSchedule),
  },
  { additionalProperties: false },
);
export type ScheduleResult = Static<typeof ScheduleResult>;
