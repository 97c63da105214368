/**
 * The worker's job processor, run off the worker's main thread (a BullMQ sandboxed processor on a worker thread,
 * see sandbox.mjs) so the main thread keeps renewing the job's lock however long the synthesis runs. It validates
 * the payload, recomputes the id from the inputs, synthesizes into a scratch folder under the worker's results
 * directory, and returns the run directory's files (compressed); the scratch folder is removed either way.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { UnrecoverableError } from "bullmq";
import { isUserError } from "../../errors.ts";
import { validate } from "../../io/json.ts";
import { jsonText } from "../../io/atomic.ts";
import { loadNetwork } from "../../network/load.ts";
import { canonicalHash } from "../../network/hash.ts";
import { loadPreset } from "../../hardware/preset.ts";
import { TOOL_VERSION } from "../../version.ts";
import { jobIdOf } from "../plan.ts";
import { synthCall, synthesize } from "../synth-call.ts";
import { JobPayload, type JobResult } from "./payload.ts";

/** Set by the worker process before it starts the processor threads. */
export const RESULTS_ENV = "PIMSYN_WORKER_RESULTS";

/** Prefix of a failure that is the input's fault (it would fail again): the collector records it, no retry. */
export const USER_ERROR_PREFIX = "user error: ";

interface MinimalJob {
  id?: string;
  data: unknown;
}

export async function processJob(job: MinimalJob): Promise<JobResult> {
  const resultsDir = process.env[RESULTS_ENV];
  if (!resultsDir) throw new Error(`${RESULTS_ENV} is not set`);
  let payload: JobPayload;
  try {
    payload = validate(JobPayload, job.data, `job ${String(job.id).slice(0, 40)}`);
  } catch (e) {
    throw new UnrecoverableError(`invalid job payload: ${isUserError(e) ? e.toLine() : String(e)}`);
  }
  if (payload.id !== job.id) throw new UnrecoverableError(`invalid job payload: id ${payload.id} does not match the queue's job id`);
  if (payload.toolVersion !== TOOL_VERSION)
    throw new UnrecoverableError(`job was made by pimsyn ${payload.toolVersion}; this worker runs ${TOOL_VERSION} (results would not match the job id)`);

  // The scratch folder's name is built from the validated id only: nothing is written outside resultsDir.
  const scratch = join(resultsDir, `.job-${payload.id}-${process.pid}-${threadId}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(scratch, "inputs"), { recursive: true });
  try {
    let model: string;
    if ("zoo" in payload.network) model = payload.network.zoo;
    else {
      model = join(scratch, "inputs", `network-${payload.network.fileName}`);
      writeFileSync(model, jsonText(payload.network.spec));
    }
    let preset: string;
    if ("builtin" in payload.preset) preset = payload.preset.builtin;
    else {
      preset = join(scratch, "inputs", `preset-${payload.preset.fileName}`);
      writeFileSync(preset, jsonText(payload.preset.data));
    }
    let recomputed: string;
    try {
      const { network } = await loadNetwork(model);
      recomputed = jobIdOf({ networkHash: network.hash, powerW: payload.powerW, presetHash: canonicalHash(loadPreset(preset)), options: payload.options, seed: payload.seed, toolVersion: TOOL_VERSION });
    } catch (e) {
      throw isUserError(e) ? new UnrecoverableError(`invalid job payload: ${e.toLine()}`) : e;
    }
    if (recomputed !== payload.id) throw new UnrecoverableError(`invalid job payload: its inputs hash to ${recomputed}, not to its id ${payload.id}`);

    let runDir: string;
    try {
      const ctx = await synthesize(synthCall({ model, preset, powerW: payload.powerW, seed: payload.seed, options: payload.options }, { workers: payload.workers, outDir: join(scratch, "run") }));
      runDir = ctx.runDir;
    } catch (e) {
      if (isUserError(e)) throw new UnrecoverableError(USER_ERROR_PREFIX + e.toLine());
      throw e;
    }
    const files: Record<string, string> = {};
    for (const name of readdirSync(runDir).sort()) {
      const file = join(runDir, name);
      if (statSync(file).isFile()) files[name] = gzipSync(readFileSync(file)).toString("base64");
    }
    return { id: payload.id, files };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** BullMQ loads a sandboxed processor file's default export (the compiled dist/ file is used directly). */
export default processJob;
