/**
 * The synthesis progress line on a terminal: bar, points done, elapsed time, estimated time left and the best
 * efficiency found so far, e.g. ` ██████░░░░ 24/63 outer points · 0:12 elapsed · ~0:19 left · best 412.7 GOPS/W`.
 */
import cliProgress from "cli-progress";

const { Format, SingleBar } = cliProgress;

export interface ProgressState {
  done: number;
  total: number;
  label: string;
  elapsedMs: number;
  bestGopsPerW?: number;
  /** Time the --time-budget still allows, if any (the estimate never exceeds it). */
  budgetLeftMs?: number;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1e3));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** The text after the bar (pure: tested without a terminal). */
export function progressText(p: ProgressState): string {
  let eta = p.done > 0 && p.done < p.total ? (p.elapsedMs / p.done) * (p.total - p.done) : undefined;
  if (p.budgetLeftMs !== undefined) eta = Math.max(0, Math.min(eta ?? Infinity, p.budgetLeftMs));
  const parts = [
    `${p.done}/${p.total} ${p.label}`,
    `${clock(p.elapsedMs)} elapsed`,
    eta === undefined ? (p.done >= p.total ? "done" : "estimating") : `~${clock(eta)} left`,
    p.bestGopsPerW === undefined ? "no design yet" : `best ${p.bestGopsPerW.toFixed(1)} GOPS/W`,
  ];
  return parts.join(" · ");
}

/** A progress bar on `stream` (a TTY), fed by the synthesis progress hook. */
export function progressBar(stream: NodeJS.WriteStream, budgetEndAt?: number) {
  const startedAt = Date.now();
  let state: ProgressState | undefined;
  const bar = new SingleBar({
    format: (options, params) =>
      ` ${Format.BarFormat(params.progress, options)} ` +
      (state ? progressText({ ...state, elapsedMs: Date.now() - startedAt, budgetLeftMs: budgetEndAt === undefined ? undefined : budgetEndAt - Date.now() }) : ""),
    barsize: 24,
    clearOnComplete: true,
    stream,
    fps: 4,
  });
  let started = false;
  return {
    update(done: number, total: number, label: string, bestGopsPerW?: number): void {
      state = { done, total, label, elapsedMs: 0, bestGopsPerW };
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop(): void {
      if (started) bar.stop();
    },
  };
}
