/** Parsers for CLI option values; each failure is a one-line UserError naming the option. */
import { UserError } from "../errors.ts";

const POWER_UNITS: Record<string, number> = { mw: 1e-3, w: 1, kw: 1e3 };

/** "49W", "49", "500mW", "1.2kW" → watts. A bare number means watts. */
export function parsePowerW(text: string, option = "--power"): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*(mw|w|kw)?\s*$/i.exec(text);
  if (!m) throw new UserError(`expected a power like 49W, 49, 500mW or 1.2kW, found "${text}"`, { pointer: option });
  const w = Number(m[1]) * POWER_UNITS[(m[2] ?? "w").toLowerCase()];
  if (!Number.isFinite(w) || w <= 0) throw new UserError(`expected a positive finite power, found "${text}"`, { pointer: option });
  if (w > 1e6) throw new UserError(`expected at most 1 MW, found "${text}"`, { pointer: option });
  return w;
}

/** "120mm2", "120mm²", "120" (mm²), "1.5cm2" → mm². */
export function parseAreaMm2(text: string, option = "--area"): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*(mm2|mm²|cm2|cm²)?\s*$/i.exec(text);
  if (!m) throw new UserError(`expected an area like 120mm2, 120 (mm²) or 1.5cm2, found "${text}"`, { pointer: option });
  const mm2 = Number(m[1]) * (m[2] && m[2].toLowerCase().startsWith("cm") ? 100 : 1);
  if (!Number.isFinite(mm2) || mm2 <= 0) throw new UserError(`expected a positive finite area, found "${text}"`, { pointer: option });
  if (mm2 > 1e6) throw new UserError(`expected at most 1e6 mm², found "${text}"`, { pointer: option });
  return mm2;
}

/** "128,256" → [128, 256] (positive integers, deduplicated, sorted). */
export function parseIntList(text: string, option: string, allowed?: readonly number[]): number[] {
  const parts = text.split(",").map((s) => s.trim()).filter(Boolean);
  const values = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (!values.length || values.some((v) => !Number.isSafeInteger(v) || v < 1))
    throw new UserError(`expected a comma-separated list of positive integers, found "${text}"`, { pointer: option });
  if (allowed) {
    const bad = values.find((v) => !allowed.includes(v));
    if (bad !== undefined) throw new UserError(`expected values among ${allowed.join(", ")}, found ${bad}`, { pointer: option });
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/** "0.1:0.4:0.05" (start:end:step, inclusive) or "0.15,0.3" → sorted ratios in (0, 1). */
export function parseRatios(text: string, option = "--ratio"): number[] {
  const fail = () => new UserError(`expected start:end:step (e.g. 0.1:0.4:0.05) or a list (0.15,0.3) of ratios in (0, 1), found "${text}"`, { pointer: option });
  const num = (s: string) => {
    if (!/^\s*\d*\.?\d+\s*$/.test(s)) throw fail();
    return Number(s);
  };
  let values: number[];
  if (text.includes(":")) {
    const parts = text.split(":");
    if (parts.length !== 3) throw fail();
    const [a, b, step] = parts.map(num);
    if (!(step > 0) || b < a) throw fail();
    const n = Math.floor((b - a) / step + 1e-9);
    if (n > 1000) throw fail();
    values = Array.from({ length: n + 1 }, (_, k) => Math.round((a + k * step) * 1e6) / 1e6);
  } else values = text.split(",").map(num);
  if (!values.length || values.some((v) => !(v > 0 && v < 1))) throw fail();
  return [...new Set(values)].sort((x, y) => x - y);
}

/** "60s", "2m", "500ms", "90" (seconds) → milliseconds. */
export function parseDurationMs(text: string, option = "--time-budget"): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|min|h)?\s*$/i.exec(text);
  if (!m) throw new UserError(`expected a duration like 60s, 2m or 500ms, found "${text}"`, { pointer: option });
  const unit = (m[2] ?? "s").toLowerCase();
  const ms = Number(m[1]) * ({ ms: 1, s: 1e3, m: 60e3, min: 60e3, h: 3600e3 } as Record<string, number>)[unit];
  if (!(ms > 0) || !Number.isFinite(ms)) throw new UserError(`expected a positive duration, found "${text}"`, { pointer: option });
  return ms;
}

export function parsePositiveInt(text: string, option: string, max = 1e12): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new UserError(`expected a positive integer, found "${text}"`, { pointer: option });
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < 1 || v > max) throw new UserError(`expected an integer from 1 to ${max}, found "${text}"`, { pointer: option });
  return v;
}

/** Seeds are unsigned 32-bit integers (0 allowed). */
export function parseSeed(text: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) > 0xffffffff) throw new UserError(`expected an integer from 0 to 4294967295, found "${text}"`, { pointer: "--seed" });
  return Number(text);
}

/** A finite number ≥ 0 (e.g. a weight). */
export function parseNonNegative(text: string, option: string): number {
  const v = Number(text);
  if (!/^\s*[0-9.eE+-]+\s*$/.test(text) || !Number.isFinite(v) || v < 0) throw new UserError(`expected a finite number ≥ 0, found "${text}"`, { pointer: option });
  return v;
}
