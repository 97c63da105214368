/**
 * The built-in component presets (specs/presets/*.json), loading a preset by name or file, and user
 * override files laid over it. Lookups of single rows live in preset-lookup.ts and the override merge in
 * preset-overrides.ts; both are re-exported here so callers import one module.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, isAbsolute, resolve, sep } from "node:path";
import { packagePath } from "../paths.ts";
import { UserError } from "../errors.ts";
import { readJsonFile, validate } from "../io/json.ts";
import { Preset } from "./components.ts";
import { checkUniqueRows } from "./preset-keys.ts";
import { applyOverrides } from "./preset-overrides.ts";

export { applyOverrides, PresetOverride } from "./preset-overrides.ts";
export {
  adcRow,
  aluRow,
  crossbarRow,
  dacRow,
  namedRow,
  sampleHoldRow,
  scratchpadAtLeast,
  scratchpadRow,
  type NamedKind,
} from "./preset-lookup.ts";

/** specs/presets/ (with a trailing separator), found from the package root so the CLI works from any directory. */
export const PRESETS_DIR = packagePath("specs", "presets") + sep;

export interface PresetInfo {
  name: string;
  description: string;
  technologyNm: number | null;
  file: string;
}

function builtinNames(): string[] {
  return readdirSync(PRESETS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/** The built-in presets, by name (a built-in's file is specs/presets/<name>.json). */
export function listPresets(): PresetInfo[] {
  return builtinNames().map((name) => {
    const file = resolve(PRESETS_DIR, `${name}.json`);
    const data = readJsonFile(file) as Partial<Preset>;
    return {
      name,
      description: typeof data.description === "string" ? data.description : "",
      technologyNm: typeof data.technologyNm === "number" ? data.technologyNm : null,
      file,
    };
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Whether `nameOrFile` names a file rather than a built-in (it has a path separator or a .json ending). */
function looksLikeFile(nameOrFile: string): boolean {
  return /[\\/]/.test(nameOrFile) || nameOrFile.endsWith(".json") || existsSync(nameOrFile);
}

/** Resolve a built-in name or a path to the preset file it designates; `relativeTo` resolves relative paths. */
function presetFile(nameOrFile: string, relativeTo?: string): string {
  const names = builtinNames();
  if (names.includes(nameOrFile)) return resolve(PRESETS_DIR, `${nameOrFile}.json`);
  if (looksLikeFile(nameOrFile) || (relativeTo && existsSync(resolve(relativeTo, nameOrFile)))) {
    return relativeTo && !isAbsolute(nameOrFile) ? resolve(relativeTo, nameOrFile) : nameOrFile;
  }
  throw new UserError(`unknown preset "${nameOrFile}"; expected one of ${names.join(", ")} or a path to a preset JSON file`, {
    pointer: "--preset",
  });
}

function loadPresetFile(file: string): Preset {
  const preset = validate(Preset, readJsonFile(file), file);
  checkUniqueRows(preset, file);
  return deepFreeze(preset);
}

/** Load a built-in preset by name, or a full preset file by path. The result is frozen. */
export function loadPreset(nameOrFile: string): Preset {
  return loadPresetFile(presetFile(nameOrFile));
}

/**
 * A preset with an override file laid over it. The preset is `name` if given, else the override file's
 * `base` (a built-in name, or a path relative to the override file); giving both, they must agree.
 */
export function loadPresetWithOverrides(name: string | undefined, overrideFile?: string): Preset {
  if (overrideFile === undefined) {
    if (name === undefined) throw new UserError("no preset given; expected a preset name or file", { pointer: "--preset" });
    return loadPreset(name);
  }
  const data = readJsonFile(overrideFile);
  const base = typeof data === "object" && data !== null ? (data as { base?: unknown }).base : undefined;
  const overrideDir = dirname(resolve(overrideFile));
  let file: string;
  if (typeof base === "string") {
    const baseFile = presetFile(base, overrideDir);
    if (name !== undefined && resolve(presetFile(name)) !== resolve(baseFile)) {
      throw new UserError(`"base" is "${base}" but the preset given is "${name}"; expected the same preset, or no "base"`, {
        file: overrideFile,
        pointer: "/base",
      });
    }
    file = baseFile;
  } else if (name !== undefined) {
    file = presetFile(name);
  } else {
    throw new UserError('no preset given; expected a preset name or a "base" in the override file', {
      file: overrideFile,
      pointer: "/base",
    });
  }
  return deepFreeze(applyOverrides(loadPresetFile(file), data, overrideFile));
}

