/**
 * The network IR: what a network file says (LayerSpec, NetworkSpec; TypeBox is the single source of the
 * types and of specs/network.schema.json) and what shape inference makes of it (Layer, Network).
 * This module knows no hardware (style.md §7).
 */
import { Type, type Static, type TSchema, type TTuple } from "@sinclair/typebox";
import { literals } from "../io/schema-util.ts";

/**
 * A fixed-length array in JSON Schema 2020-12 form (`prefixItems`). TypeBox's Tuple emits the draft-07 form
 * (`items: [...]`), which the 2020-12 validator in src/io/json.ts rejects as an invalid schema.
 */
function Tuple<T extends TSchema[]>(items: [...T]): TTuple<T> {
  const { items: _draft07, additionalItems: _closed, ...rest } = Type.Tuple(items) as TTuple<T> & { additionalItems?: boolean };
  return { ...rest, prefixItems: items, items: false } as unknown as TTuple<T>;
}

/*
 * Every number has a finite range: a channel count or spatial size beyond these is a typo (1e999 reads as
 * Infinity), not a network. Products of them (MACs, weights) can still pass 2^53: resolve.ts refuses those.
 */
export const MAX_CHANNELS = 1 << 20;
export const MAX_EXTENT = 1 << 16;
/** Channels, features, groups, channel indices. */
const Count = Type.Integer({ minimum: 1, maximum: MAX_CHANNELS });
const Index = Type.Integer({ minimum: 0, maximum: MAX_CHANNELS });
/** Spatial sizes, kernels, strides, dilations, scales. */
const Extent = Type.Integer({ minimum: 1, maximum: MAX_EXTENT });
/** [height, width] */
const Pair = Tuple([Extent, Extent]);
/** [top, left, bottom, right] */
const Pad = Type.Integer({ minimum: 0, maximum: MAX_EXTENT });
const Pads = Tuple([Pad, Pad, Pad, Pad]);

export const ActivationFn = literals([
  "relu",
  "relu6",
  "leakyRelu",
  "sigmoid",
  "tanh",
  "hardSwish",
  "hardSigmoid",
  "silu",
  "mish",
  "clip",
  "gelu",
] as const);
export type ActivationFn = Static<typeof ActivationFn>;

const Common = {
  /** Unique layer name. */
  name: Type.String({ minLength: 1, maxLength: 512 }),
  /** Names of producer layers (or the network input). Omitted: the previous layer in the list. */
  inputs: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
};

export const ConvSpec = Type.Object(
  {
    ...Common,
    kind: Type.Literal("conv"),
    outChannels: Count,
    kernel: Pair,
    stride: Type.Optional(Pair),
    pad: Type.Optional(Pads),
    dilation: Type.Optional(Pair),
    groups: Type.Optional(Count),
    bias: Type.Optional(Type.Boolean()),
    /** Activation fused behind the conv (runs on the layer's ALUs). */
    activation: Type.Optional(ActivationFn),
  },
  { additionalProperties: false },
);

export const FcSpec = Type.Object(
  {
    ...Common,
    kind: Type.Literal("fc"),
    outFeatures: Count,
    bias: Type.Optional(Type.Boolean()),
    activation: Type.Optional(ActivationFn),
  },
  { additionalProperties: false },
);

