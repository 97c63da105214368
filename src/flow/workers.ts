/**
 * A small pool of worker threads running one exported async function of a module, `fn(task, shared)`. `shared`
 * (e.g. the validated network and preset) is sent to each worker once, at start; tasks carry only what differs.
 * Tasks are handed to whichever worker is free and results come back in task order, so the outcome does not
 * depend on the worker count or on timing (each task carries its own seed). With one worker, tasks run in this
 * thread.
 */
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { inlineAbort } from "./abort.ts";

export interface PoolStats {
  workers: number;
  tasksPerWorker: number[];
  /** Workers asked for, when more than could be used. */
  requested?: number;
  /** Why fewer workers than requested run ("2 cores", "8 points per wave"). */
  cappedBy?: string;
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/**
 * The useful number of workers: threads beyond the cores only contend (64 on 2 cores ran 130× slower than
 * one, each holding its own copy of the models), and threads beyond the tasks run at once have nothing to do.
 */
export function usefulWorkers(requested: number, tasksAtOnce: number, cores = availableParallelism()): { workers: number; cappedBy?: string } {
  const limits: [number, string][] = [
    [cores, `${cores} core${cores === 1 ? "" : "s"}`],
    [tasksAtOnce, `${tasksAtOnce} task${tasksAtOnce === 1 ? "" : "s"} at a time`],
  ];
  let workers = Math.max(1, requested);
  let cappedBy: string | undefined;
  for (const [limit, why] of limits)
    if (Math.max(1, limit) < workers) {
      workers = Math.max(1, limit);
      cappedBy = why;
    }
  return { workers, cappedBy };
}

export class AbortedError extends Error {
  constructor() {
    super("aborted");
    this.name = "AbortedError";
  }
}

interface WireError {
  name?: string;
  message: string;
  stack?: string;
  exitCode?: number;
  pointer?: string;
  file?: string;
}

/** Rebuild an error posted by a worker, keeping what makes it a user error (exit code, file, pointer). */
function revive(e: WireError): Error {
  return Object.assign(new Error(e.message), e);
}

// Compiled code (dist/) needs nothing more; when the pool runs a TypeScript module (from the sources, in tests
// and benches), each worker registers tsx's ESM loader first, as the main thread did.
const BOOTSTRAP = (moduleUrl: string, exportName: string, tsxApi: string | undefined) => `
  const { parentPort, workerData } = require("node:worker_threads");
  (async () => {
    ${tsxApi ? `(await import(${JSON.stringify(tsxApi)})).register();` : ""}
    const mod = await import(${JSON.stringify(moduleUrl)});
    parentPort.on("message", async ({ k, task }) => {
      try { parentPort.postMessage({ k, ok: true, value: await mod[${JSON.stringify(exportName)}](task, workerData) }); }
      catch (e) { parentPort.postMessage({ k, ok: false, error: { name: e?.name, message: e?.message ?? String(e), stack: e?.stack, exitCode: e?.exitCode, pointer: e?.pointer, file: e?.file } }); }
    });
    parentPort.postMessage({ ready: true });
  })().catch((e) => parentPort.postMessage({ k: -1, ok: false, error: { message: String(e?.stack ?? e) } }));
`;

export class WorkerPool<T, R, S = undefined> {
  readonly stats: PoolStats;
  private workers: Worker[] = [];
  private ready: Promise<void>[] = [];
  private inline?: (t: T, shared: S) => Promise<R>;

  constructor(
    private readonly moduleUrl: string,
    private readonly exportName: string,
    size: number,
    private readonly shared: S = undefined as S,
  ) {
    const n = Math.max(1, size);
    this.stats = { workers: n, tasksPerWorker: new Array<number>(n).fill(0) };
    if (n === 1) return;
    const code = BOOTSTRAP(moduleUrl, exportName, moduleUrl.endsWith(".ts") ? import.meta.resolve("tsx/esm/api") : undefined);
    for (let id = 0; id < n; id++) {
      const w = new Worker(code, { eval: true, workerData: shared });
      this.workers.push(w);
      this.ready.push(
        new Promise((resolve, reject) => {
          const onMsg = (msg: { ready?: boolean; ok?: boolean; error?: WireError }) => {
            if (msg.ready) {
              w.off("message", onMsg);
              resolve();
            } else if (msg.ok === false) reject(revive(msg.error!));
          };
          w.on("message", onMsg);
          w.once("error", reject);
        }),
      );
    }
  }

  /**
   * Run tasks; resolves with results in task order. Rejects on the first task error or on abort. When `stop`
   * returns true (a deadline), tasks not yet started are not started: their results are undefined.
   */
  async run(tasks: T[], onDone?: (k: number, result: R) => void, signal?: AbortSignal, stop?: () => boolean): Promise<(R | undefined)[]> {
    const results = new Array<R | undefined>(tasks.length);
    if (this.workers.length === 0) {
      this.inline ??= ((await import(this.moduleUrl)) as Record<string, (t: T, shared: S) => Promise<R>>)[this.exportName];
      const onAbort = () => (inlineAbort.requested = true);
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        for (let k = 0; k < tasks.length; k++) {
          if (signal?.aborted) throw new AbortedError();
          if (stop?.()) break;
          // Let signal handlers run between points (the search itself is synchronous).
          await new Promise((r) => setImmediate(r));
          if (signal?.aborted) throw new AbortedError();
          results[k] = await this.inline(tasks[k], this.shared);
          if (signal?.aborted) throw new AbortedError(); // the point was cut short: drop it
          this.stats.tasksPerWorker[0]++;
          onDone?.(k, results[k]!);
        }
      } finally {
        signal?.removeEventListener("abort", onAbort);
        inlineAbort.requested = false;
      }
      return results;
    }
    await Promise.all(this.ready);
    if (!tasks.length) return results;
    return new Promise((resolve, reject) => {
      let next = 0;
      let started = 0;
      let done = 0;
      let failed = false;
      const listeners: (() => void)[] = [];
      const finish = (err?: Error) => {
        if (failed) return;
        listeners.forEach((off) => off());
        if (err) {
          failed = true;
          reject(err);
        } else resolve(results);
      };
      const feed = (w: Worker, id: number) => {
        if (failed || next >= tasks.length) return;
        if (stop?.()) {
          next = tasks.length; // start no more; finish when the running ones are done
          if (done === started) finish();
          return;
        }
        const k = next++;
        started++;
        this.stats.tasksPerWorker[id]++;
        w.postMessage({ k, task: tasks[k] });
      };
      if (signal) {
        const onAbort = () => finish(new AbortedError());
        signal.addEventListener("abort", onAbort, { once: true });
        listeners.push(() => signal.removeEventListener("abort", onAbort));
      }
      this.workers.forEach((w, id) => {
        const onMsg = (msg: { k: number; ok: boolean; value?: R; error?: WireError }) => {
          if (!msg.ok) return finish(revive(msg.error!));
          results[msg.k] = msg.value as R;
          done++;
          onDone?.(msg.k, msg.value as R);
          if (done === tasks.length || (next >= tasks.length && done === started)) finish();
          else feed(w, id);
        };
        const onErr = (e: Error) => finish(e);
        w.on("message", onMsg);
        w.on("error", onErr);
        listeners.push(() => {
          w.off("message", onMsg);
          w.off("error", onErr);
        });
        feed(w, id);
      });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
