/** `--layers`: names or index ranges over the network's conv/FC layers ("0-3,fc,layer4.1.conv2"). */
import { UserError } from "../../errors.ts";
import type { Layer } from "../../network/types.ts";

export function selectLayers(mappable: Layer[], spec: string | undefined): Layer[] {
  if (spec === undefined) return mappable;
  const picked = new Set<number>();
  for (const raw of spec.split(",").map((s) => s.trim())) {
    if (raw === "") continue;
    const byName = mappable.findIndex((l) => l.name === raw);
    if (byName >= 0) {
      picked.add(byName);
      continue;
    }
    const m = /^(\d+)(?:-(\d+))?$/.exec(raw);
    if (!m) throw new UserError(`no conv/FC layer named "${raw.slice(0, 80)}"; expected layer names or index ranges like 0-3 (0 … ${mappable.length - 1})`, { pointer: "--layers" });
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo > hi || hi >= mappable.length) throw new UserError(`range ${raw} is outside 0 … ${mappable.length - 1} (the conv/FC layers)`, { pointer: "--layers" });
    for (let i = lo; i <= hi; i++) picked.add(i);
  }
  if (picked.size === 0) throw new UserError("expected at least one layer", { pointer: "--layers" });
  return [...picked].sort((a, b) => a - b).map((i) => mappable[i]);
}
