/**
 * MNSIM 2.0's SimConfig.ini: device, crossbar, interface (DAC/ADC), process element, digital module, tile
 * and architecture sections, in the order and with the keys of MNSIM-2.0/SimConfig.ini. Units are MNSIM's
 * (read from its Hardware_Model/*.py): power W, area µm², sample rate GS/s, buffers KB, bandwidth Gb/s.
 *
 * Hierarchy: an MNSIM tile is our unit (macro/tile); an MNSIM PE is the level that holds the crossbars
 * (PIMSYN pe: 1 crossbar; ISAAC ima: 8), its crossbars being MNSIM's crossbar groups.
 */
import { UserError } from "../errors.ts";
import { designView, mappingNotes, nearSquare, perCrossbar } from "./design.ts";
import { Notes, readmeText } from "./notes.ts";
import { toolDefaults } from "./tool-defaults.ts";
import type { ExportInput, ExportResult } from "./types.ts";
import { commentSafe } from "./yaml-text.ts";

type IniValue = string | number | boolean;
export type IniSections = [string, [string, IniValue][]][];

/** `key = value` lines under `[section]` headers; values are written as MNSIM's configparser reads them. */
export function iniText(sections: IniSections, header: string[]): string {
  const out = header.map((h) => `# ${commentSafe(h)}`);
  for (const [name, entries] of sections) {
    out.push("", `[${name}]`);
    for (const [k, val] of entries) out.push(`${k} = ${typeof val === "boolean" ? (val ? 1 : 0) : String(val)}`);
  }
  return out.join("\n") + "\n";
}

/** A number as MNSIM's float()/int() parse it: no exponent surprises, no trailing zeros. */
const num = (x: number): string => String(Number(x.toPrecision(12)));