export const PoolSpec = Type.Object(
  {
    ...Common,
    kind: Type.Literal("pool"),
    method: Type.Union([Type.Literal("max"), Type.Literal("avg")]),
    /** Global pooling: kernel = the whole input map, output 1×1. */
    global: Type.Optional(Type.Boolean()),
    kernel: Type.Optional(Pair),
    stride: Type.Optional(Pair),
    pad: Type.Optional(Pads),
    ceilMode: Type.Optional(Type.Boolean()),
    /** Average pooling: divide by the full kernel area including padding (ONNX count_include_pad). */
    countIncludePad: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Spatial pyramid pooling (He et al. 2014/2015): pools to each b×b bin grid and flattens the concatenation. */
export const SppSpec = Type.Object(
  {
    ...Common,
    kind: Type.Literal("spp"),
    method: Type.Union([Type.Literal("max"), Type.Literal("avg")]),
    bins: Type.Array(Extent, { minItems: 1, maxItems: 64 }),
  },
  { additionalProperties: false },
);

export const ActivationSpec = Type.Object(
  { ...Common, kind: Type.Literal("activation"), fn: ActivationFn },
  { additionalProperties: false },
);

/** Element-wise sum of ≥ 2 inputs of the same shape (ResNet skip). */
export const AddSpec = Type.Object(
  { ...Common, kind: Type.Literal("add"), activation: Type.Optional(ActivationFn) },
  { additionalProperties: false },
);

/**
 * Multiplication of two inputs: same shape (element-wise, e.g. SiLU gating) or the second is C×1×1
 * (channel-wise scaling, squeeze-and-excite).
 */
export const MulSpec = Type.Object({ ...Common, kind: Type.Literal("mul") }, { additionalProperties: false });

/** Concatenation along channels (YOLO route, Inception). */
export const ConcatSpec = Type.Object({ ...Common, kind: Type.Literal("concat") }, { additionalProperties: false });

/** Channel range [start, end) of one input (split / darknet route groups). */
export const SliceSpec = Type.Object(
  { ...Common, kind: Type.Literal("slice"), channelStart: Index, channelEnd: Count },
  { additionalProperties: false },
);

export const FlattenSpec = Type.Object({ ...Common, kind: Type.Literal("flatten") }, { additionalProperties: false });

/** Nearest-neighbour upsampling by integer factors [height, width]. */
export const UpsampleSpec = Type.Object(
  { ...Common, kind: Type.Literal("upsample"), scale: Pair },
  { additionalProperties: false },
);

/** Mean over the spatial axes, keeping channels (C×H×W → C×1×1). */
export const ReduceMeanSpec = Type.Object({ ...Common, kind: Type.Literal("reduceMean") }, { additionalProperties: false });

/** Per-channel scale and bias not folded into a conv (a standalone batch norm). */
export const AffineSpec = Type.Object(
  { ...Common, kind: Type.Literal("affine"), activation: Type.Optional(ActivationFn) },
  { additionalProperties: false },
);

/*
 * Matrix workloads (transformers). A token tensor reuses C×H×W as features × rows × stack: `w` matrices of `h`
 * rows (tokens) and `c` columns (features). A transformer's input is d_model × tokens × batch; after
 * splitHeads the stack is batch·heads.
 */

/** Rows times a static weight matrix (ONNX Gemm/MatMul with a constant operand): c×h×w → outFeatures×h×w. */
export const LinearSpec = Type.Object(
  {
    ...Common,
    kind: Type.Literal("linear"),
    outFeatures: Count,
    bias: Type.Optional(Type.Boolean()),
    activation: Type.Optional(ActivationFn),
  },
  { additionalProperties: false },
);

/**
 * A·B or A·Bᵀ of two activations, one product per stacked matrix (QKᵀ, softmax·V). A is K×M×S (c×h×w); B is
 * N×K×S, or K×N×S when transposeB. Output N×M×S.
 */
export const MatMulSpec = Type.Object(
  { ...Common, kind: Type.Literal("matmul"), transposeB: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** Heads side by side in the columns → one matrix per head: c×h×w → (c/heads)×h×(w·heads). */
export const SplitHeadsSpec = Type.Object(
  { ...Common, kind: Type.Literal("splitHeads"), heads: Count },
  { additionalProperties: false },
);

/** The inverse of splitHeads: c×h×(w·heads) → (c·heads)×h×w. */
export const MergeHeadsSpec = Type.Object(
  { ...Common, kind: Type.Literal("mergeHeads"), heads: Count },
  { additionalProperties: false },
);

/** Softmax along each row (the columns of one row sum to 1). */
export const SoftmaxSpec = Type.Object({ ...Common, kind: Type.Literal("softmax") }, { additionalProperties: false });

/** Layer normalisation of each row (rms: RMSNorm, no mean subtraction). */
export const LayerNormSpec = Type.Object(
  { ...Common, kind: Type.Literal("layerNorm"), rms: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** Decode step: the new rows (K or V of this step) appended below pastTokens cached rows: c×h×w → c×(h+past)×w. */
export const KvCacheSpec = Type.Object(
  { ...Common, kind: Type.Literal("kvCache"), pastTokens: Count },
  { additionalProperties: false },
);

export const LayerSpec = Type.Union([
  ConvSpec,
  FcSpec,
  PoolSpec,
  SppSpec,
  ActivationSpec,
  AddSpec,
  MulSpec,
  ConcatSpec,
  SliceSpec,
  FlattenSpec,
  UpsampleSpec,
  ReduceMeanSpec,
  AffineSpec,
  LinearSpec,
  MatMulSpec,
  SplitHeadsSpec,
  MergeHeadsSpec,
  SoftmaxSpec,
  LayerNormSpec,
  KvCacheSpec,
]);
export type LayerSpec = Static<typeof LayerSpec>;
export type LayerKind = LayerSpec["kind"];

/** Kinds only matrix (transformer) workloads use; the CNN methods (synth, evaluate, schedule) reject them. */
export const MATRIX_KINDS: ReadonlySet<LayerKind> = new Set(["linear", "matmul", "splitHeads", "mergeHeads", "softmax", "layerNorm", "kvCache"]);

/** [channels, height, width] */
export const ShapeSpec = Tuple([Count, Extent, Extent]);

export const NETWORK_SCHEMA_VERSION = 1;

export const NetworkSpec = Type.Object(
  {
    schemaVersion: Type.Literal(NETWORK_SCHEMA_VERSION),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String()),
    /** Where the definition comes from (paper, cfg file, torchvision module). */
    source: Type.Optional(Type.String()),
    input: Type.Object(
      { name: Type.String({ minLength: 1 }), shape: ShapeSpec },
      { additionalProperties: false },
    ),
    layers: Type.Array(LayerSpec, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type NetworkSpec = Static<typeof NetworkSpec>;

/** Activation tensor shape: channels × height × width. A vector of n features is n × 1 × 1. */
export interface Shape {
  c: number;
  h: number;
  w: number;
}

/** A layer after shape inference. Arrays are in topological order; `inputs` index into it (−1 = network input). */
export interface Layer {
  index: number;
  name: string;
  kind: LayerKind;
  spec: LayerSpec;
  inputs: number[];
  inShapes: Shape[];
  outShape: Shape;
  /** Static weight count (conv/fc/linear; 0 elsewhere). Bias not counted. */
  weights: number;
  /** Multiply-accumulates (conv/fc/linear/matmul; 0 elsewhere). */
  macs: number;
  /** Arithmetic ops = 2 × MACs (the convention of ISAAC, PIMSYN and the paper's GOPS figures). */
  ops: number;
  /** For conv/fc/linear: the weight matrix one group maps onto crossbars (rows = kh·kw·CI/groups, cols = CO/groups). */
  matrix?: { rows: number; cols: number; groups: number };
}

export interface NetworkTotals {
  convMacs: number;
  fcMacs: number;
  /** linear and matmul layers (transformers). */
  matrixMacs: number;
  macs: number;
  weights: number;
  ops: number;
}

export interface Network {
  name: string;
  inputShape: Shape;
  layers: Layer[];
  totals: NetworkTotals;
  /** sha256 (hex) of the canonical NetworkSpec JSON: identifies the network in arch.json/metrics.json. */
  hash: string;
  spec: NetworkSpec;
}
