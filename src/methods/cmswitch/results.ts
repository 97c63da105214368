/**
 * The run directory's JSON files: allocation.json (segments, per-operator compute/memory arrays, memory-mode
 * ratio per segment) and metrics.json (latency, speedup, overhead shares, solver work, simulator agreement).
 * Deterministic: same inputs give the same bytes (wall times go to timing.json only).
 */
import { TOOL_VERSION } from "../../version.ts";
import { feedIntensity } from "../../cost/dualmode.ts";
import { canonicalJson, shortHash } from "../../flow/run-dir.ts";
import type { SimulationResult } from "../../schedule/dualmode-sim.ts";
import type { DualModeResult } from "./compile.ts";
import type { DualModeRequest, SweepPoint } from "./context.ts";

/** Six significant digits: enough for any figure a reader compares, stable across platforms. */
const r6 = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);

export function runOptions(request: DualModeRequest): object {
  return { seq: request.seq ?? null, batch: request.batch ?? null, phase: request.phase ?? null };
}

export function runHash(request: DualModeRequest, networkHash: string, hwSpec: object): string {
  return shortHash({ options: runOptions(request), network: networkHash, hw: JSON.parse(canonicalJson(hwSpec)) as object });
}

export function allocationJson(r: DualModeResult): object {
  const ops = r.ours.operators.ops;
  return {
    schemaVersion: 1,
    network: { name: r.network.name, hash: r.network.hash },
    hw: r.hw.name,
    arrays: r.hw.arrays,
    fellBackToAllCompute: r.fellBack,
    segments: r.placed.map((p) => {
      const s = p.plan;
      const compute = s.allocation.compute.reduce((a, c) => a + c, 0);
      return {
        index: p.index,
        allCompute: s.allCompute || r.fellBack,
        cycles: { intra: r6(s.intraCycles), reload: r6(s.reloadCycles), switch: r6(s.switchCycles), writeBack: r6(s.writeBackCycles) },
        computeArrays: compute,
        memoryArrays: s.memoryArrays,
        memoryRatio: r6(s.memoryArrays / (compute + s.memoryArrays)),
        switches: { toMemory: p.toMemory.length, toCompute: p.toCompute.length },
        operators: p.operators.map((o, i) => {
          const op = ops[o.op];
          return {
            name: op.name,
            layer: op.layer,
            kind: op.kind,
            macs: op.macs,
            ai: r6(feedIntensity(op)),
            weightArrays: op.weightArrays,
            compute: s.allocation.compute[i],
            memory: s.allocation.memory[i],
            memoryIn: o.input.length,
            memoryOut: o.output.length,
          };
        }),
      };
    }),
  };
}

export function metricsJson(request: DualModeRequest, r: DualModeResult, sim: SimulationResult, sweep: SweepPoint[]): object {
  const m = r.metrics;
  const stats = (s: DualModeResult["ours"]["plan"]["stats"]) => ({
    milps: s.milps,
    prunedByBound: s.pruned,
    closedForm: s.separable,
    cacheHits: s.cacheHits,
    segmentsSolved: s.segmentsSolved,
    dpStates: s.dpStates,
  });
  return {
    schemaVersion: 1,
    tool: { name: "pimsyn", version: TOOL_VERSION, method: "cmswitch" },
    network: { name: r.network.name, hash: r.network.hash, description: r.network.spec.description ?? "" },
    hw: { name: r.hw.name, arrays: r.hw.arrays, clockMhz: r.hw.clockMhz },
    options: runOptions(request),
    latencyCycles: r6(m.latencyCycles),
    latencyUs: r6(m.latencyUs),
    baselineLatencyCycles: r6(m.baselineLatencyCycles),
    speedup: r6(m.speedup),
    fellBackToAllCompute: r.fellBack,
    memoryRatio: r6(m.memoryRatio),
    shares: { switch: r6(m.switchShare), reload: r6(m.reloadShare), writeBack: r6(m.writeBackShare) },
    switches: { toMemory: m.switchesToMemory, toCompute: m.switchesToCompute, cycles: r6(m.switchCycles) },
    segments: m.segments,
    operators: m.operators,
    baseline: { segments: r.baseline.plan.segments.length, operators: r.baseline.operators.ops.length },
    solver: { ours: stats(r.ours.plan.stats), baseline: stats(r.baseline.plan.stats) },
    simulator: { latencyCycles: r6(sim.totalCycles), relativeDifference: r6(sim.totalCycles / m.latencyCycles - 1) },
    sweep: sweep.map((p) => ({ seq: p.seq, speedup: r6(p.speedup), memoryRatio: r6(p.memoryRatio), latencyCycles: r6(p.latencyCycles), baselineLatencyCycles: r6(p.baselineLatencyCycles) })),
  };
}
