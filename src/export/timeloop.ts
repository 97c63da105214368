/**
 * Timeloop/Accelergy v0.4: arch.yaml (`architecture: {version: 0.4, nodes}` of !Container / !Component /
 * !Parallel nodes), components.yaml (`compound_components`: one class per pimsyn part), variables.yaml
 * (technology, global_cycle_seconds), the per-action energies as accelergy-table-based-plug-ins tables, and
 * per conv/FC layer a 7-D problem file and mapping constraints pinning our weight duplication.
 *
 * Modelled on the exercise repository's example_designs/simba_like/arch.yaml (a top !Container carrying the
 * technology, storage !Components with dataspace keep/bypass constraints, !Parallel sibling buffers,
 * containers with meshX/meshY fan-outs) and its layer_shapes/CONV problems; compound classes follow
 * _components/smartbuffer_SRAM.yaml.
 */
import type { Level } from "../hardware/arch.ts";
import { designView, mappingNotes, unitSpatial, type DesignView } from "./design.ts";
import { Notes, readmeText } from "./notes.ts";
import { bypassOf, partOf, type Part } from "./timeloop-parts.ts";
import { layerFiles } from "./timeloop-problem.ts";
import { toolDefaults } from "./tool-defaults.ts";
import type { ExportFile, ExportInput, ExportResult } from "./types.ts";
import { Tagged, yamlText, type YamlMap, type YamlValue } from "./yaml-text.ts";

interface Built {
  nodes: YamlValue[];
  parts: Part[];
}

function componentNode(part: Part, levelName: string, count: number): Tagged {
  const node: YamlMap = {
    name: `${levelName}_${part.name}`,
    class: part.className,
    attributes: part.attributes,
    constraints: { dataspace: part.keep.length ? { keep: part.keep, bypass: bypassOf(part.keep) } : { bypass: bypassOf(part.keep) } },
  };
  if (count > 1) node.spatial = { meshX: count };
  return new Tagged("!Component", node);
}

/** One level: its container (not for the chip), its parts side by side, then its children; crossbars last. */
function buildLevel(level: Level, v: DesignView, cycleNs: number, out: Built, spatial: YamlMap | undefined, notes: Notes): void {
  if (spatial !== undefined) out.nodes.push(new Tagged("!Container", { name: level.name, spatial }));
  const uses = level.components.filter((c) => c.count > 0 && c.kind !== "crossbar");
  for (const c of level.components) if (c.count === 0) notes.dropped(`${level.name} ${c.kind}`, "count 0", "not written");
  const siblings = uses.map((c) => {
    const part = partOf(c, v, cycleNs);
    out.parts.push(part);
    if (c.sharedBy && c.sharedBy > 1)
      notes.approximated(`${level.name} ${c.kind} shared by ${c.sharedBy}`, `${c.count} per ${c.sharedBy} ${level.name}s`, `${c.count} per ${level.name} with attribute shared_by ${c.sharedBy}`, "Timeloop has no sharing across container instances");
    return componentNode(part, level.name, c.count);
  });
  if (siblings.length === 1) out.nodes.push(siblings[0]);
  else if (siblings.length > 1) out.nodes.push(new Tagged("!Parallel", { nodes: siblings }));
  const xb = level.components.filter((c) => c.kind === "crossbar" && c.count > 0);
  if (xb.length > 0) {
    const count = xb.reduce((s, c) => s + c.count, 0);
    const part = partOf(xb[0], v, cycleNs);
    out.parts.push(part);
    out.nodes.push(componentNode(part, level.name, count));
    out.nodes.push(
      new Tagged("!Component", {
        name: "cell_mac",
        class: "pimsyn_cell_mac",
        spatial: { meshX: Math.floor(v.size / v.weightSlices), meshY: v.size },
        attributes: { datawidth: v.activationBits },
      }),
    );
    return;
  }
  for (const child of level.children) buildLevel(child, v, cycleNs, out, { meshX: child.count }, notes);
}

/** Accelergy compound class: one subcomponent (the table primitive) and the four storage actions (or compute). */
function compoundClass(part: Part, technology: string): YamlMap {
  const attributes: YamlMap = { technology, ...Object.fromEntries(Object.keys(part.attributes).map((k) => [k, "must_specify"])) };
  return {
    name: part.className,
    attributes,
    subcomponents: [{ name: "unit", class: `${part.className}_table`, attributes: { technology: "technology" } }],
    actions: part.actions.map((a) => ({
      name: a.name,
      subcomponents: [{ name: "unit", actions: [{ name: a.tableAction, energy_scale: a.scale }] }],
    })),
  };
}

const csv = (rows: Part["table"], technology: string): string =>
  ["technology,action,energy,area", ...rows.map((r) => `${technology},${r.action},${Number(r.energyPj.toPrecision(12))},${Number(r.areaUm2.toPrecision(12))}`)].join("\n") + "\n";

