/**
 * CiMLoop: a macro directory (arch.yaml, variables_free.yaml, variables_iso.yaml) laid out like CiMLoop's
 * models/arch/1_macro/isaac_isca_2016, plus a chip file for models/arch/3_chip/. The macro file, like every
 * CiMLoop macro, starts with CiMLoop's `{{include_text('defines.yaml')}}` and uses that file's anchors
 * (*container_defaults, *cim_unit, *virtualized_mac, ...), so it is read by CiMLoop's front end, not alone.
 *
 * Our unit (PIMSYN macro / ISAAC tile) is the CiMLoop macro: its crossbars are the `array` instances, each
 * a `column` × `row` !ArrayContainer of cells.
 */
import { designView, mappingNotes, perCrossbar, safe, unitSpatial } from "./design.ts";
import { Notes, readmeText } from "./notes.ts";
import { toolDefaults } from "./tool-defaults.ts";
import type { ExportInput, ExportResult } from "./types.ts";
import { Raw, Tagged, yamlText, type YamlMap, type YamlValue } from "./yaml-text.ts";

const INCLUDE_DEFINES = "{{include_text('defines.yaml')}}";
const alias = (...names: string[]) => new Raw(`[${names.map((n) => `*${n}`).join(", ")}]`);

export function exportCimloop(input: ExportInput): ExportResult {
  const notes = new Notes();
  const v = designView(input.arch, input.preset, notes);
  const d = toolDefaults("cimloop", notes);
  const g = input.preset.globals;
  const arrays = v.perUnit.crossbars;
  const adcPerArray = perCrossbar(v.perUnit.adcs, arrays);
  if (v.perUnit.adcs !== adcPerArray * arrays)
    notes.approximated("ADCs per macro", `${v.perUnit.adcs} (a bank shared by ${arrays} crossbars)`, `N_ADC_PER_BANK ${adcPerArray} per array = ${adcPerArray * arrays}`, "CiMLoop gives each array its own ADC bank");
  const pad = v.scratchpad;
  const shiftAdds = v.perUnit.alus.shiftAdd ?? 0;

  const nodes: YamlValue[] = [
    new Tagged("!Container", { name: "macro", "<<<": alias("container_defaults") }),
  ];
  if (pad) {
    nodes.push(
      new Tagged("!Component", {
        name: "scratchpad",
        "<<<": alias("component_defaults"),
        subclass: "smartbuffer_sram",
        attributes: { width: pad.row.accessBits, depth: (pad.capacityKb * 1024 * 8) / pad.row.accessBits },
        constraints: { dataspace: { keep_only: ["Inputs", "Outputs"] }, temporal: { factors_only: ["X=0"], factors: [] } },
      }),
    );
  } else notes.dropped("scratchpad", `no scratchpad in the ${v.unit.level}`, "no buffer node written");
  if (shiftAdds > 0)
    nodes.push(
      new Tagged("!Component", {
        name: "shift_add",
        "<<<": alias("component_defaults", "keep_outputs", "no_temporal_reuse"),
        subclass: "shift_add",
        attributes: { "<<<": new Raw("*cim_component_attributes"), width: "OUTPUT_BITS", n_instances: shiftAdds },
      }),
    );
  nodes.push(
    new Tagged("!Container", { name: "array", "<<<": alias("container_defaults", "spatial_map_all_weights"), spatial: { meshX: arrays } }),
    new Tagged("!Component", {
      name: "adc",
      "<<<": alias("component_defaults", "keep_outputs", "no_coalesce"),
      subclass: "adc",
      attributes: { "<<<": new Raw("*cim_component_attributes"), width: "ENCODED_OUTPUT_BITS" },
    }),
    new Tagged("!Component", {
      name: "row_drivers",
      "<<<": alias("component_defaults", "keep_inputs", "no_coalesce"),
      subclass: "input_row_drivers",
      attributes: { "<<<": new Raw("*cim_component_attributes"), width: "DAC_RESOLUTION" },
    }),
    new Tagged("!ArrayContainer", {
      name: "column",
      "<<<": alias("container_defaults", "spatial_must_reuse_inputs"),
      spatial: { meshX: v.size },
      constraints: { spatial: { maximize_dims: [["Y"], ["M"]] } },
    }),
    new Tagged("!ArrayContainer", {
      name: "row",
      "<<<": alias("container_defaults", "spatial_must_reuse_outputs"),
      spatial: { meshY: v.size },
      constraints: { spatial: { maximize_dims: ["R", "S", "C"] } },
    }),
    new Tagged("!Component", { "<<<": new Raw("*cim_unit") }),
    new Tagged("!Hierarchical", { nodes: new Raw("*virtualized_mac") }),
  );
  const arch = `${INCLUDE_DEFINES}\n\n${yamlText({ architecture: { nodes } }, [
    `CiMLoop macro written by pimsyn for ${input.arch.name} (preset ${input.arch.preset}); see README.txt.`,
    "Layout of CiMLoop's models/arch/1_macro/isaac_isca_2016/arch.yaml; anchors come from CiMLoop's include/defines.yaml.",
  ])}`;

  const techNm = input.preset.technologyNm;
  const cycleS = 1 / (g.nocClockGhz * 1e9);
  const free: YamlMap = {
    version: 0.4,
    ARRAY_WORDLINES: "set by CiMLoop's array processor",
    ARRAY_BITLINES: "set by CiMLoop's array processor",
    ARRAY_PARALLEL_INPUTS: "set by CiMLoop's array processor",
    ARRAY_PARALLEL_OUTPUTS: "set by CiMLoop's array processor",
    ARRAY_PARALLEL_WEIGHTS: "set by CiMLoop's array processor",
    ENCODED_INPUT_BITS: "INPUT_BITS",
    ENCODED_WEIGHT_BITS: "WEIGHT_BITS",
    ENCODED_OUTPUT_BITS: "OUTPUT_BITS",
    INPUT_ENCODING_FUNC: d("INPUT_ENCODING_FUNC") as string,
    WEIGHT_ENCODING_FUNC: d("WEIGHT_ENCODING_FUNC") as string,
    SIGNED_SUM_ACROSS_INPUTS: d("SIGNED_SUM_ACROSS_INPUTS") as boolean,
    SIGNED_SUM_ACROSS_WEIGHTS: d("SIGNED_SUM_ACROSS_WEIGHTS") as boolean,
    CIM_UNIT_WIDTH_CELLS: 1,
    CIM_UNIT_DEPTH_CELLS: 1,
    BITS_PER_CELL: v.cellBits,
    ADC_RESOLUTION: v.adcBits,
    VOLTAGE_DAC_RESOLUTION: v.dacBits,
    TEMPORAL_DAC_RESOLUTION: 1,
    DAC_RESOLUTION: "max(VOLTAGE_DAC_RESOLUTION, TEMPORAL_DAC_RESOLUTION)",
    N_ADC_PER_BANK: adcPerArray,
    BASE_LATENCY: cycleS,
    GLOBAL_CYCLE_SECONDS: "BASE_LATENCY",
    READ_PULSE_WIDTH: v.crossbarRow.latencyNs / 1e9,
  };
  const iso: YamlMap = {
    version: 0.4,
    WEIGHT_BITS: v.weightBits,
    INPUT_BITS: v.activationBits,
    OUTPUT_BITS: v.activationBits,
    BATCH_SIZE: 1,
    INPUTS_HIST: d("INPUTS_HIST") as number[],
    WEIGHTS_HIST: d("WEIGHTS_HIST") as number[],
    OUTPUTS_HIST: d("OUTPUTS_HIST") as string,
    SUPPORTED_INPUT_BITS: v.activationBits,
    SUPPORTED_WEIGHT_BITS: v.weightBits,
    SUPPORTED_OUTPUT_BITS: v.activationBits,
    VOLTAGE: d("VOLTAGE") as number,
    TECHNOLOGY: techNm ?? (d("TECHNOLOGY") as number),
    CELL_CONFIG: d("CELL_CONFIG") as string,
    VOLTAGE_ENERGY_SCALE: d("VOLTAGE_ENERGY_SCALE") as string,
    VOLTAGE_LATENCY_SCALE: d("VOLTAGE_LATENCY_SCALE") as string,
    ADC_ENERGY_SCALE: d("ADC_ENERGY_SCALE") as number,
    ADC_AREA_SCALE: d("ADC_AREA_SCALE") as number,
    ROW_COL_DRIVERS_AREA_SCALE: d("ROW_COL_DRIVERS_AREA_SCALE") as number,
  };
  if (techNm === null) notes.approximated("technology node", `preset ${input.preset.name} states none`, `TECHNOLOGY ${iso.TECHNOLOGY} nm (CiMLoop's ISAAC example)`, "CiMLoop's component models need a node");

  const router = v.chip.components.find((c) => c.kind === "router");
  const chipNodes: YamlValue[] = [new Tagged("!Container", { name: "chip", "<<<": alias("container_defaults") })];
  if (router)
    chipNodes.push(
      new Tagged("!Component", {
        name: "router",
        "<<<": alias("component_defaults", "keep_inputs", "keep_outputs", "no_temporal_reuse"),
        subclass: "smartbuffer_sram",
        attributes: { depth: "INF", width: input.preset.globals.flitBits },
      }),
    );
  chipNodes.push(
    new Tagged("!Container", {
      name: "macro_in_chip",
      "<<<": alias("container_defaults", "spatial_map_all_weights"),
      spatial: unitSpatial(v, notes),
    }),
  );
  const chip = `${INCLUDE_DEFINES}\n\n${yamlText({ architecture: { nodes: chipNodes } }, [
    `CiMLoop chip level written by pimsyn for ${input.arch.name}: ${v.units} macros on a ${v.mesh.rows}x${v.mesh.cols} mesh.`,
    "Layout of CiMLoop's models/arch/3_chip/large_router_glb.yaml (no global buffer: pimsyn designs have none).",
  ])}`;

  cimloopNotes(v, notes, router !== undefined);
  const dir = `arch/1_macro/pimsyn_${safe(input.arch.name)}`;
  const chipFile = `arch/3_chip/pimsyn_${safe(input.arch.name)}.yaml`;
  const readme = readmeText({
    title: `CiMLoop model of ${input.arch.name}`,
    design: `${input.arch.name} (preset ${input.arch.preset}): ${v.units} macros (our ${v.unit.level}s) on a ${v.mesh.rows}x${v.mesh.cols} mesh; each macro ${arrays} arrays of ${v.size}x${v.size} cells with ${v.cellBits} bits per cell, ${v.dacBits}-bit row drivers (DACs), ${adcPerArray} ${v.adcBits}-bit ADC(s) per array.`,
    files: [
      { path: `${dir}/arch.yaml`, what: "the macro: scratchpad, shift-and-add, array container, ADC, row drivers, column and row !ArrayContainers, CiM unit and virtualised MACs." },
      { path: `${dir}/variables_free.yaml`, what: "macro-specific variables (BITS_PER_CELL, ADC_RESOLUTION, VOLTAGE_DAC_RESOLUTION, N_ADC_PER_BANK, timing)." },
      { path: `${dir}/variables_iso.yaml`, what: "workload and circuit variables (bits, technology, cell file)." },
      { path: chipFile, what: "the chip: router and the mesh of macros." },
    ],
    usage: [
      "Copy the arch/ folder into CiMLoop's workspace/models/ and run its top.yaml.jinja2 with " +
        `macro=pimsyn_${safe(input.arch.name)}, iso=pimsyn_${safe(input.arch.name)} and chip=pimsyn_${safe(input.arch.name)} (CiMLoop's scripts/ and notebooks show how).`,
    ],
    notes,
  });
  return {
    format: "cimloop",
    files: [
      { path: "README.txt", text: readme },
      { path: `${dir}/arch.yaml`, text: arch },
      { path: `${dir}/variables_free.yaml`, text: yamlText({ variables: free }, [`CiMLoop macro variables written by pimsyn for ${input.arch.name}`]) },
      { path: `${dir}/variables_iso.yaml`, text: yamlText({ variables: iso }, [`CiMLoop iso variables written by pimsyn for ${input.arch.name}`]) },
      { path: chipFile, text: chip },
    ].sort((a, b) => a.path.localeCompare(b.path)),
  };
}

