/**
 * Cancellation visible to searches running in this thread (--workers 1 runs points inline): the SA and EA poll
 * it through their deadline hook, so an interrupt stops the current point promptly. Worker threads are simply
 * terminated instead.
 */
export const inlineAbort = { requested: false };
