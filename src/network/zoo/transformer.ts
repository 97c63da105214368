/**
 * Transformer blocks as matrix workloads, parameterised by sequence length, batch and phase. Only the
 * repeated blocks are built (no token embedding, no LM head): those are what a CIM compiler maps.
 *
 * Tensors are features × tokens × stack (types.ts). Prefill: `seq` tokens per sequence. Decode: one new token
 * per sequence attending to a KV cache of `seq` earlier tokens (the attention spans seq + 1).
 *
 * The model dimensions are facts of each model, cited per entry.
 */
import { UserError } from "../../errors.ts";
import type { ActivationFn, LayerSpec, NetworkSpec } from "../types.ts";
import { NETWORK_SCHEMA_VERSION } from "../types.ts";

export type Phase = "prefill" | "decode";

export interface TransformerParams {
  seq: number;
  batch: number;
  phase: Phase;
  /** Number of blocks to build (default: all of the model's); for quick experiments and tests. */
  blocks?: number;
}

export interface TransformerConfig {
  description: string;
  source: string;
  blocks: number;
  dModel: number;
  heads: number;
  ffn: number;
  /** relu/gelu: two linears; swiglu: gate (SiLU) ⊙ up, then down (LLaMA). */
  ffnKind: "relu" | "gelu" | "swiglu";
  norm: "layerNorm" | "rms";
  /** Pre-LN (GPT-2, OPT, LLaMA) or post-LN (BERT). */
  preNorm: boolean;
  /** Encoder-only models have no decode phase. */
  decoder: boolean;
  /** Longest sequence the model's position encoding admits. */
  maxSeq: number;
}

export const TRANSFORMERS: Record<string, TransformerConfig> = {
  "bert-base": {
    description: "BERT-base encoder blocks (12 × d768, 12 heads, FFN 3072, GELU, post-LN)",
    source: "Devlin et al., BERT (NAACL 2019) §3: L=12, H=768, A=12, FFN 4H; 512 positions",
    blocks: 12, dModel: 768, heads: 12, ffn: 3072, ffnKind: "gelu", norm: "layerNorm", preNorm: false, decoder: false, maxSeq: 512,
  },
  "bert-large": {
    description: "BERT-large encoder blocks (24 × d1024, 16 heads, FFN 4096, GELU, post-LN)",
    source: "Devlin et al., BERT (NAACL 2019) §3: L=24, H=1024, A=16, FFN 4H; 512 positions",
    blocks: 24, dModel: 1024, heads: 16, ffn: 4096, ffnKind: "gelu", norm: "layerNorm", preNorm: false, decoder: false, maxSeq: 512,
  },
  "gpt2-medium": {
    description: "GPT-2 medium decoder blocks (24 × d1024, 16 heads, FFN 4096, GELU, pre-LN)",
    source: "Radford et al., GPT-2 (2019) Table 2 (345M: 24 layers, d_model 1024); Hugging Face gpt2-medium config: n_head 16, n_ctx 1024, n_inner 4·d",
    blocks: 24, dModel: 1024, heads: 16, ffn: 4096, ffnKind: "gelu", norm: "layerNorm", preNorm: true, decoder: true, maxSeq: 1024,
  },
  "opt-6.7b": {
    description: "OPT-6.7B decoder blocks (32 × d4096, 32 heads, FFN 16384, ReLU, pre-LN)",
    source: "Zhang et al., OPT (arXiv 2205.01068) Table 1: 32 layers, 32 heads, d_model 4096; FFN 4·d; 2048 positions",
    blocks: 32, dModel: 4096, heads: 32, ffn: 16384, ffnKind: "relu", norm: "layerNorm", preNorm: true, decoder: true, maxSeq: 2048,
  },
  "opt-13b": {
    description: "OPT-13B decoder blocks (40 × d5120, 40 heads, FFN 20480, ReLU, pre-LN)",
    source: "Zhang et al., OPT (arXiv 2205.01068) Table 1: 40 layers, 40 heads, d_model 5120; FFN 4·d; 2048 positions",
    blocks: 40, dModel: 5120, heads: 40, ffn: 20480, ffnKind: "relu", norm: "layerNorm", preNorm: true, decoder: true, maxSeq: 2048,
  },
  "llama2-7b": {
    description: "LLaMA-2-7B decoder blocks (32 × d4096, 32 heads, SwiGLU FFN 11008, RMSNorm, pre-norm)",
    source: "Touvron et al., Llama 2 (arXiv 2307.09288) §2 and Table 1 (4k context); Hugging Face Llama-2-7b config: 32 layers, hidden 4096, 32 heads, intermediate 11008",
    blocks: 32, dModel: 4096, heads: 32, ffn: 11008, ffnKind: "swiglu", norm: "rms", preNorm: true, decoder: true, maxSeq: 4096,
  },
};

/** Batches beyond this are not a compiler's workload (and would overflow the counts of the largest models). */
export const MAX_BATCH = 1024;