function cimloopNotes(v: ReturnType<typeof designView>, notes: Notes, hasRouter: boolean): void {
  if (v.crossbarLevel.level !== v.unit)
    notes.approximated("level between unit and crossbars", `${v.crossbarLevel.perUnit} ${v.crossbarLevel.level.level}s of ${v.crossbarLevel.crossbarsEach} crossbars`, `${v.perUnit.crossbars} arrays directly in the macro`, "the CiMLoop macro has one array level");
  notes.dropped("component energies and areas", "the preset's crossbar, ADC, DAC, ALU and scratchpad rows", "CiMLoop estimates them with its own plug-ins from the variables (ADC_ENERGY_SCALE/ADC_AREA_SCALE calibrate)");
  notes.dropped("DACs per macro", `${v.perUnit.dacs}`, "CiMLoop's row drivers are one per row of each array");
  const others = Object.entries(v.perUnit.alus).filter(([op]) => op !== "shiftAdd");
  if (others.length) notes.dropped("non-MAC ALUs", others.map(([op, n]) => `${op} x${n}`).join(", "), "CiMLoop models the MAC path only");
  if (hasRouter) notes.approximated("router", "the preset's router row", "a CiMLoop router node of flit width with CiMLoop's own router energy", "no router figure is transferred");
  mappingNotes(v, notes, false);
}
