/** `pimsyn models`: list the zoo, or show one network's layers (shapes, weights, MACs) and totals. */
import { terminalSafe, writeErr, writeOut } from "../terminal.ts";
import { Command } from "@commander-js/extra-typings";
import { loadNetwork, networkSummary, parseShape, type NetworkSummary } from "../../network/load.ts";
import { resolveNetwork } from "../../network/resolve.ts";
import { listZoo, ZOO } from "../../network/zoo/zoo.ts";
import { hasMatrixLayers, networkWorkload, type LayerWorkload } from "../../network/workload.ts";
import type { Network } from "../../network/types.ts";
import { parseTransformerOptions } from "../transformer-options.ts";

/** Integer with thousands separators, independent of the machine's locale. */
function commas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

function zooListing(): { name: string; description: string; source: string; macs: number }[] {
  return listZoo().map((name) => {
    const e = ZOO[name];
    return { name, description: e.description, source: e.source, macs: resolveNetwork(e.build()).totals.macs };
  });
}

function printNetwork(s: NetworkSummary): void {
  const shape = (x: { c: number; h: number; w: number }) => `${x.c}×${x.h}×${x.w}`;
  const rows = s.layers.map((l) => [terminalSafe(l.name), l.kind, shape(l.outShape), commas(l.weights), commas(l.macs)]);
  let out = `${terminalSafe(s.name)}  input ${shape(s.inputShape)}  hash ${s.hash.slice(0, 12)}\n\n`;
  out += table(["layer", "kind", "output", "weights", "MACs"], rows, [false, false, true, true, true]);
  const t = s.totals;
  out += `\nconvMacs  ${commas(t.convMacs)}\nfcMacs    ${commas(t.fcMacs)}\nmacs      ${commas(t.macs)}\n`;
  out += `weights   ${commas(t.weights)}\nops       ${commas(t.ops)}\n`;
  writeOut(out);
}

/** Matrix workloads: per operator the MACs (CMSwitch's OP), streamed/stationary/output volumes and AI. */
function printWorkload(network: Network, rows: LayerWorkload[]): void {
  const shape = (x: { c: number; h: number; w: number }) => `${x.c}×${x.h}×${x.w}`;
  const cells = rows.map((r, i) => [
    r.name,
    r.kind + (r.cim ? "" : "*"),
    shape(network.layers[i].outShape),
    commas(r.macs),
    commas(r.inElems),
    commas(r.stationaryElems),
    commas(r.outElems),
    r.cim ? r.ai.toFixed(1) : "",
  ]);
  let out = `${network.name}  input ${shape(network.inputShape)} (features × tokens × batch)  hash ${network.hash.slice(0, 12)}\n`;
  out += `${network.spec.description ?? ""}\n\n`;
  out += table(["operator", "kind", "output", "OP (MACs)", "IN", "stationary", "OUT", "AI"], cells, [false, false, true, true, true, true, true, true]);
  const cim = rows.filter((r) => r.cim);
  const sum = (f: (r: LayerWorkload) => number, rs = rows) => rs.reduce((a, r) => a + f(r), 0);
  out += `\n* non-CIM operator (digital units). Volumes in elements; AI = MACs per streamed input element.\n`;
  out += `CIM operators ${cim.length}, MACs ${commas(sum((r) => r.macs, cim))}, weights ${commas(network.totals.weights)}, `;
  out += `non-CIM data ${commas(sum((r) => (r.cim ? 0 : r.inElems + r.outElems)))} elements\n`;
  writeOut(out);
}

export function register(program: Command): void {
  program
    .command("models")
    .description("list the built-in networks, or show one network's layers, shapes, weights and MACs")
    .argument("[model]", "zoo name, network .json (pimsyn or PIMSYN reference format) or .onnx file")
    .option("--input-shape <CxHxW>", "override the network's input shape, e.g. 3x32x32")
    .option("--json", "print JSON only")
    .option("--seq <n>", "transformers: sequence length (prefill) or KV-cache length (decode); default 64")
    .option("--batch <n>", "transformers: sequences per batch; default 1")
    .option("--phase <p>", "transformers: prefill or decode; default prefill")
    .action(async (model, opts) => {
      if (model === undefined) {
        if (opts.inputShape !== undefined) parseShape(opts.inputShape); // still reject a malformed option
        const list = zooListing();
        if (opts.json) {
          writeOut(JSON.stringify(list, null, 2) + "\n");
          return;
        }
        const rows = list.map((m) => [m.name, commas(m.macs), m.description]);
        writeOut(table(["model", "MACs", "description"], rows, [false, true, false]));
        return;
      }
      const inputShape = opts.inputShape !== undefined ? parseShape(opts.inputShape) : undefined;
      const { network, warnings } = await loadNetwork(model, { inputShape, transformer: parseTransformerOptions(opts) });
      for (const w of warnings) writeErr(`warning: ${w}\n`);
      const summary = networkSummary(network);
      const matrix = hasMatrixLayers(network);
      if (opts.json) writeOut(JSON.stringify(matrix ? { ...summary, operators: networkWorkload(network) } : summary, null, 2) + "\n");
      else if (matrix) printWorkload(network, networkWorkload(network));
      else printNetwork(summary);
    });
}
