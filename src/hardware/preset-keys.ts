/**
 * What identifies a row in each table of a preset. Lookups, override matching and the duplicate check
 * all use these keys, so a preset where two rows answer the same lookup is refused at load time
 * instead of silently using whichever comes first.
 */
import { joinPointer, UserError } from "../errors.ts";
import { COMPONENT_KINDS, type ComponentKind, type Preset } from "./components.ts";

/** The field that tells rows of a kind apart; crossbars use size plus each of their cellBits. */
export const KEY_FIELD: Record<Exclude<ComponentKind, "crossbar" | "sampleHold">, string> = {
  adc: "bits",
  dac: "bits",
  alu: "op",
  scratchpad: "capacityKb",
  register: "name",
  bus: "name",
  router: "name",
  offChipLink: "name",
};

/** Human name of the row a key designates, e.g. "8-bit adc", "64 KB scratchpad", "router \"x\"". */
export function describeKey(kind: ComponentKind, key: unknown, cellBits?: number): string {
  switch (kind) {
    case "crossbar":
      return `${String(key)}x${String(key)} crossbar with ${cellBits}-bit cells`;
    case "adc":
    case "dac":
      return `${String(key)}-bit ${kind.toUpperCase()}`;
    case "alu":
      return `"${String(key)}" ALU`;
    case "scratchpad":
      return `${String(key)} KB scratchpad`;
    case "sampleHold":
      return "sample-and-hold";
    default:
      return `${kind} "${String(key)}"`;
  }
}

/** Refuse duplicates: two rows with the same key, a crossbar (size, cellBits) pair twice, or two S&H rows. */
export function checkUniqueRows(preset: Preset, file: string): void {
  for (const kind of COMPONENT_KINDS) {
    const rows = preset[kind] as readonly Record<string, unknown>[];
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const keys: { key: string; pointer: string; label: string }[] = [];
      if (kind === "crossbar") {
        for (const bits of row.cellBits as number[]) {
          keys.push({ key: `${row.size}:${bits}`, pointer: joinPointer(kind, i, "cellBits"), label: describeKey(kind, row.size, bits) });
        }
      } else if (kind === "sampleHold") {
        keys.push({ key: "", pointer: joinPointer(kind, i), label: "sample-and-hold" });
      } else {
        const field = KEY_FIELD[kind];
        keys.push({ key: String(row[field]), pointer: joinPointer(kind, i, field), label: describeKey(kind, row[field]) });
      }
      for (const { key, pointer, label } of keys) {
        const first = seen.get(key);
        if (first !== undefined) {
          throw new UserError(`second ${label} row (the first is ${joinPointer(kind, first)}); expected one row per key`, {
            file,
            pointer,
          });
        }
        seen.set(key, i);
      }
    });
  }
}
