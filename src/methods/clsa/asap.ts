/**
 * Stage 4 of CLSA-CIM: cross-layer ASAP list scheduling of the set DAG, and the layer-by-layer baseline on
 * the same sets and copies.
 *
 *   cross-layer:     start(task) = max(finish of every set it depends on + transfer, its copy free)
 *   layer-by-layer:  start(task) = max(finish of every set of every producer layer + transfer, its copy free)
 *
 * Copies belong to one layer and each works through its tasks in the fixed order of stage 3, so the list
 * schedule needs no priority queue: taking the layers in topological order (a layer's sets wait only for
 * earlier layers and for its own copies) gives every task its ASAP start in one pass, O(tasks + sets).
 * A non-MVM layer has one GPEU lane that runs its sets in order; the GPEU lanes of different layers do not
 * contend (the paper gives no GPEU count). Transfer is charged on edges into computing layers only: route
 * layers forward data in place, so producer → concat → conv pays it once.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { SetDependencies } from "./deps.ts";
import { taskCopy, taskPixels, tasksOf } from "./intra.ts";
import { RangeMax } from "./range-max.ts";
import type { LayerSets } from "./sets.ts";
import { gpeuSetNs, type DesignTiming, type SetTiming } from "./timing.ts";
import type { Policy } from "./types.ts";

export interface SchedulePlan {
  model: NetworkModel;
  /** Per layer: weight copies (mvm) or 1 (a GPEU lane). */
  copies: readonly number[];
  sets: readonly LayerSets[];
  /** Per layer: its sets' dependencies on each producer (stage 2); unused by layer-by-layer. */
  deps: readonly (readonly SetDependencies[])[];
  timing: SetTiming;
  /** The design's own stage times (when the copies are its mapping): they replace t_MVM and the GPEU lane. */
  design?: DesignTiming;
  transferNs: number;
}

/** Every task of a run (for the Chrome trace), up to a cap. */
export interface TaskLog {
  layer: Int32Array;
  copy: Int32Array;
  set: Int32Array;
  startNs: Float64Array;
  durNs: Float64Array;
  count: number;
  /** Tasks that did not fit under the cap. */
  dropped: number;
}

export interface PolicyRun {
  policy: Policy;
  makespanNs: number;
  layerStartNs: Float64Array;
  layerEndNs: Float64Array;
  /** Per layer, per set: when its last task ends. */
  setEndNs: Float64Array[];
  tasks?: TaskLog;
}

function newTaskLog(cap: number): TaskLog {
  return {
    layer: new Int32Array(cap),
    copy: new Int32Array(cap),
    set: new Int32Array(cap),
    startNs: new Float64Array(cap),
    durNs: new Float64Array(cap),
    count: 0,
    dropped: 0,
  };
}

function logTask(log: TaskLog | undefined, layer: number, copy: number, set: number, startNs: number, durNs: number): void {
  if (!log) return;
  const k = log.count;
  if (k >= log.layer.length) {
    log.dropped++;
    return;
  }
  log.layer[k] = layer;
  log.copy[k] = copy;
  log.set[k] = set;
  log.startNs[k] = startNs;
  log.durNs[k] = durNs;
  log.count = k + 1;
}

/** Schedule every set under `policy`; `maxTasks` > 0 also records up to that many tasks for a trace. */
export function schedulePolicy(plan: SchedulePlan, policy: Policy, maxTasks = 0): PolicyRun {
  const { model, copies, sets, deps, timing } = plan;
  const n = model.layers.length;
  const layerStartNs = new Float64Array(n);
  const layerEndNs = new Float64Array(n);
  const setEndNs: Float64Array[] = [];
  const rangeMax: (RangeMax | undefined)[] = new Array(n);
  const log = maxTasks > 0 ? newTaskLog(maxTasks) : undefined;
  const tMvm = timing.mvmRoundNs;
  const crossLayer = policy === "cross-layer";
  let makespanNs = 0;

  for (let i = 0; i < n; i++) {
    const L = model.layers[i];
    const S = sets[i];
    const transfer = L.role === "route" ? 0 : plan.transferNs;
    const mvm = L.role === "mvm";
    const d = mvm ? copies[i] : 1;
    const design = plan.design;
    // Design timing: a round (one pixel per copy, or one block of a vector layer) takes the layer's interval,
    // and its outputs are stored `lag` later (the rest of the block's pipeline).
    const round = design ? design.roundNs[i] : tMvm;
    const lag = design ? design.lagNs[i] : 0;
    const free = new Float64Array(d);
    const ends = new Float64Array(S.count);
    let layerReady = 0;
    if (!crossLayer) for (const p of L.producers) if (p >= 0) layerReady = Math.max(layerReady, layerEndNs[p] + transfer);
    const waits = crossLayer ? deps[i].map((dep) => ({ ranges: dep.ranges, max: (rangeMax[dep.producer] ??= new RangeMax(setEndNs[dep.producer])) })) : [];
    let first = Infinity;
    let last = 0;
    for (let s = 0; s < S.count; s++) {
      let ready = layerReady;
      for (const w of waits) {
        const t = w.max.max(w.ranges[2 * s], w.ranges[2 * s + 1]) + transfer;
        if (t > ready) ready = t;
      }
      const q0 = s * S.setPixels;
      const pixels = Math.min(S.pixels, q0 + S.setPixels) - q0;
      let end = 0;
      if (mvm) {
        const tasks = tasksOf(pixels, d);
        for (let j = 0, c = taskCopy(q0, 0, d); j < tasks; j++, c = c + 1 === d ? 0 : c + 1) {
          const start = free[c] > ready ? free[c] : ready;
          const dur = taskPixels(pixels, j, d) * round;
          free[c] = start + dur;
          if (start < first) first = start;
          if (free[c] > end) end = free[c];
          logTask(log, i, c, s, start, dur);
        }
      } else {
        const start = free[0] > ready ? free[0] : ready;
        const dur = design ? (pixels / design.blockPixels[i]) * round : gpeuSetNs(timing, i, pixels);
        end = free[0] = start + dur;
        if (start < first) first = start;
        logTask(log, i, 0, s, start, dur);
      }
      ends[s] = end + lag;
      if (end + lag > last) last = end + lag;
    }
    setEndNs.push(ends);
    layerStartNs[i] = Number.isFinite(first) ? first : 0;
    layerEndNs[i] = last;
    if (last > makespanNs) makespanNs = last;
  }
  return { policy, makespanNs, layerStartNs, layerEndNs, setEndNs, tasks: log };
}
