/**
 * SIGINT/SIGTERM as cancellation for a long command: the first signal aborts `signal`; `exitCode()` is the
 * conventional 130/143 for the signal received; `release()` removes the handlers (call it in `finally`).
 */
import { EXIT } from "./run.ts";

export interface Interrupts {
  signal: AbortSignal;
  /** The signal received, if any. */
  readonly by: NodeJS.Signals | undefined;
  exitCode(): number;
  release(): void;
}

export function interruptOnSignals(): Interrupts {
  const controller = new AbortController();
  let by: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    by = sig;
    controller.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    get by() {
      return by;
    },
    exitCode: () => (by === "SIGTERM" ? EXIT.sigterm : EXIT.sigint),
    release: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
