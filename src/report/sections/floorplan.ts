/**
 * Macro floorplan derived from arch.json: mapping.layers[].macros are row-major mesh indices; a macro belongs to
 * the first layer that lists it without sharing; a layer with sharesWith reuses an earlier layer's macros (and
 * their ADC bank), which marks those macros shared. Crossbars per macro come from the hardware tree (the macros
 * listed in allocation order: the order in which the mapping first names their mesh indices).
 */
import type { RunData } from "../load-run.ts";
import { fmtInt } from "../format.ts";
import { floorplanChart, type FloorplanCell, type FloorplanGroup } from "../svg/floorplan.ts";
import { layerColor, sharedGroupColor } from "../svg/palette.ts";
import type { SvgMarkup } from "../svg/svg.ts";
import { componentsIn } from "./design.ts";
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

/**
 * Crossbars in each macro by mesh index: the chip's macro entries expanded by their counts, matched to the mesh
 * indices in the order the mapping first names them (the order macros are allocated and grouped). Null when the
 * tree's macro count differs from the mapping's (a hand-edited file): the floorplan is then a plain mesh map.
 */
export function macroCrossbars(run: RunData): Map<number, number> | null {
  const order: number[] = [];
  const seen = new Set<number>();
  for (const l of run.arch.mapping.layers)
    for (const m of l.macros)
      if (!seen.has(m)) {
        seen.add(m);
        order.push(m);
      }
  const perMacro: number[] = [];
  for (const child of run.arch.hardware.chip.children) {
    if (child.level !== "macro") continue;
    const n = componentsIn(child, "crossbar");
    for (let k = 0; k < child.count; k++) perMacro.push(n);
  }
  if (perMacro.length !== order.length) return null;
  return new Map(order.map((m, k) => [m, perMacro[k]]));
}

/** "75" or "75–98": the spread of a group's per-macro crossbars. */
function spread(values: number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? fmtInt(lo) : `${fmtInt(lo)}–${fmtInt(hi)}`;
}

export function floorplan(run: RunData): SvgMarkup {
  const { meshRows, meshCols } = run.arch.hardware.noc;
  const index = layerIndex(run);
  const crossbars = macroCrossbars(run);
  const num = (n: string) => (index.has(n) ? String(index.get(n)! + 1) : "?");
  const named = (n: string) => `${n}${index.has(n) ? ` (#${index.get(n)! + 1})` : ""}`;
  // A group: the macros of one owner layer and the layers sharing them, keyed by their label ("7+21").
  const groups: (FloorplanGroup & { macros: number[]; xbars: number[] })[] = [];
  const groupOf = new Map<string, number>();
  let sharedGroups = 0;
  const cells: FloorplanCell[] = [];
  for (const [m, u] of [...macroUses(run)].sort((a, b) => a[0] - b[0])) {
    const owner = u.owner ?? u.sharedBy[0];
    const sharers = u.sharedBy.filter((s) => s !== owner);
    const label = [owner, ...sharers].map(num).join("+");
    let g = groupOf.get(label);
    if (g === undefined) {
      g = groups.length;
      groupOf.set(label, g);
      const shared = u.sharedBy.length > 0;
      const i = index.get(owner) ?? -1;
      groups.push({
        label,
        color: shared ? sharedGroupColor(sharedGroups++) : i >= 0 ? layerColor(i) : "#888",
        shared,
        legend: "",
        macros: [],
        xbars: [],
      });
    }
    const group = groups[g];
    group.macros.push(m);
    const n = crossbars?.get(m) ?? null;
    if (n !== null) group.xbars.push(n);
    const others = u.hosts.filter((h) => h !== owner).map(named);
    const tip =
      `macro at mesh position ${m} (row ${Math.floor(m / meshCols)}, column ${m % meshCols}): ${named(owner)}` +
      (others.length ? `; also hosts ${others.join(", ")}` : "") +
      (u.sharedBy.length ? `; shared by ${u.sharedBy.map(named).join(", ")} (ADC reuse)` : "") +
      (n === null ? "" : `; ${fmtInt(n)} crossbars`);
    cells.push({ index: m, group: g, crossbars: n, tooltip: tip });
  }
  for (const g of groups) {
    const names = g.label.split("+").map((k) => run.metrics.design.mapping.layers[Number(k) - 1]?.name ?? "?");
    const size = g.xbars.length === g.macros.length && g.xbars.length ? `, ${spread(g.xbars)} crossbars each` : "";
    g.legend = `${g.label.split("+").map((k) => `#${k}`).join("+")} ${names.join(" + ")}: ${fmtInt(g.macros.length)} macro${g.macros.length === 1 ? "" : "s"}${size}`;
  }
  const scaled = crossbars !== null;
  return floorplanChart({
    id: "floorplan",
    title: scaled ? "Macro floorplan on the NoC mesh (area to scale: crossbars per macro)" : "Macro map on the NoC mesh (positions only, not to scale)",
    desc: `${cells.length} macros on a ${meshRows} by ${meshCols} mesh, coloured by the layer whose weights they hold; hatched macros are shared by a later layer.`,
    meshRows,
    meshCols,
    groups: groups.map(({ label, color, shared, legend }) => ({ label, color, shared, legend })),
    cells,
  });
}
