/**
 * The files of a dataflow run: mapping.json (per layer: scheme, loop nest with the level of every loop per
 * operand, buffering, bypass, predicted and simulated figures, stalls, MILP records) and metrics.json (totals,
 * baselines, gains, agreement). Both deterministic: wall times live in timing.json only. TypeBox is the single
 * source of the types and of specs/dataflow-*.schema.json.
 */
import { Type, type Static } from "@sinclair/typebox";
import { OPERANDS, type DataflowHardware, type Operand } from "../../hardware/dataflow-hw.ts";
import type { Network } from "../../network/types.ts";
import { TOOL_VERSION } from "../../version.ts";
import type { LayerResult } from "./optimize.ts";
import type { Simulation } from "./simulate.ts";

const Num = Type.Number({ minimum: 0, maximum: 1e30 });
const Ratio = Type.Number({ minimum: 0, maximum: 1e12 });
const Count = Type.Integer({ minimum: 0, maximum: 1e9 });
const Name = Type.String({ minLength: 1, maxLength: 512 });
const Unroll = Type.Record(Type.String({ pattern: "^[RSPQCKG]$" }), Type.Integer({ minimum: 1, maximum: 65536 }));
const Figures = Type.Object({ latencyCycles: Num, energyPj: Num, edp: Num }, { additionalProperties: false });
const Stalls = Type.Object({ transfer: Num, weightLoad: Num, mismatch: Num, writeBack: Num }, { additionalProperties: false });
const PerOperand = <T extends Parameters<typeof Type.Array>[0]>(t: T) => Type.Object({ I: t, W: t, O: t }, { additionalProperties: false });

