/**
 * The search's fixed tuning, in one place. These are not user options (those, with their defaults, are
 * DEFAULT_OPTIONS in options.ts and are recorded in metrics.json); a change here changes results, so it goes
 * with a new tool version and a note in docs/synthesis.md.
 */
export const TUNING = {
  /**
   * Duplication candidates are generated on a ladder of crossbar counts, rung k = floor(one copy's crossbars ·
   * ladderRatio^k), independent of the budget (src/methods/pimsyn/ladder.ts): √2 per rung.
   */
  ladderRatio: Math.SQRT2,
  /** The SA filter's geometric cooling factor per temperature level (the reference's 0.95 gives 135 levels; 0.9 gives 66). */
  saCooling: 0.9,
  /** Population of the one-generation EA that screens every (candidate, DAC) pair before the full EA. */
  screeningPopulation: 8,
  /** Most evaluations the local refinement of a point's best design may spend. */
  refineEvaluations: 400,
  /** The finalists' exact (MILP) allocation: wall-clock limit per solve and relative MIP gap. */
  exactTimeLimitS: 10,
  /** With an --area budget that the power-optimal allocation overflows: bisection steps on the peripherals' power. */
  areaBisectionSteps: 12,
  exactMipRelGap: 1e-4,
  /** Peak power at or above this fraction of the budget counts as using the budget; below, the summary says why. */
  budgetBindingFraction: 0.95,
  /**
   * --time-budget covers the whole command (start-up included): the search gets this share of it; exact
   * allocation and simulation of the finalists fit in the rest (time-limited MILPs, extra simulations skipped).
   */
  budgetSearchShare: 0.7,
  /** Of the time left after the search, at most this share goes to the finalists' MILPs. */
  budgetMilpShare: 0.5,
  /** Kept at the end of a budget for saving, the report and exit (vgg16's report renders in ~0.8 s on a loaded 2-core machine). */
  budgetTailMs: 1500,
} as const;