export function exportTimeloop(input: ExportInput): ExportResult {
  const notes = new Notes();
  const v = designView(input.arch, input.preset, notes);
  const d = toolDefaults("timeloop", notes);
  const g = input.preset.globals;
  const cycleNs = 1 / g.nocClockGhz;
  const technology = input.preset.technologyNm !== null ? `${input.preset.technologyNm}nm` : (d("technology") as string);
  if (input.preset.technologyNm === null)
    notes.approximated("technology node", `preset ${input.preset.name} states none`, `technology "${technology}" (the exercise designs' node)`, "Accelergy needs one; set yours in variables.yaml");

  const built: Built = { nodes: [], parts: [] };
  built.nodes.push(
    new Tagged("!Container", {
      name: "chip",
      attributes: { technology: "technology", datawidth: v.activationBits, mesh_rows: v.mesh.rows, mesh_cols: v.mesh.cols, units_per_router: v.mesh.unitsPerRouter },
    }),
    new Tagged("!Component", {
      name: "backing_store",
      class: "pimsyn_backing_store",
      attributes: { depth: 4294967295, width: v.activationBits, datawidth: v.activationBits },
      constraints: { dataspace: { keep: ["Inputs", "Outputs", "Weights"] } },
    }),
  );
  const chipOnly: Level = { ...v.chip, children: [] };
  buildLevel(chipOnly, v, cycleNs, built, undefined, notes);
  buildLevel({ ...v.unit, name: v.unit.level }, v, cycleNs, built, unitSpatial(v, notes), notes);

  const arch = yamlText({ architecture: { version: 0.4, nodes: built.nodes } }, [
    `Timeloop/Accelergy v0.4 architecture written by pimsyn for ${input.arch.name} (preset ${input.arch.preset}); see README.txt.`,
    "Modelled on timeloop-accelergy-exercises example_designs/simba_like/arch.yaml.",
  ]);
  const classes = new Map<string, Part>();
  for (const p of built.parts) if (!classes.has(p.className)) classes.set(p.className, p);
  const components = yamlText(
    {
      compound_components: {
        version: 0.4,
        classes: [
          ...[...classes.values()].map((p) => compoundClass(p, technology)),
          zeroClass("pimsyn_backing_store", ["read", "write", "update", "leak"]),
          zeroClass("pimsyn_cell_mac", ["compute", "leak"]),
        ],
      },
    },
    ["Accelergy compound classes for the pimsyn parts; energies come from the tables in tables/ (see README.txt)."],
  );
  const variables = yamlText({ variables: { version: 0.4, technology, global_cycle_seconds: 1 / (g.nocClockGhz * 1e9) } }, [`Timeloop/Accelergy variables for ${input.arch.name}`]);
  const tables: ExportFile[] = [...classes.values()].map((p) => ({ path: `tables/data/${p.className}_table.csv`, text: csv(p.table, technology) }));
  tables.push({
    path: "tables/pimsyn.table.yaml",
    text: yamlText({ name: `pimsyn_${input.arch.preset}`, technology, accuracy: d("table_accuracy") as number, path_to_data_dir: "./data" }),
  });

  const layer = layerFiles(input, v, notes);
  timeloopNotes(v, notes);
  mappingNotes(v, notes, true);
  const files: ExportFile[] = [
    { path: "arch.yaml", text: arch },
    { path: "components.yaml", text: components },
    { path: "variables.yaml", text: variables },
    ...tables,
    ...layer.files,
  ];
  const readme = readmeText({
    title: `Timeloop/Accelergy v0.4 model of ${input.arch.name}`,
    design: `${input.arch.name} (preset ${input.arch.preset}): ${v.units} ${v.unit.level}s; per ${v.unit.level} ${v.perUnit.crossbars} crossbars of ${v.size}x${v.size} (${v.cellBits}-bit cells, ${v.weightSlices} columns per ${v.weightBits}-bit weight), ${v.perUnit.adcs} ${v.adcBits}-bit ADCs, ${v.perUnit.dacs} ${v.dacBits}-bit DACs; ${v.inputIterations} input-bit iterations per MVM.`,
    files: [
      { path: "arch.yaml", what: "the architecture (chip, backing store, units, their parts, crossbars, cell MACs)." },
      { path: "components.yaml", what: "compound component classes, one per part; each reads its energy from a table." },
      { path: "variables.yaml", what: "technology and global_cycle_seconds (the digital/NoC clock)." },
      { path: "tables/", what: "per-action energy (pJ) and area (um2) tables from the preset, in accelergy-table-based-plug-ins format; install that plug-in and point it at tables/pimsyn.table.yaml." },
      ...layer.readmeFiles,
    ],
    usage: [
      "Combine arch.yaml, components.yaml, variables.yaml, one problems/*.yaml and the matching constraints/*.yaml (its extra_mapping_constraints) into one Timeloop v0.4 input, as the exercise repository's top.yaml.jinja2 does, and run timeloop-mapper (or timeloopfe).",
    ],
    notes,
  });
  files.push({ path: "README.txt", text: readme });
  return { format: "timeloop", files: files.sort((a, b) => a.path.localeCompare(b.path)) };
}

function zeroClass(name: string, actions: string[]): YamlMap {
  return { name, attributes: {}, subcomponents: [], actions: actions.map((a) => ({ name: a, subcomponents: [] })) };
}

function timeloopNotes(v: DesignView, notes: Notes): void {
  notes.approximated("backing store", "none in the design (weights are programmed once, activations stay on chip)", "a zero-cost backing_store holding all dataspaces", "Timeloop needs an outermost storage level");
  notes.approximated("bit-serial inputs and sliced weights", `${v.inputIterations} input-bit iterations, ${v.weightSlices} cells per weight`, "folded into the per-access energies (energy_scale) and the cell_mac fan-out (cols / slices)", "Timeloop counts full-precision MACs");
  notes.approximated("routers, buses, off-chip links", "flit/word transfer energies", "pass-through levels that keep no dataspace; their energies are in the tables for a manual estimate", "Timeloop v0.4 counts no traffic on a level that keeps nothing");
  const whole = v.preset.router.filter((r) => r.wholeNoc);
  const routers = v.chip.components.filter((c) => c.kind === "router").reduce((s, c) => s + c.count, 0);
  for (const r of whole)
    notes.approximated(`router ${r.name}`, `${r.staticPowerMw} mW static for the whole NoC`, `split evenly: ${r.staticPowerMw / Math.max(1, routers)} mW leak per router x ${routers}`, "the preset gives one figure for the NoC");
}