export const LayerMapping = Type.Object(
  {
    name: Name,
    bounds: Type.Record(Type.String({ pattern: "^[RSPQCKG]$" }), Type.Integer({ minimum: 1, maximum: 1e9 })),
    scheme: Type.Object({ cores: Unroll, rows: Unroll, cols: Unroll }, { additionalProperties: false }),
    utilisation: Type.Number({ minimum: 0, maximum: 1 }),
    /** Temporal loops, outermost first, with the memory level each operand's tile of that loop lives in. */
    loops: Type.Array(
      Type.Object({ dim: Type.String({ pattern: "^[RSPQCKG]$" }), factor: Type.Integer({ minimum: 1, maximum: 1e9 }), levels: PerOperand(Name) }, { additionalProperties: false }),
      { maxItems: 64 },
    ),
    doubleBuffered: PerOperand(Type.Array(Name, { maxItems: 16 })),
    bypassed: PerOperand(Type.Array(Name, { maxItems: 16 })),
    predicted: Figures,
    simulated: Type.Object({ latencyCycles: Num, stalls: Stalls, errorPct: Ratio }, { additionalProperties: false }),
    origin: Type.Union([Type.Literal("milp"), Type.Literal("baseline-ws"), Type.Literal("baseline-greedy")]),
    proven: Type.Boolean(),
    gapBound: Type.Number({ minimum: 0, maximum: 1 }),
    schemes: Type.Object({ total: Count, pruned: Count, solved: Count, skipped: Count }, { additionalProperties: false }),
    milps: Type.Array(
      Type.Object(
        { scheme: Name, objective: Type.Union([Type.Literal("latency"), Type.Literal("energy")]), order: Type.Union([Type.Literal("milp"), Type.Literal("fixed")]), status: Name, optimal: Type.Boolean(), variables: Count, binaries: Count, constraints: Count },
        { additionalProperties: false },
      ),
      { maxItems: 10000 },
    ),
    baselines: Type.Object({ ws: Figures, greedy: Figures }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type LayerMapping = Static<typeof LayerMapping>;

const Header = {
  schemaVersion: Type.Literal(1),
  tool: Type.Object({ name: Type.Literal("pimsyn"), version: Name }, { additionalProperties: false }),
  network: Type.Object({ name: Name, hash: Type.String({ pattern: "^[0-9a-f]{64}$" }) }, { additionalProperties: false }),
  hardware: Type.Object({ name: Name, description: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
  options: Type.Object(
    {
      objective: Type.Union([Type.Literal("latency"), Type.Literal("energy"), Type.Literal("edp")]),
      milpTimeLimitS: Type.Number({ exclusiveMinimum: 0, maximum: 86400 }),
      mipRelGap: Type.Number({ minimum: 0, maximum: 1 }),
      maxLoops: Count,
      maxSchemes: Count,
      edpSteps: Count,
      fullOrderLoops: Count,
      orders: Type.Union([Type.Literal("greedy"), Type.Literal("greedy+ws")]),
      fullOrderSearch: Type.Boolean(),
      layers: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
};

export const DataflowMapping = Type.Object({ ...Header, layers: Type.Array(LayerMapping, { maxItems: 10000 }) }, { additionalProperties: false });
export type DataflowMapping = Static<typeof DataflowMapping>;

export const DataflowMetrics = Type.Object(
  {
    ...Header,
    /** Whole model: latency and energy summed over layers, EDP = Σ latency × Σ energy (reference README). */
    total: Figures,
    baselines: Type.Object({ ws: Figures, greedy: Figures }, { additionalProperties: false }),
    edpGain: Type.Object({ vsWs: Ratio, vsGreedy: Ratio }, { additionalProperties: false }),
    layers: Type.Array(
      Type.Object(
        { name: Name, predicted: Figures, simulatedLatencyCycles: Num, errorPct: Ratio, edpGainVsWs: Ratio, edpGainVsGreedy: Ratio, origin: Name, proven: Type.Boolean(), gapBound: Type.Number({ minimum: 0, maximum: 1 }) },
        { additionalProperties: false },
      ),
      { maxItems: 10000 },
    ),
    agreement: Type.Object({ meanErrorPct: Ratio, worstLayer: Type.String({ maxLength: 512 }), worstErrorPct: Ratio }, { additionalProperties: false }),
    stalls: Stalls,
    milp: Type.Object(
      {
        solved: Count,
        schemesPruned: Count,
        schemesSkipped: Count,
        layersProven: Count,
        timeLimitHits: Count,
        /**
         * What the per-layer gapBound is measured against. HiGHS's JS API returns no dual bound, so the gap is
         * (objective − roofline lower bound) / objective: an upper bound on the true MIP gap, not HiGHS's gap.
         */
        gapReference: Type.Literal("roofline-lower-bound"),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type DataflowMetrics = Static<typeof DataflowMetrics>;

export interface LayerOutcome {
  result: LayerResult;
  simulation: Simulation;
}

const figures = (l: number, e: number) => ({ latencyCycles: l, energyPj: e, edp: l * e });

export function layerMapping(name: string, o: LayerOutcome, bounds: Record<string, number>): LayerMapping {
  const r = o.result;
  const p = r.problem;
  const m = r.mapping;
  const e = r.evaluation;
  const levelName = (op: Operand, k: number) => p.chains[op][k].name;
  const names = (op: Operand, pick: (k: number) => boolean) => p.chains[op].map((_, k) => k).filter(pick).map((k) => levelName(op, k));
  const sim = o.simulation;
  return {
    name,
    bounds: { ...bounds },
    scheme: { cores: { ...r.scheme.cores }, rows: { ...r.scheme.rows }, cols: { ...r.scheme.cols } } as LayerMapping["scheme"],
    utilisation: r.utilisation,
    loops: m.order.map((a, i) => ({
      dim: p.atoms[a].dim,
      factor: p.atoms[a].value,
      levels: { I: levelName("I", m.level.I[i]), W: levelName("W", m.level.W[i]), O: levelName("O", m.level.O[i]) },
    })),
    doubleBuffered: { I: names("I", (k) => m.double.I[k]), W: names("W", (k) => m.double.W[k]), O: names("O", (k) => m.double.O[k]) },
    bypassed: {
      I: names("I", (k) => !e.levels.I[k].used),
      W: names("W", (k) => !e.levels.W[k].used),
      O: names("O", (k) => !e.levels.O[k].used),
    },
    predicted: figures(e.latencyCycles, e.energyPj),
    simulated: { latencyCycles: sim.latencyCycles, stalls: { ...sim.stalls }, errorPct: (100 * Math.abs(e.latencyCycles - sim.latencyCycles)) / sim.latencyCycles },
    origin: r.origin,
    proven: r.proven,
    gapBound: r.gapBound,
    schemes: { ...r.schemes },
    milps: r.milps.map(({ solveMs: _wall, ...rest }) => rest),
    baselines: { ws: { ...r.baselines.ws }, greedy: { ...r.baselines.greedy } },
  };
}

export function buildDocuments(
  network: Network,
  hw: DataflowHardware,
  options: DataflowMapping["options"],
  layers: LayerMapping[],
): { mapping: DataflowMapping; metrics: DataflowMetrics } {
  const header = {
    schemaVersion: 1 as const,
    tool: { name: "pimsyn" as const, version: TOOL_VERSION },
    network: { name: network.name, hash: network.hash },
    hardware: { name: hw.name, description: hw.description },
    options,
  };
  const sum = (f: (l: LayerMapping) => number) => layers.reduce((s, l) => s + f(l), 0);
  const total = figures(sum((l) => l.predicted.latencyCycles), sum((l) => l.predicted.energyPj));
  const ws = figures(sum((l) => l.baselines.ws.latencyCycles), sum((l) => l.baselines.ws.energyPj));
  const greedy = figures(sum((l) => l.baselines.greedy.latencyCycles), sum((l) => l.baselines.greedy.energyPj));
  let worst = layers[0];
  for (const l of layers) if (l.simulated.errorPct > worst.simulated.errorPct) worst = l;
  const stalls = { transfer: 0, weightLoad: 0, mismatch: 0, writeBack: 0 };
  for (const l of layers) for (const k of Object.keys(stalls) as (keyof typeof stalls)[]) stalls[k] += l.simulated.stalls[k];
  const metrics: DataflowMetrics = {
    ...header,
    total,
    baselines: { ws, greedy },
    edpGain: { vsWs: ws.edp / total.edp, vsGreedy: greedy.edp / total.edp },
    layers: layers.map((l) => ({
      name: l.name,
      predicted: { ...l.predicted },
      simulatedLatencyCycles: l.simulated.latencyCycles,
      errorPct: l.simulated.errorPct,
      edpGainVsWs: l.baselines.ws.edp / l.predicted.edp,
      edpGainVsGreedy: l.baselines.greedy.edp / l.predicted.edp,
      origin: l.origin,
      proven: l.proven,
      gapBound: l.gapBound,
    })),
    agreement: { meanErrorPct: sum((l) => l.simulated.errorPct) / Math.max(1, layers.length), worstLayer: worst?.name ?? "", worstErrorPct: worst?.simulated.errorPct ?? 0 },
    stalls,
    milp: {
      solved: sum((l) => l.milps.length),
      schemesPruned: sum((l) => l.schemes.pruned),
      schemesSkipped: sum((l) => l.schemes.skipped),
      layersProven: layers.filter((l) => l.proven).length,
      timeLimitHits: sum((l) => l.milps.filter((m) => m.status === "Time limit reached").length),
      gapReference: "roofline-lower-bound" as const,
    },
  };
  void OPERANDS;
  return { mapping: { ...header, layers }, metrics };
}