export const DEFAULT_PARAMS: TransformerParams = { seq: 64, batch: 1, phase: "prefill" };

function checkParams(name: string, cfg: TransformerConfig, p: TransformerParams): void {
  const int = (v: number, option: string, max: number, why: string) => {
    if (!Number.isSafeInteger(v) || v < 1 || v > max) {
      throw new UserError(`expected an integer from 1 to ${max} (${why}), found ${v}`, { pointer: option });
    }
  };
  int(p.seq, "--seq", cfg.maxSeq, `${name}'s context length`);
  int(p.batch, "--batch", MAX_BATCH, "pimsyn's batch limit");
  if (p.blocks !== undefined) int(p.blocks, "blocks", cfg.blocks, `${name} has ${cfg.blocks} blocks`);
  if (p.phase !== "prefill" && p.phase !== "decode") {
    throw new UserError(`expected prefill or decode, found ${JSON.stringify(p.phase)}`, { pointer: "--phase" });
  }
  if (p.phase === "decode" && !cfg.decoder) {
    throw new UserError(`${name} is an encoder: it has no decode phase (use prefill)`, { pointer: "--phase" });
  }
}

/** The network of one transformer model at the given sequence length, batch and phase. */
export function transformer(name: string, params: TransformerParams): NetworkSpec {
  const cfg = TRANSFORMERS[name];
  checkParams(name, cfg, params);
  const { seq, batch, phase } = params;
  const tokens = phase === "prefill" ? seq : 1;
  const layers: LayerSpec[] = [];
  const add = (layer: LayerSpec): string => {
    layers.push(layer);
    return layer.name;
  };
  const norm = (n: string, input: string) => add({ name: n, kind: "layerNorm", inputs: [input], ...(cfg.norm === "rms" ? { rms: true } : {}) });
  const linear = (n: string, input: string, out: number, activation?: ActivationFn) =>
    add({ name: n, kind: "linear", inputs: [input], outFeatures: out, ...(activation ? { activation } : {}) });

  let x = "x";
  const blocks = params.blocks ?? cfg.blocks;
  for (let b = 0; b < blocks; b++) {
    const p = `b${b}.`;
    const attnIn = cfg.preNorm ? norm(`${p}ln1`, x) : x;
    const q = linear(`${p}q`, attnIn, cfg.dModel);
    let k = linear(`${p}k`, attnIn, cfg.dModel);
    let v = linear(`${p}v`, attnIn, cfg.dModel);
    if (phase === "decode") {
      k = add({ name: `${p}kcache`, kind: "kvCache", inputs: [k], pastTokens: seq });
      v = add({ name: `${p}vcache`, kind: "kvCache", inputs: [v], pastTokens: seq });
    }
    const qh = add({ name: `${p}q.heads`, kind: "splitHeads", inputs: [q], heads: cfg.heads });
    const kh = add({ name: `${p}k.heads`, kind: "splitHeads", inputs: [k], heads: cfg.heads });
    const vh = add({ name: `${p}v.heads`, kind: "splitHeads", inputs: [v], heads: cfg.heads });
    const scores = add({ name: `${p}qk`, kind: "matmul", inputs: [qh, kh], transposeB: true });
    const probs = add({ name: `${p}softmax`, kind: "softmax", inputs: [scores] });
    const ctx = add({ name: `${p}sv`, kind: "matmul", inputs: [probs, vh] });
    const merged = add({ name: `${p}merge`, kind: "mergeHeads", inputs: [ctx], heads: cfg.heads });
    const proj = linear(`${p}o`, merged, cfg.dModel);
    let h = add({ name: `${p}res1`, kind: "add", inputs: [x, proj] });
    if (!cfg.preNorm) h = norm(`${p}ln1`, h);
    const ffnIn = cfg.preNorm ? norm(`${p}ln2`, h) : h;
    let hidden: string;
    if (cfg.ffnKind === "swiglu") {
      const gate = linear(`${p}gate`, ffnIn, cfg.ffn, "silu");
      const up = linear(`${p}up`, ffnIn, cfg.ffn);
      hidden = add({ name: `${p}glu`, kind: "mul", inputs: [gate, up] });
    } else {
      hidden = linear(`${p}fc1`, ffnIn, cfg.ffn, cfg.ffnKind);
    }
    const down = linear(`${p}fc2`, hidden, cfg.dModel);
    x = add({ name: `${p}res2`, kind: "add", inputs: [h, down] });
    if (!cfg.preNorm) x = norm(`${p}ln2`, x);
  }
  const what = phase === "prefill" ? `prefill of ${seq} tokens` : `one decode step after ${seq} cached tokens`;
  return {
    schemaVersion: NETWORK_SCHEMA_VERSION,
    name: name,
    description: `${cfg.description}; ${what}, batch ${batch}${blocks < cfg.blocks ? `, first ${blocks} blocks` : ""}`,
    source: cfg.source,
    input: { name: "x", shape: [cfg.dModel, tokens, batch] },
    layers,
  };
}
