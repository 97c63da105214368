/**
 * What a queued job carries: everything a worker on another machine needs (a zoo name or the network itself, a
 * built-in preset name or the preset itself, budget, seed, options) and the id those inputs hash to. A worker
 * validates the payload against this schema and recomputes the id, so a malformed or tampered job fails at once
 * (no retries) instead of writing a result under a wrong name.
 */
import { Type, type Static } from "@sinclair/typebox";
import { Preset } from "../../hardware/components.ts";
import { NetworkSpec } from "../../network/types.ts";
import { StudyOptions } from "../spec.ts";
import type { StudyJob, StudyPlan } from "../plan.ts";
import { TOOL_VERSION } from "../../version.ts";

const FileName = Type.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*\\.json$" });

export const JobPayload = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    id: Type.String({ pattern: "^[0-9a-f]{16}$" }),
    toolVersion: Type.String({ minLength: 1, maxLength: 64 }),
    network: Type.Union([
      Type.Object({ zoo: Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" }) }, { additionalProperties: false }),
      Type.Object({ fileName: FileName, spec: NetworkSpec }, { additionalProperties: false }),
    ]),
    preset: Type.Union([
      Type.Object({ builtin: Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" }) }, { additionalProperties: false }),
      Type.Object({ fileName: FileName, data: Preset }, { additionalProperties: false }),
    ]),
    powerW: Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }),
    seed: Type.Integer({ minimum: 0, maximum: 4294967295 }),
    options: StudyOptions,
    /** Threads per synthesis on the worker. */
    workers: Type.Integer({ minimum: 1, maximum: 64 }),
  },
  { additionalProperties: false },
);
export type JobPayload = Static<typeof JobPayload>;

/** A finished job as the worker returns it: the run directory's files, gzip-compressed, base64. */
export interface JobResult {
  id: string;
  files: Record<string, string>;
}

function fileNameOf(source: string): string {
  const base = source.split(/[\\/]/).pop() ?? "input.json";
  const safe = base.replace(/\.onnx$/i, ".json").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return (safe.endsWith(".json") ? safe : `${safe}.json`).slice(-128) || "input.json";
}

export function payloadOf(plan: StudyPlan, job: StudyJob, workers: number): JobPayload {
  const network = job.network.zoo
    ? { zoo: job.network.source }
    : { fileName: fileNameOf(job.network.source), spec: plan.networkSpecs.get(job.network.source)! };
  const preset = job.preset.builtin ? { builtin: job.preset.source } : { fileName: fileNameOf(job.preset.source), data: plan.presetData.get(job.preset.source)! };
  return { schemaVersion: 1, id: job.id, toolVersion: TOOL_VERSION, network, preset, powerW: job.powerW, seed: job.seed, options: job.options, workers };
}
