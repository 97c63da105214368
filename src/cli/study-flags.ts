/** `pimsyn sweep` flags → a study spec (validated like a study file). */
import { UserError } from "../errors.ts";
import { validate } from "../io/json.ts";
import { StudySpec, type StudyOptions } from "../study/spec.ts";
import { parsePowerW } from "./parse.ts";

export interface SweepFlags {
  power: string;
  preset?: string;
  seeds?: string;
  name?: string;
  options: StudyOptions;
}

/** `20W:200W:20W` (inclusive range) or `20W,49W,100` → the study's powerW field. */
export function parsePowerList(text: string, option = "--power"): StudySpec["powerW"] {
  if (text.includes(":")) {
    const parts = text.split(":");
    if (parts.length !== 3)
      throw new UserError(`expected from:to:step (e.g. 20W:200W:20W) or a list (20W,49W), found "${text}"`, { pointer: option });
    const [fromW, toW, stepW] = parts.map((p) => parsePowerW(p, option));
    if (toW < fromW) throw new UserError(`expected the range's end to be at least its start, found "${text}"`, { pointer: option });
    return { fromW, toW, stepW };
  }
  const values = text.split(",").filter((s) => s.trim()).map((p) => parsePowerW(p, option));
  if (!values.length) throw new UserError(`expected at least one power budget, found "${text}"`, { pointer: option });
  return [...new Set(values)];
}

export function parseSeedList(text: string, option = "--seeds"): number[] {
  const parts = text.split(",").map((s) => s.trim()).filter(Boolean);
  const seeds = parts.map((p) => (/^\d+$/.test(p) && Number(p) <= 0xffffffff ? Number(p) : NaN));
  if (!seeds.length || seeds.some((s) => Number.isNaN(s)))
    throw new UserError(`expected a comma-separated list of integers from 0 to 4294967295, found "${text}"`, { pointer: option });
  return [...new Set(seeds)];
}

/** The study `pimsyn sweep a,b --power ... --preset ... --seeds ...` describes (validated like a file). */
export function studyFromFlags(models: string, flags: SweepFlags): StudySpec {
  const networks = [...new Set(models.split(",").map((s) => s.trim()).filter(Boolean))];
  if (!networks.length) throw new UserError(`expected one or more comma-separated models, found "${models}"`, { pointer: "<models>" });
  const spec: StudySpec = {
    schemaVersion: 1,
    ...(flags.name ? { name: flags.name } : {}),
    networks,
    powerW: parsePowerList(flags.power),
    ...(flags.preset ? { presets: [...new Set(flags.preset.split(",").map((s) => s.trim()).filter(Boolean))] } : {}),
    ...(flags.seeds ? { seeds: parseSeedList(flags.seeds) } : {}),
    ...(Object.keys(flags.options).length ? { options: flags.options } : {}),
  };
  return validate(StudySpec, spec, "(command line)");
}
