/**
 * A study spec expanded into jobs. A job's id is a hash of everything that determines its result (network hash,
 * power budget, preset hash, options, seed, tool version), so re-running a study finds finished jobs by id and a
 * queue can de-duplicate them.
 */
import { basename, isAbsolute, resolve } from "node:path";
import { UserError } from "../errors.ts";
import { loadNetwork } from "../network/load.ts";
import { canonicalHash, canonicalJson } from "../network/hash.ts";
import { listPresets, loadPreset } from "../hardware/preset.ts";
import type { NetworkSpec } from "../network/types.ts";
import type { Preset } from "../hardware/components.ts";
import { TOOL_VERSION } from "../version.ts";
import { MAX_STUDY_JOBS, type StudyOptions, type StudySpec } from "./spec.ts";

export const JOB_ID_PATTERN = /^[0-9a-f]{16}$/;

export interface StudyJob {
  id: string;
  network: { name: string; source: string; hash: string; zoo: boolean };
  preset: { name: string; source: string; hash: string; builtin: boolean };
  powerW: number;
  seed: number;
  options: StudyOptions;
}

export interface StudyPlan {
  name: string;
  /** Hash of the jobs' ids: names the default study folder. */
  hash: string;
  spec: StudySpec;
  jobs: StudyJob[];
  /** Loaded inputs by source (for queue payloads: a worker on another machine gets the file's content). */
  networkSpecs: Map<string, NetworkSpec>;
  presetData: Map<string, Preset>;
}

/** What determines a job's result; its canonical JSON hashed is the job id. */
export function jobIdOf(inputs: { networkHash: string; powerW: number; presetHash: string; options: StudyOptions; seed: number; toolVersion: string }): string {
  return canonicalHash({
    network: inputs.networkHash,
    powerW: inputs.powerW,
    preset: inputs.presetHash,
    options: inputs.options,
    seed: inputs.seed,
    tool: inputs.toolVersion,
  }).slice(0, 16);
}

/** Budgets of a study: the list, or the range inclusive of both ends (rounded so 0.1 steps do not drift). */
export function powerBudgets(p: StudySpec["powerW"]): number[] {
  if (Array.isArray(p)) return [...p].sort((a, b) => a - b);
  if (p.toW < p.fromW) throw new UserError(`expected toW ≥ fromW, found ${p.toW} < ${p.fromW}`, { pointer: "/powerW/toW" });
  const n = Math.floor((p.toW - p.fromW) / p.stepW + 1e-9);
  if (n + 1 > MAX_STUDY_JOBS) throw new UserError(`the range has ${n + 1} budgets; at most ${MAX_STUDY_JOBS} expected`, { pointer: "/powerW/stepW" });
  return Array.from({ length: n + 1 }, (_, k) => +(p.fromW + k * p.stepW).toPrecision(12));
}

/** Sorted lists and no undefined members: the same options written two ways hash the same. */
export function normalizeOptions(o: StudyOptions = {}): StudyOptions {
  const sorted = (a?: number[]) => (a ? [...a].sort((x, y) => x - y) : undefined);
  return JSON.parse(
    canonicalJson({
      ...o,
      crossbarSizes: sorted(o.crossbarSizes),
      cellBits: sorted(o.cellBits),
      dacBits: sorted(o.dacBits),
      ratios: sorted(o.ratios),
    }),
  ) as StudyOptions;
}

function isFile(source: string): boolean {
  return /\.(json|onnx)$/i.test(source);
}

/** Expand a study into its jobs: network-major, then preset, budget, seed (the order of study.csv). */
export async function planStudy(spec: StudySpec, baseDir = "."): Promise<StudyPlan> {
  const budgets = powerBudgets(spec.powerW);
  const presets = spec.presets ?? ["pimsyn-date24"];
  const seeds = spec.seeds ?? [1];
  const count = spec.networks.length * budgets.length * presets.length * seeds.length;
  if (count > MAX_STUDY_JOBS) throw new UserError(`the study has ${count} jobs; at most ${MAX_STUDY_JOBS} expected`, { pointer: "/" });
  const options = normalizeOptions(spec.options);
  const networkSpecs = new Map<string, NetworkSpec>();
  const presetData = new Map<string, Preset>();
  const builtin = new Set(listPresets().map((p) => p.name));

  const networks: StudyJob["network"][] = [];
  for (const [i, name] of spec.networks.entries()) {
    const zoo = !isFile(name);
    const source = zoo ? name : isAbsolute(name) ? name : resolve(baseDir, name);
    let loaded;
    try {
      loaded = await loadNetwork(source);
    } catch (e) {
      if (e instanceof UserError && !e.pointer && !e.file) throw new UserError(e.message, { pointer: `/networks/${i}` });
      throw e;
    }
    networkSpecs.set(source, loaded.network.spec);
    networks.push({ name: loaded.network.name, source, hash: loaded.network.hash, zoo });
  }
  const presetRows: StudyJob["preset"][] = presets.map((name, i) => {
    const isBuiltin = builtin.has(name);
    const source = isBuiltin || isAbsolute(name) ? name : resolve(baseDir, name);
    let preset: Preset;
    try {
      preset = loadPreset(source);
    } catch (e) {
      if (e instanceof UserError && !e.file) throw new UserError(e.message, { pointer: `/presets/${i}` });
      throw e;
    }
    presetData.set(source, preset);
    return { name: isBuiltin ? name : basename(name), source, hash: canonicalHash(preset), builtin: isBuiltin };
  });

  const jobs: StudyJob[] = [];
  const seen = new Set<string>();
  for (const network of networks)
    for (const preset of presetRows)
      for (const powerW of budgets)
        for (const seed of seeds) {
          const id = jobIdOf({ networkHash: network.hash, powerW, presetHash: preset.hash, options, seed, toolVersion: TOOL_VERSION });
          // The same network named twice (a zoo name and its JSON export) is one job.
          if (!seen.has(id)) jobs.push({ id, network, preset, powerW, seed, options });
          seen.add(id);
        }
  const hash = canonicalHash(jobs.map((j) => j.id)).slice(0, 10);
  return { name: spec.name ?? `study-${hash}`, hash, spec, jobs, networkSpecs, presetData };
}
