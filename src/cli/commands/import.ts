/**
 * `pimsyn import model.onnx`: convert an ONNX network into pimsyn's network JSON (to inspect or edit it) or
 * print what pimsyn makes of it. Importer warnings go to stderr so `--json` output stays parseable.
 */
import { writeErr, writeOut } from "../terminal.ts";
import { Command } from "@commander-js/extra-typings";
import { writeFileAtomic } from "../../io/atomic.ts";
import { networkSummary, parseShape, type NetworkSummary } from "../../network/load.ts";
import { importOnnx } from "../../network/onnx/import.ts";
import { resolveNetwork } from "../../network/resolve.ts";

function commas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Pretty JSON with arrays of numbers on one line (`"kernel": [3, 3]`): a network file people read. */
function networkJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s*(-?\d+(?:\.\d+)?(?:,\s*-?\d+(?:\.\d+)?)*)\s*\]/g, (_, items: string) => `[${items.split(/,\s*/).join(", ")}]`) + "\n";
}

function shortSummary(s: NetworkSummary): string {
  const kinds = new Map<string, number>();
  for (const l of s.layers) kinds.set(l.kind, (kinds.get(l.kind) ?? 0) + 1);
  const byKind = [...kinds.entries()].map(([k, n]) => `${n} ${k}`).join(", ");
  const t = s.totals;
  const i = s.inputShape;
  return (
    `${s.name}: input ${i.c}×${i.h}×${i.w}, ${s.layers.length} layers (${byKind})\n` +
    `convMacs ${commas(t.convMacs)}  fcMacs ${commas(t.fcMacs)}${t.matrixMacs > 0 ? `  matrixMacs ${commas(t.matrixMacs)}` : ""}  macs ${commas(t.macs)}  weights ${commas(t.weights)}\n`
  );
}

export function register(program: Command): void {
  program
    .command("import")
    .description("convert an ONNX model into pimsyn's network JSON, or summarize what pimsyn makes of it")
    .argument("<model>", ".onnx file (graph-only exports work: only weight shapes are read)")
    .option("--out <file>", "write the network JSON here")
    .option("--json", "print the network summary as JSON (as `pimsyn models <file> --json`)")
    .option("--input-shape <CxHxW>", "input shape, required when the model's input has dynamic dims, e.g. 3x224x224")
    .option("--name <name>", "network name (default: the file name)")
    .action((model, opts) => {
      const inputShape = opts.inputShape !== undefined ? parseShape(opts.inputShape) : undefined;
      const { spec, warnings } = importOnnx(model, { inputShape, name: opts.name });
      for (const w of warnings) writeErr(`warning: ${w}\n`);
      const summary = networkSummary(resolveNetwork(spec, { file: model }));
      if (opts.out !== undefined) writeFileAtomic(opts.out, networkJson(spec), "--out");
      if (opts.json) writeOut(JSON.stringify(summary, null, 2) + "\n");
      else if (opts.out !== undefined) writeOut(`wrote ${opts.out}\n` + shortSummary(summary));
      else writeOut(shortSummary(summary));
    });
}
