/**
 * --time-budget for the whole run: the search stops at its share, then the finalization (exact allocation,
 * simulation) uses what is left before a tail kept for saving and the report. Without a budget every function
 * here says "no limit", so results stay exactly those of an unbudgeted run.
 */
import { TUNING } from "./tuning.ts";

/** When the search must stop (ms since epoch), or undefined without a budget. */
export function searchDeadlineAt(startedAt: number, timeBudgetMs: number | undefined): number | undefined {
  return timeBudgetMs === undefined ? undefined : startedAt + TUNING.budgetSearchShare * timeBudgetMs;
}

/** Milliseconds the finalization may still use (before the tail kept for saving); Infinity without a budget. */
export function finalizationLeftMs(startedAt: number, timeBudgetMs: number | undefined, now = Date.now()): number {
  if (timeBudgetMs === undefined) return Infinity;
  return startedAt + timeBudgetMs - TUNING.budgetTailMs - now;
}

/**
 * The MILP time limit for the next of `remaining` exact allocations: the tuning's limit, or an even split of the
 * MILPs' share of the time left; undefined when too little is left to be worth starting a solve.
 */
export function milpTimeLimitS(leftMs: number, remaining: number): number | undefined {
  const shareS = (TUNING.budgetMilpShare * leftMs) / Math.max(1, remaining) / 1e3;
  const limit = Math.min(TUNING.exactTimeLimitS, shareS);
  return limit >= 0.05 ? limit : undefined;
}
