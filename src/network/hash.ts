/**
 * Canonical JSON and the network hash. The hash identifies a network in run directories (style.md §6), so it
 * must not depend on key order or whitespace: keys are sorted at every level, arrays keep their order.
 */
import { createHash } from "node:crypto";

/** JSON text with object keys sorted recursively; `undefined` members are dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    // JSON.stringify(undefined) is undefined; inside arrays it becomes null, as in JSON.stringify.
    return text === undefined ? "null" : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** sha256 (hex) of the canonical JSON of a value: the network hash when given a NetworkSpec. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
