/**
 * One entry point for every way a user names a network: a zoo name, our JSON format, the PIMSYN reference
 * code's JSON format, or an ONNX file. Also the `--input-shape` parser and the summary the CLI prints as JSON.
 */
import { existsSync } from "node:fs";
import { UserError } from "../errors.ts";
import { readJsonFile, validate } from "../io/json.ts";
import { isReferenceFormat, referenceToSpec } from "./reference-format.ts";
import { resolveNetwork } from "./resolve.ts";
import { MAX_CHANNELS, MAX_EXTENT, NetworkSpec, type Network, type Shape } from "./types.ts";
import { DEFAULT_PARAMS, type TransformerParams } from "./zoo/transformer.ts";
import { isZooName, listZoo, ZOO } from "./zoo/zoo.ts";

export interface LoadOptions {
  inputShape?: Shape;
  /** Sequence length, batch and phase of a transformer zoo model (any field omitted: its default). */
  transformer?: Partial<TransformerParams>;
}

/** A resolved network and the importer's warnings (ONNX only; the CLI prints them to stderr). */
export interface LoadedNetwork {
  network: Network;
  warnings: string[];
}

function unknownModel(nameOrFile: string, why: "unknown model" | "no such file"): UserError {
  const expected = `expected a zoo model (${listZoo().join(", ")}) or a .json/.onnx file`;
  return why === "no such file"
    ? new UserError(`no such file; ${expected}`, { file: nameOrFile })
    : new UserError(`unknown model ${JSON.stringify(nameOrFile)}; ${expected}`);
}

/** Our format is detected by `schemaVersion`, the reference format by a top-level array. */
export function specFromJson(data: unknown, file: string): NetworkSpec {
  if (isReferenceFormat(data)) return referenceToSpec(data, file);
  if (data !== null && typeof data === "object" && "schemaVersion" in data) return validate(NetworkSpec, data, file);
  throw new UserError("expected a pimsyn network (an object with schemaVersion) or a PIMSYN reference model (an array of nodes)", {
    file,
    pointer: "/",
  });
}

export async function loadNetwork(nameOrFile: string, opts: LoadOptions = {}): Promise<LoadedNetwork> {
  const inputShape = opts.inputShape;
  const given = Object.entries(opts.transformer ?? {}).filter(([, v]) => v !== undefined);
  const entry = isZooName(nameOrFile) ? ZOO[nameOrFile] : undefined;
  if (given.length > 0 && !entry?.transformer) {
    const what = entry ? `${nameOrFile} is a CNN` : "files carry their own shapes";
    throw new UserError(`applies to the zoo's transformer models only; ${what}`, { pointer: `--${given[0][0]}` });
  }
  if (entry?.transformer && inputShape) {
    throw new UserError(`${nameOrFile} is a transformer: set --seq, --batch and --phase instead`, { pointer: "--input-shape" });
  }
  if (entry) {
    const spec = entry.transformer ? entry.build({ ...DEFAULT_PARAMS, ...Object.fromEntries(given) }) : entry.build();
    // Errors point into the built-in definition: name it (and the input shape that did not fit it) as the file.
    const file = `${nameOrFile} (built-in${inputShape ? `, --input-shape ${inputShape.c}x${inputShape.h}x${inputShape.w}` : ""})`;
    return { network: resolveNetwork(spec, { inputShape, file }), warnings: [] };
  }
  const lower = nameOrFile.toLowerCase();
  if (!lower.endsWith(".json") && !lower.endsWith(".onnx")) throw unknownModel(nameOrFile, "unknown model");
  if (!existsSync(nameOrFile)) throw unknownModel(nameOrFile, "no such file");
  if (lower.endsWith(".onnx")) {
    const { importOnnx } = await import("./onnx/import.ts");
    const { spec, warnings } = await importOnnx(nameOrFile, { inputShape });
    return { network: resolveNetwork(spec, { file: nameOrFile, inputShape }), warnings };
  }
  const spec = specFromJson(readJsonFile(nameOrFile), nameOrFile);
  return { network: resolveNetwork(spec, { file: nameOrFile, inputShape }), warnings: [] };
}

/** Parse `CxHxW` (also `C×H×W` or `C,H,W`) into a Shape; a UserError names `--input-shape`. */
export function parseShape(text: string): Shape {
  const parts = text.trim().split(/\s*[x×X,]\s*/);
  const dims = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  const max = [MAX_CHANNELS, MAX_EXTENT, MAX_EXTENT];
  if (dims.length !== 3 || !dims.every((d, i) => Number.isSafeInteger(d) && d >= 1 && d <= max[i])) {
    throw new UserError(`expected CxHxW with three positive integers (C ≤ ${MAX_CHANNELS}, H and W ≤ ${MAX_EXTENT}; e.g. 3x224x224), found "${text}"`, { pointer: "--input-shape" });
  }
  return { c: dims[0], h: dims[1], w: dims[2] };
}

export { networkSummary, type NetworkSummary } from "./summary.ts";
