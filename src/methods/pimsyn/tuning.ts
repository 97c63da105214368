/**
 * The search's fixed tuning, in one place. These are not user options (those, with their defaults, are
 * DEFAULT_OPTIONS in options.ts and are recorded in metrics.json); a change here changes results, so it goes
 * with a new tool version and a note in docs/synthesis.md.
 */
export const TUNING = {
  /** Fractions of the best SA vector's copies offered as extra duplication candidates (same balance, fewer copies). */
  duplicationScales: [0.7, 0.5, 0.35, 0.25, 0.15, 0.1],
  /** Population of the one-generation EA that screens every (candidate, DAC) pair before the full EA. */
  screeningPopulation: 8,
  /** Most evaluations the local refinement of a point's best design may spend. */
  refineEvaluations: 400,
  /** The finalists' exact (MILP) allocation: wall-clock limit per solve and relative MIP gap. */
  exactTimeLimitS: 10,
  exactMipRelGap: 1e-4,
  /** Peak power at or above this fraction of the budget counts as using the budget; below, the summary says why. */
  budgetBindingFraction: 0.95,
} as const;