export function exportMnsim(input: ExportInput): ExportResult {
  const notes = new Notes();
  const v = designView(input.arch, input.preset, notes);
  const d = toolDefaults("mnsim", notes);
  const g = input.preset.globals;
  const xbLevel = v.crossbarLevel;
  const [peX, peY] = nearSquare(xbLevel.perUnit);
  const groups = xbLevel.crossbarsEach;
  const dacPerXb = perCrossbar(v.perUnit.dacs, v.perUnit.crossbars);
  const adcPerXb = perCrossbar(v.perUnit.adcs, v.perUnit.crossbars);
  if (v.perUnit.adcs !== adcPerXb * v.perUnit.crossbars)
    notes.approximated("ADCs per tile", `${v.perUnit.adcs} (a bank shared by the tile's ${v.perUnit.crossbars} crossbars)`, `ADC_Num ${adcPerXb} per crossbar = ${adcPerXb * v.perUnit.crossbars}`, "MNSIM counts ADCs per crossbar");
  if (v.perUnit.dacs !== dacPerXb * v.perUnit.crossbars)
    notes.approximated("DACs per tile", `${v.perUnit.dacs}`, `DAC_Num ${dacPerXb} per crossbar = ${dacPerXb * v.perUnit.crossbars}`, "MNSIM counts DACs per crossbar");

  // MNSIM derives latency as (precision + 2) / sample rate (Hardware_Model/ADC.py, DAC.py): pick the rate that
  // gives our conversion latency back.
  const adcRate = (v.adcBits + 2) / v.adcRow.latencyNs;
  const dacRate = (v.dacBits + 2) / v.dacRow.latencyNs;
  notes.approximated("ADC sample rate", `${v.adcRow.latencyNs} ns per conversion`, `ADC_Sample_Rate ${num(adcRate)} GS/s`, "MNSIM's latency is (bits + 2) / rate; this rate returns our latency");
  notes.approximated("DAC sample rate", `${v.dacRow.latencyNs} ns per conversion`, `DAC_Sample_Rate ${num(dacRate)} GS/s`, "as for the ADC");

  // Device levels follow our cell and DAC resolutions; the example's two end values are spread over them.
  const deviceLevels = 2 ** v.cellBits;
  const readLevels = 2 ** v.dacBits;
  const [hrs, lrs] = String(d("Device_Resistance")).split(",").map(Number);
  const resistances = Array.from({ length: deviceLevels }, (_, i) => num(hrs * (lrs / hrs) ** (i / (deviceLevels - 1))));
  const vMax = Math.max(...String(d("Read_Voltage")).split(",").map(Number));
  const voltages = Array.from({ length: readLevels }, (_, i) => num((vMax * i) / (readLevels - 1)));
  if (deviceLevels !== 2) notes.approximated("Device_Resistance", `MNSIM example's 2 levels (${hrs}, ${lrs} ohm)`, `${deviceLevels} levels spaced geometrically between them: ${resistances.join(", ")}`, `${v.cellBits}-bit cells; the preset has no device resistances`);
  if (readLevels !== 2) notes.approximated("Read_Voltage", `MNSIM example's levels 0..${vMax} V`, `${readLevels} levels spaced evenly: ${voltages.join(", ")}`, `${v.dacBits}-bit DACs; the preset has no read voltages`);

  const pad = v.scratchpad;
  if (!pad) throw new UserError(`the ${v.unit.level} has no scratchpad; MNSIM's tile output buffer needs one`, { pointer: "/hardware/chip/children" });
  const alus = v.perUnit.alus;
  const techNm = input.preset.technologyNm;
  const sections: IniSections = [
    [
      "Device level",
      [
        ["Device_Tech", d("Device_Tech") as number],
        ["Device_Type", d("Device_Type") as string],
        ["Device_Area", d("Device_Area") as number],
        ["Read_Level", readLevels],
        ["Read_Voltage", voltages.join(",")],
        ["Write_Level", d("Write_Level") as number],
        ["Write_Voltage", d("Write_Voltage") as string],
        ["Read_Latency", num(v.crossbarRow.latencyNs)],
        ["Write_Latency", d("Write_Latency") as number],
        ["Device_Level", deviceLevels],
        ["Device_Resistance", resistances.join(",")],
        ["Device_Variation", d("Device_Variation") as number],
        ["Device_SAF", d("Device_SAF") as string],
        ["Read_Energy", d("Read_Energy") as string],
        ["Write_Energy", d("Write_Energy") as string],
      ],
    ],
    [
      "Crossbar level",
      [
        ["Xbar_Size", `${v.size},${v.size}`],
        ["Subarray_Size", v.size],
        ["Cell_Type", d("Cell_Type") as string],
        ["Transistor_Tech", d("Transistor_Tech") as number],
        ["Wire_Resistance", d("Wire_Resistance") as number],
        ["Wire_Capacity", d("Wire_Capacity") as number],
        ["Load_Resistance", d("Load_Resistance") as number],
        ["Area_Calculation", d("Area_Calculation") as number],
      ],
    ],
    [
      "Interface level",
      [
        ["DAC_Choice", -1],
        ["DAC_Area", num(v.dacRow.areaUm2)],
        ["DAC_Precision", v.dacBits],
        ["DAC_Power", num(v.dacRow.peakPowerMw / 1e3)],
        ["DAC_Sample_Rate", num(dacRate)],
        ["ADC_Choice", -1],
        ["ADC_Area", num(v.adcRow.areaUm2)],
        ["ADC_Precision", v.adcBits],
        ["ADC_Power", num(v.adcRow.peakPowerMw / 1e3)],
        ["ADC_Sample_Rate", num(adcRate)],
        ["ADC_Interval_Thres", d("ADC_Interval_Thres") as number],
        ["Logic_Op", d("Logic_Op") as number],
      ],
    ],
    [
      "Process element level",
      [
        ["PIM_Type", 0],
        ["Xbar_Polarity", 1],
        ["Sub_Position", d("Sub_Position") as number],
        ["Group_Num", groups],
        ["DAC_Num", dacPerXb],
        ["ADC_Num", adcPerXb],
        ["PE_inBuf_Size", d("PE_inBuf_Size") as number],
        ["PE_inBuf_Area", d("PE_inBuf_Area") as number],
        ["Tile_outBuf_Size", pad.capacityKb],
        ["Tile_outBuf_Area", num(pad.row.areaUm2)],
        ["DFU_Buf_Size", d("DFU_Buf_Size") as number],
        ["DFU_Buf_Area", d("DFU_Buf_Area") as number],
      ],
    ],
    [
      "Digital module",
      [
        ["Digital_Frequency", num(g.nocClockGhz * 1e3)],
        ...(["Adder", "Multiplier", "ShiftReg", "Reg", "JointModule"] as const).flatMap((m): [string, IniValue][] => [
          [`${m}_Tech`, d(`${m}_Tech`) as number],
          [`${m}_Area`, d(`${m}_Area`) as number],
          [`${m}_Power`, d(`${m}_Power`) as number],
        ]),
      ],
    ],
    [
      "Tile level",
      [
        ["PE_Num", `${peX},${peY}`],
        ["Pooling_shape", d("Pooling_shape") as string],
        ["Pooling_unit_num", alus.pool ?? 0],
        ["Pooling_Tech", d("Pooling_Tech") as number],
        ["Pooling_area", d("Pooling_area") as number],
        ["Tile_Adder_Num", alus.add ?? 0],
        ["Tile_Adder_Level", d("Tile_Adder_Level") as number],
        ["Tile_ShiftReg_Num", alus.shiftAdd ?? 0],
        ["Tile_ShiftReg_Level", d("Tile_ShiftReg_Level") as number],
        ["Inter_Tile_Bandwidth", num(g.flitBits * g.nocClockGhz)],
        ["Intra_Tile_Bandwidth", d("Intra_Tile_Bandwidth") as number],
        ["Tile_outBuf_Size", pad.capacityKb],
        ["Tile_outBuf_Area", num(pad.row.areaUm2)],
        ["DFU_Buf_Size", d("DFU_Buf_Size") as number],
        ["DFU_Buf_Area", d("DFU_Buf_Area") as number],
      ],
    ],
    [
      "Architecture level",
      [
        ["Buffer_Choice", 0],
        ["Buffer_Technology", techNm ?? (d("Buffer_Technology") as number)],
        ["Buffer_ReadPower", num(pad.row.readEnergyPj / pad.row.readLatencyNs)],
        ["Buffer_WritePower", num(pad.row.writeEnergyPj / pad.row.writeLatencyNs)],
        ["Buffer_Bitwidth", pad.row.accessBits],
        ["LUT_Capacity", d("LUT_Capacity") as number],
        ["LUT_Area", d("LUT_Area") as number],
        ["LUT_Power", d("LUT_Power") as number],
        ["LUT_Bandwidth", d("LUT_Bandwidth") as number],
        ["Tile_Connection", d("Tile_Connection") as number],
        ["Tile_Num", `${v.mesh.rows},${v.mesh.cols}`],
      ],
    ],
    [
      "Algorithm Configuration",
      [
        ["Weight_Polarity", 1],
        ["Simulation_Level", d("Simulation_Level") as number],
        ["NoC_enable", d("NoC_enable") as number],
      ],
    ],
  ];
  mnsimNotes(v, notes, { peX, peY, groups });
  const readme = readmeText({
    title: `MNSIM 2.0 configuration of ${input.arch.name}`,
    design: `${input.arch.name} (preset ${input.arch.preset}): ${v.units} tiles (our ${v.unit.level}s) on a ${v.mesh.rows}x${v.mesh.cols} mesh; each tile ${xbLevel.perUnit} PEs (our ${xbLevel.level.level}s) of ${groups} crossbar(s) ${v.size}x${v.size}, ${v.cellBits}-bit cells, ${v.dacBits}-bit DACs, ${v.adcBits}-bit ADCs.`,
    files: [{ path: "SimConfig.ini", what: "MNSIM 2.0 hardware configuration, all sections and keys of the shipped SimConfig.ini." }],
    usage: ["Run MNSIM 2.0 with this file as its hardware description (its main.py takes the path with --hardware_description / -HWdes) and your network's weights."],
    notes,
  });
  return {
    format: "mnsim",
    files: [
      { path: "README.txt", text: readme },
      { path: "SimConfig.ini", text: iniText(sections, [`MNSIM 2.0 SimConfig.ini written by pimsyn for ${input.arch.name}; see README.txt`]) },
    ],
  };
}

