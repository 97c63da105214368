/**
 * The parts of a run directory's JSON files that the report reads, as TypeBox schemas. Only fields the report
 * uses are listed and extra fields are allowed, so runs written by older or newer versions render as long as
 * these fields are there; a missing or mistyped field is a UserError naming the file and JSON pointer.
 * Non-finite numbers are written by JSON.stringify as null, hence the nullable traces.
 */
import { Type, type Static } from "@sinclair/typebox";

const Num = Type.Number();
const NullableNum = Type.Union([Type.Number(), Type.Null()]);
const Int = Type.Integer({ minimum: 0 });
const Str = Type.String();

export const KindTotals = Type.Object({ peakPowerW: Num, staticPowerW: Num, areaMm2: Num, units: Num });

export const LayerRow = Type.Object({
  name: Str,
  kind: Str,
  role: Str,
  duplication: Num,
  crossbars: Num,
  macros: Num,
  adc: Num,
  blocks: Num,
  busyNs: Num,
  startNs: Num,
  endNs: Num,
  latencyShare: Num,
  bottleneck: Str,
  /** Absent in runs written before the per-layer energy chart. */
  dynamicEnergyPj: Type.Optional(Num),
});
export type LayerRow = Static<typeof LayerRow>;

const Baseline = Type.Object({
  name: Str,
  description: Type.Optional(Str),
  gopsPerW: Num,
  throughputTops: Num,
  peakPowerW: Num,
  latencyNs: Num,
  withinBudget: Type.Optional(Type.Boolean()),
  note: Type.Optional(Str),
});

export const RunMetrics = Type.Object({
  schemaVersion: Type.Integer({ minimum: 1 }),
  tool: Type.Object({ name: Str, version: Str }),
  inputs: Type.Object({
    model: Str,
    network: Type.Object({ name: Str, hash: Str, layers: Int, macs: Num, ops: Num }),
    preset: Type.Object({ name: Str, hash: Str }),
    powerBudgetW: Num,
    areaBudgetMm2: Type.Optional(Num),
    seed: Type.Integer(),
    options: Type.Record(Type.String(), Type.Unknown()),
  }),
  status: Str,
  summary: Type.Object({
    gopsPerW: Num,
    simulatedGopsPerW: Type.Optional(Num),
    throughputTops: Num,
    latencyTops: Type.Optional(Num),
    latencyNs: Num,
    simulatedLatencyNs: Type.Optional(Num),
    periodNs: Num,
    powerUsedW: Num,
    powerBudgetW: Num,
    budgetNote: Type.Optional(Str),
    crossbarPowerShare: Type.Optional(Num),
    areaMm2: Num,
    areaBudgetMm2: Type.Optional(Num),
    spaceBoundGopsPerW: Type.Optional(Num),
    fractionOfSpaceBound: Type.Optional(Num),
    noStaticGopsPerW: Type.Optional(Num),
    dynamicEnergyShare: Type.Optional(Num),
    gainOverBaseline: Type.Optional(Num),
    gainNote: Type.Optional(Str),
    crossbarSize: Int,
    cellBits: Int,
    dacBits: Int,
    adcBits: Int,
    crossbarPowerRatio: Num,
    macroMode: Str,
    macros: Int,
    mesh: Str,
    scratchpadKb: Num,
    simulatedScratchpadKbNeeded: Type.Optional(Num),
    analyticScratchpadKb: Type.Optional(Num),
    scratchpadShortfallKb: Type.Optional(Num),
    scratchpadNote: Type.Optional(Str),
    crossbars: Num,
  }),
  design: Type.Object({
    hardware: Type.Object({
      peakPowerW: Num,
      staticPowerW: Num,
      areaMm2: Num,
      crossbars: Num,
      byKind: Type.Record(Type.String(), KindTotals),
    }),
    mapping: Type.Object({
      latencyNs: Num,
      periodNs: Num,
      throughputTops: Num,
      gopsPerW: Num,
      energyPerInferencePj: Num,
      dynamicEnergyPj: Num,
      staticEnergyPj: Num,
      energyByKindPj: Type.Record(Type.String(), Num),
      layers: Type.Array(LayerRow),
      bottleneckLayer: Str,
    }),
  }),
  baseline: Baseline,
  baselineWeightsOnce: Type.Optional(Baseline),
  /** Effects the run's figures leave out (older runs have none). */
  notModelled: Type.Optional(Type.Array(Str)),
  search: Type.Object({
    outerPoints: Int,
    feasiblePoints: Int,
    infeasiblePoints: Int,
    prunedPoints: Int,
    evaluatedPoints: Int,
    evaluations: Int,
    saEvaluations: Int,
    minimumFeasiblePowerW: NullableNum,
    finalists: Type.Array(
      Type.Object({
        point: Int,
        gopsPerW: Num,
        analyticGopsPerW: Num,
        exactAllocation: Type.Optional(Str),
        scratchpadKb: Type.Optional(Num),
        simulatedScratchpadKbNeeded: Type.Optional(Num),
        scratchpadShortfallKb: Type.Optional(Num),
      }),
    ),
  }),
});
export type RunMetrics = Static<typeof RunMetrics>;

export const RunTraces = Type.Object({
  sa: Type.Array(
    Type.Object({
      point: Int,
      levels: Type.Array(Type.Object({ temperature: Num, meanEnergy: NullableNum, bestEnergy: NullableNum, acceptRate: Num })),
    }),
  ),
  ea: Type.Array(
    Type.Object({
      point: Int,
      candidate: Int,
      dacBits: Int,
      generations: Type.Array(Type.Object({ generation: Int, best: NullableNum, median: NullableNum, evaluations: Num })),
    }),
  ),
  timeline: Type.Array(Type.Object({ layer: Str, startNs: Num, endNs: Num, busyNs: Num, bottleneck: Str })),
});
export type RunTraces = Static<typeof RunTraces>;

export const RunTiming = Type.Object({ wallMs: Num });
export type RunTiming = Static<typeof RunTiming>;
