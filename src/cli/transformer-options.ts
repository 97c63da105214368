/** `--seq`, `--batch`, `--phase` of the transformer zoo models, parsed into loadNetwork's options. */
import { UserError } from "../errors.ts";
import type { Phase, TransformerParams } from "../network/zoo/transformer.ts";
import { parsePositiveInt } from "./parse.ts";

export interface TransformerOptionValues {
  seq?: string;
  batch?: string;
  phase?: string;
}

export function parsePhase(text: string): Phase {
  if (text === "prefill" || text === "decode") return text;
  throw new UserError(`expected prefill or decode, found "${text}"`, { pointer: "--phase" });
}

export function parseTransformerOptions(o: TransformerOptionValues): Partial<TransformerParams> {
  const out: Partial<TransformerParams> = {};
  if (o.seq !== undefined) out.seq = parsePositiveInt(o.seq, "--seq");
  if (o.batch !== undefined) out.batch = parsePositiveInt(o.batch, "--batch");
  if (o.phase !== undefined) out.phase = parsePhase(o.phase);
  return out;
}
