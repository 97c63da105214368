/**
 * Runs the per-point stages (src/methods/pimsyn/stage-list.ts: duplicate → compile → partition → allocate) on worker threads.
 * Feasible points go best bound first, in waves of a fixed size; before each wave, points whose optimistic bound
 * is below the incumbent are pruned. Wave size, seeds and evaluation shares do not depend on the worker count,
 * so the result is the same for any --workers.
 */
import { moduleUrl } from "../../src/paths.ts";
import type { Stage } from "../../src/flow/stage.ts";
import type { PointResult, PointShared, PointTask, SynthContext } from "../../src/methods/pimsyn/context.ts";
import { AbortedError, usefulWorkers, WorkerPool } from "../../src/flow/workers.ts";
import { searchDeadlineAt } from "../../src/methods/pimsyn/time-budget.ts";

const POINT_MODULE = moduleUrl(import.meta.url, "../../src/methods/pimsyn/point-search");

export const search: Stage<
  SynthContext,
  "options" | "network" | "preset" | "outerPoints" | "sink" | "startedAt",
  "pointResults" | "pruned" | "workerStats" | "timeBudgetHit" | "evaluations" | "saEvaluations" | "interrupted"
> = {
  name: "search",
  needs: ["options", "network", "preset", "outerPoints", "sink", "startedAt"],
  adds: ["pointResults", "pruned", "workerStats", "timeBudgetHit", "evaluations", "saEvaluations", "interrupted"],
  async run({ options, network, preset, outerPoints, sink, startedAt }) {
    for (const p of outerPoints.filter((q) => !q.feasible)) sink.explored({ kind: "point", ...pointFields(p), status: "infeasible", reason: p.infeasibleReason });
    const feasible = outerPoints.filter((p) => p.feasible).sort((a, b) => b.boundGopsPerW - a.boundGopsPerW || a.index - b.index);
    const share = (k: number) =>
      options.maxEvaluations === undefined
        ? undefined
        : Math.floor(options.maxEvaluations / feasible.length) + (k < options.maxEvaluations % feasible.length ? 1 : 0);
    const deadlineAt = searchDeadlineAt(startedAt, options.timeBudgetMs);
    const useful = usefulWorkers(options.workers, Math.min(options.waveSize, feasible.length));
    const shared: PointShared = { network, preset };
    const pool = new WorkerPool<PointTask, PointResult, PointShared>(POINT_MODULE, "searchPoint", useful.workers, shared);
    if (useful.cappedBy) Object.assign(pool.stats, { requested: options.workers, cappedBy: useful.cappedBy });
    const pointResults: PointResult[] = [];
    const pruned: number[] = [];
    let incumbent = -Infinity;
    let done = 0;
    let interrupted = false;
    const skipped: number[] = [];
    try {
      for (let w = 0; w < feasible.length; w += options.waveSize) {
        const wave = feasible.slice(w, w + options.waveSize);
        const late = deadlineAt !== undefined && Date.now() >= deadlineAt;
        if (late && incumbent > -Infinity) {
          for (const p of feasible.slice(w)) sink.explored({ kind: "point", ...pointFields(p), status: "skipped", reason: "time budget" });
          skipped.push(...feasible.slice(w).map((p) => p.index));
          break;
        }
        const tasks: PointTask[] = [];
        wave.forEach((p, k) => {
          if (p.boundGopsPerW < incumbent) {
            pruned.push(p.index);
            sink.explored({ kind: "point", ...pointFields(p), status: "pruned", incumbentGopsPerW: incumbent });
            return;
          }
          tasks.push({
            options,
            point: p,
            maxEvaluations: share(w + k),
            // Past the deadline with no design yet, points run to completion: a budget too short still ends with a design.
            deadlineAt: late ? undefined : deadlineAt,
          });
        });
        done += wave.length - tasks.length;
        // Past the search's deadline no new point starts: the ones not started are recorded as skipped.
        const pastDeadline = deadlineAt === undefined ? undefined : () => incumbent > -Infinity && Date.now() >= deadlineAt;
        // The incumbent rises as points finish (pruning still happens only between waves, so the order in
        // which workers finish changes nothing but the progress shown and when a deadline may stop the wave).
        const onDone = (_k: number, r: PointResult) => {
          if (r.best && r.best.scored.gopsPerW > incumbent) incumbent = r.best.scored.gopsPerW;
          sink.progress?.(++done, feasible.length, "outer points", incumbent > -Infinity ? incumbent : undefined);
        };
        const results = await pool.run(tasks, onDone, sink.signal, pastDeadline);
        results.forEach((r, k) => {
          if (r !== undefined) return;
          skipped.push(tasks[k].point.index);
          sink.explored({ kind: "point", ...pointFields(tasks[k].point), status: "skipped", reason: "time budget" });
        });
        for (const r of results) {
          if (r === undefined) continue;
          pointResults.push(r);
          const p = outerPoints[r.index];
          sink.explored({
            kind: "point",
            ...pointFields(p),
            status: r.feasible ? "evaluated" : "infeasible",
            reason: r.reason,
            bestGopsPerW: r.best?.scored.gopsPerW,
            bestTops: r.best ? network.totals.ops / r.best.scored.periodNs / 1e3 : undefined,
            evaluations: r.evaluations,
          });
          for (const c of r.candidates)
            sink.explored({
              kind: "candidate",
              point: r.index,
              candidate: c.candidate,
              dacBits: c.dacBits,
              saEnergy: c.saEnergy,
              evolved: c.evolved,
              gopsPerW: c.scored?.gopsPerW ?? null,
              tops: c.scored ? network.totals.ops / c.scored.periodNs / 1e3 : null,
              latencyNs: c.scored?.latencyNs ?? null,
              peakW: c.scored?.peakW ?? null,
              dup: c.dup,
            });
          if (r.best && r.best.scored.gopsPerW > incumbent) incumbent = r.best.scored.gopsPerW;
        }
      }
    } catch (e) {
      // Interrupted: keep the points finished so far (the best design so far), unless there are none.
      if (!(e instanceof AbortedError) || !pointResults.some((r) => r.best)) throw e;
      interrupted = true;
    } finally {
      await pool.close();
    }
    pointResults.sort((a, b) => a.index - b.index);
    return {
      pointResults,
      pruned: pruned.sort((a, b) => a - b),
      workerStats: pool.stats,
      timeBudgetHit: skipped.length > 0 || (deadlineAt !== undefined && Date.now() >= deadlineAt) || pointResults.some((r) => r.timeBudgetHit),
      interrupted,
      evaluations: pointResults.reduce((s, r) => s + r.evaluations, 0),
      // Each distinct ladder rung once: rungs are shared by the points of a (crossbar size, cell bits) pair.
      saEvaluations: [...new Map(pointResults.flatMap((r) => r.saRungs.map((x) => [x.key, x.evaluations] as const))).values()].reduce((s, e) => s + e, 0),
    };
  },
};

function pointFields(p: SynthContext["outerPoints"][number]) {
  return {
    point: p.index,
    ratio: p.ratio,
    cellBits: p.cellBits,
    crossbarSize: p.crossbarSize,
    dacOptions: p.dacOptions,
    crossbarBudget: p.crossbarBudget,
    boundGopsPerW: p.boundGopsPerW,
  };
}