function mnsimNotes(v: ReturnType<typeof designView>, notes: Notes, pe: { peX: number; peY: number; groups: number }): void {
  const slots = v.mesh.rows * v.mesh.cols;
  if (slots !== v.units)
    notes.approximated("tile count", `${v.units} ${v.unit.level}s`, `Tile_Num ${v.mesh.rows},${v.mesh.cols} = ${slots} tiles (our mesh)`, "MNSIM sizes the chip by its 2-D tile array");
  notes.approximated("PEs per tile", `${v.crossbarLevel.perUnit}`, `PE_Num ${pe.peX},${pe.peY} (exact product)`, "MNSIM takes a 2-D PE array");
  notes.approximated("crossbar read", `${v.crossbarRow.latencyNs} ns per input-bit read`, `Read_Latency ${v.crossbarRow.latencyNs} ns`, "MNSIM's device read latency; the crossbar's peripheral delay is its own");
  notes.dropped("crossbar energy and area", `${v.crossbarRow.dynamicPowerMw} mW dynamic, ${v.crossbarRow.areaUm2} um2`, "MNSIM computes crossbar power from device resistances and voltages");
  notes.dropped("ALU figures", `${Object.keys(v.perUnit.alus).join(", ") || "none"} rows of the preset`, "MNSIM uses its own adder, shift-register and pooling models (0 = its default)");
  const router = v.chip.components.find((c) => c.kind === "router");
  if (router) notes.dropped("router", `${router.count} x ${router.select?.name ?? "router"}`, "MNSIM models the NoC with its own Tile_Connection options");
  mappingNotes(v, notes, false);
  notes.approximated("weight polarity", "unsigned weights in one crossbar set (our crossbarsPerCopy)", "Xbar_Polarity 1, Weight_Polarity 1", "no differential crossbar pair is counted by pimsyn");
}
