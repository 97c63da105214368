/**
 * PIMCOMP-NN's config.json (also read by the pimsim-nn simulator): one core kind with a matrix unit of
 * crossbars, a vector unit and a local memory, cores on a mesh. Key set: PIMCOMP-NN/config.json; units from
 * pimsim-nn src/config/Config.hpp (latencies in ns or in cycles of `period` ns, powers in mW, widths in bytes).
 * Our unit (PIMSYN macro / ISAAC tile) is one core; DAC and ADC counts are per crossbar, as pimsim-nn divides
 * xbar_size by them.
 */
import { UserError } from "../errors.ts";
import { aluRow } from "../hardware/preset.ts";
import { designView, mappingNotes, perCrossbar } from "./design.ts";
import { Notes, readmeText } from "./notes.ts";
import { toolDefaults } from "./tool-defaults.ts";
import type { ExportInput, ExportResult } from "./types.ts";

const cycles = (ns: number, periodNs: number): number => Math.max(1, Math.ceil(ns / periodNs - 1e-9));

export function exportPimcomp(input: ExportInput): ExportResult {
  const notes = new Notes();
  const v = designView(input.arch, input.preset, notes);
  const d = toolDefaults("pimcomp", notes);
  const g = input.preset.globals;
  const periodNs = 1 / g.nocClockGhz;
  const xbPerCore = v.perUnit.crossbars;
  const dacPerXb = perCrossbar(v.perUnit.dacs, xbPerCore);
  const adcPerXb = perCrossbar(v.perUnit.adcs, xbPerCore);
  if (v.perUnit.dacs !== dacPerXb * xbPerCore)
    notes.approximated("DACs per core", `${v.perUnit.dacs}`, `dac_count ${dacPerXb} per crossbar x ${xbPerCore} = ${dacPerXb * xbPerCore}`, "pimsim-nn counts DACs per crossbar");
  if (v.perUnit.adcs !== adcPerXb * xbPerCore)
    notes.approximated("ADCs per core", `${v.perUnit.adcs} (a bank shared by the core's crossbars)`, `adc_count ${adcPerXb} per crossbar x ${xbPerCore} = ${adcPerXb * xbPerCore}`, "pimsim-nn counts ADCs per crossbar");

  const shiftAdd = aluRow(input.preset, "shiftAdd"); // a preset without one cannot fill the matrix unit: UserError
  // The vector unit takes the row of the design's most numerous ALU other than shift-and-add.
  const others = Object.entries(v.perUnit.alus).filter(([op]) => op !== "shiftAdd").sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const vectorOp = others[0]?.[0] ?? "shiftAdd";
  const vector = aluRow(input.preset, vectorOp);
  const sh = input.preset.sampleHold[0];
  const pad = v.scratchpad;

  const matrix = {
    xbar_array_count: xbPerCore,
    period: periodNs,
    pipeline_mode: d("chip_config.core_config.matrix_config.pipeline_mode"),
    dac_resolution: v.dacBits,
    dac_count: dacPerXb,
    dac_static_power: v.dacRow.staticPowerMw,
    dac_dynamic_power: v.dacRow.dynamicPowerMw,
    xbar_size: [v.size, v.size],
    cell_precision: v.cellBits,
    xbar_latency: v.crossbarRow.latencyNs,
    xbar_read_power: v.crossbarRow.dynamicPowerMw,
    sample_hold_latency_cycle: sh ? cycles(sh.latencyNs, periodNs) : d("chip_config.core_config.matrix_config.sample_hold_latency_cycle"),
    adc_resolution: v.adcBits,
    adc_latency_cycle: cycles(v.adcRow.latencyNs, periodNs),
    adc_static_power: v.adcRow.staticPowerMw,
    adc_dynamic_power: v.adcRow.dynamicPowerMw,
    adc_count: adcPerXb,
    shift_adder_latency_cycle: cycles(shiftAdd.latencyNs, periodNs),
    shift_adder_static_power: shiftAdd.staticPowerMw,
    shift_adder_dynamic_power: shiftAdd.dynamicPowerMw,
    output_buffer_latency_cycle: d("chip_config.core_config.matrix_config.output_buffer_latency_cycle"),
  };
  notes.approximated(
    "crossbar read",
    `${v.crossbarRow.latencyNs} ns per input-bit iteration, ${v.inputIterations} iterations per MVM (${v.activationBits}-bit inputs, ${v.dacBits}-bit DACs)`,
    `xbar_latency ${v.crossbarRow.latencyNs} ns with dac_resolution ${v.dacBits}`,
    "pimsim-nn derives the iterations from its own input precision",
  );
  if (Math.abs(v.adcRow.latencyNs / periodNs - matrix.adc_latency_cycle) > 1e-9)
    notes.approximated("ADC conversion latency", `${v.adcRow.latencyNs} ns`, `${matrix.adc_latency_cycle} cycles of ${periodNs} ns`, "pimsim-nn counts whole cycles");

  if (!pad) throw new UserError(`the ${v.unit.level} has no scratchpad; PIMCOMP-NN needs a local memory per core`, { pointer: "/hardware/chip/children" });
  notes.approximated("local memory energies", `read ${pad.row.readEnergyPj} pJ, write ${pad.row.writeEnergyPj} pJ per ${pad.row.accessBits}-bit access`, "read_dynamic_energy / write_dynamic_energy in pJ", "pimsim-nn's Config.hpp labels the read figure mW and the write figure pJ; both are written as pJ per access");
  const localMemory = {
    data_width: pad.row.accessBits / 8,
    period: periodNs,
    write_latency_cycle: cycles(pad.row.writeLatencyNs, periodNs),
    read_latency_cycle: cycles(pad.row.readLatencyNs, periodNs),
    memory_size: pad.capacityKb * 1024,
    static_power: pad.row.staticPowerMw,
    read_dynamic_energy: pad.row.readEnergyPj,
    write_dynamic_energy: pad.row.writeEnergyPj,
  };

  const config = {
    chip_config: {
      core_config: {
        period: periodNs,
        matrix_config: matrix,
        vector_width: vector.vectorWidth,
        vector_latency_cycle: cycles(vector.latencyNs, periodNs),
        vector_alu_static_power: vector.staticPowerMw,
        vector_alu_dynamic_energy: vector.dynamicPowerMw,
        local_memory_config: localMemory,
        global_memory_switch_id: d("chip_config.core_config.global_memory_switch_id"),
      },
      global_memory_config: {
        data_width: d("chip_config.global_memory_config.data_width"),
        period: d("chip_config.global_memory_config.period"),
        write_latency_cycle: d("chip_config.global_memory_config.write_latency_cycle"),
        read_latency_cycle: d("chip_config.global_memory_config.read_latency_cycle"),
      },
      network_config: {
        bus_topology: "mesh",
        bus_width: input.preset.globals.flitBits / 8,
        layout: [v.mesh.rows, v.mesh.cols],
        net_config_file_path: d("chip_config.network_config.net_config_file_path"),
      },
      core_cnt: v.units,
      global_memory_switch_id: d("chip_config.global_memory_switch_id"),
    },
    sim_config: {
      sim_mode: d("sim_config.sim_mode"),
      sim_time: d("sim_config.sim_time"),
      report_verbose_level: d("sim_config.report_verbose_level"),
    },
  };
  commonNotes(v, notes, vectorOp);
  const readme = readmeText({
    title: `PIMCOMP-NN / pimsim-nn configuration of ${input.arch.name}`,
    design: `${input.arch.name} (preset ${input.arch.preset}): ${v.units} cores (our ${v.unit.level}s) on a ${v.mesh.rows}x${v.mesh.cols} mesh, ${xbPerCore} crossbars of ${v.size}x${v.size} with ${v.cellBits}-bit cells per core, ${v.dacBits}-bit DACs, ${v.adcBits}-bit ADCs.`,
    files: [{ path: "config.json", what: "PIMCOMP-NN's config.json (chip_config, sim_config); pimsim-nn reads the same file." }],
    usage: [
      "PIMCOMP-NN: put config.json in the repository root (it replaces the shipped one) and compile your ONNX model as its README says.",
      `pimsim-nn: also needs the NoC file named in network_config.net_config_file_path (not written here; pimsyn has no per-hop NoC table for it).`,
    ],
    notes,
  });
  return {
    format: "pimcomp",
    files: [
      { path: "README.txt", text: readme },
      { path: "config.json", text: JSON.stringify(config, null, 2) + "\n" },
    ],
  };
}

function commonNotes(v: ReturnType<typeof designView>, notes: Notes, vectorOp: string): void {
  const alus = Object.entries(v.perUnit.alus).map(([op, n]) => `${op} x${n}`).join(", ");
  notes.approximated("vector unit", `ALUs per core: ${alus || "none"}`, `one vector unit with the "${vectorOp}" row's width and latency`, "pimsim-nn has one vector unit per core");
  notes.dropped("global memory", "none: pimsyn designs keep activations in the per-core scratchpads", "global_memory_config holds PIMCOMP-NN's example values, listed below");
  mappingNotes(v, notes, false);
  const router = v.chip.components.find((c) => c.kind === "router");
  if (router) notes.dropped("router power", `${router.select?.name ?? "router"} row of the preset`, "pimsim-nn reads NoC power from its separate network file");
}
