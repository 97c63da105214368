/**
 * Macro floorplan derived from arch.json: mapping.layers[].macros are row-major mesh indices; a macro belongs to
 * the first layer that lists it without sharing; a layer with sharesWith reuses an earlier layer's macros (and
 * their ADC bank), which marks those macros shared.
 */
import type { RunData } from "../load-run.ts";
import { floorplanChart, type FloorplanCell } from "../svg/floorplan.ts";
import { layerColor } from "../svg/palette.ts";
import type { SvgMarkup } from "../svg/svg.ts";
import { layerIndex } from "./layers.ts";

interface MacroUse {
  owner?: string;
  hosts: string[];
  sharedBy: string[];
}

export function macroUses(run: RunData): Map<number, MacroUse> {
  const uses = new Map<number, MacroUse>();
  for (const l of run.arch.mapping.layers)
    for (const m of l.macros) {
      const u = uses.get(m) ?? { hosts: [], sharedBy: [] };
      uses.set(m, u);
      if (l.sharesWith !== undefined) u.sharedBy.push(l.layer);
      else {
        u.hosts.push(l.layer);
        u.owner ??= l.layer;
      }
    }
  return uses;
}

export function floorplan(run: RunData): SvgMarkup {
  const { meshRows, meshCols } = run.arch.hardware.noc;
  const index = layerIndex(run);
  const cells: FloorplanCell[] = [];
  for (const [m, u] of [...macroUses(run)].sort((a, b) => a[0] - b[0])) {
    const owner = u.owner ?? u.sharedBy[0];
    const i = index.get(owner) ?? -1;
    const named = (n: string) => `${n}${index.has(n) ? ` (#${index.get(n)! + 1})` : ""}`;
    const others = u.hosts.filter((h) => h !== owner).map(named);
    const tip =
      `macro at mesh position ${m} (row ${Math.floor(m / meshCols)}, column ${m % meshCols}): ${named(owner)}` +
      (others.length ? `; also hosts ${others.join(", ")}` : "") +
      (u.sharedBy.length ? `; shared by ${u.sharedBy.map(named).join(", ")} (ADC reuse)` : "");
    // Shared macros read "owner+sharer" (layer numbers), so sharing is visible on paper, not only on hover.
    const num = (n: string) => (index.has(n) ? String(index.get(n)! + 1) : "?");
    const label = [owner, ...u.sharedBy.filter((s) => s !== owner)].map(num).join("+");
    cells.push({ index: m, color: i >= 0 ? layerColor(i) : "#888", label, tooltip: tip, shared: u.sharedBy.length > 0 });
  }
  return floorplanChart({
    id: "floorplan",
    title: "Macro floorplan on the NoC mesh",
    desc: `${cells.length} macros on a ${meshRows} by ${meshCols} mesh, coloured by the layer whose weights they hold; hatched macros are shared by a later layer.`,
    meshRows,
    meshCols,
    cells,
  });
}
