/**
 * Cancellation visible to searches running in this thread (--workers 1 runs points inline): the SA and EA poll
 * it through their deadline hook, so an interrupt stops the current point promptly. Worker threads are simply
 * terminated instead.
 */
export const inlineAbort = { requested: false };

/** A deadline poll (wall-clock budget, or an interrupt of an inline run) that records a budget cut. */
export function deadlineOf(at: number | undefined, evaluations: { deadlineHit: boolean }): () => boolean {
  return () => {
    if (inlineAbort.requested) return true;
    if (at === undefined || Date.now() < at) return false;
    evaluations.deadlineHit = true;
    return true;
  };
}
