/**
 * Per-layer constants of one network on one design point (crossbar size, cell/DAC bits): the quantities of
 * the method's equations that do not depend on duplication or allocation. Computed once per design point,
 * then reused by every scoring call (the hot loop only multiplies these by dup and allocation).
 */
import type { ActivationFn, Layer, Network } from "../network/types.ts";
import type { AluOp } from "../hardware/components.ts";

export interface DesignPoint {
  crossbarSize: number;
  cellBits: number;
  dacBits: number;
  adcBits: number;
  weightBits: number;
  activationBits: number;
}

/** How a layer runs: on crossbars (conv/fc), on vector ALUs, or as pure data routing (no compute). */
export type LayerRole = "mvm" | "vector" | "route";

export interface LayerModel {
  index: number;
  name: string;
  role: LayerRole;
  /** Output pixels HO·WO (1 for vectors). A block covers `dup` of them. */
  outPixels: number;
  outChannels: number;
  /** Producers as indices into the models array (route layers included); −1 = network input. */
  producers: number[];
  /** Producer output maps (height, width), parallel to `producers`. */
  producerMaps: { h: number; w: number }[];
  /** Receptive field of one output pixel in the producers' maps (§7.3); `all` = needs the whole input. */
  rf: ReceptiveField;
  /** A global pool or mean: a running sum per channel, so its input is accumulated as it arrives, not stored. */
  runningSum: boolean;
  outW: number;
  /** mvm: crossbars per weight copy (Eq. 1, group-packed). */
  set: number;
  /** mvm: ceil(rows/Xb), ceil(cols/Xb) per packed group tile; cells per weight. */
  rowTiles: number;
  /** mvm: independent input blocks of a copy (macro split unit; see crossbarGeometry). */
  rowBlocks: number;
  colTiles: number;
  cells: number;
  /** mvm: rows (inputs) per copy over all groups: kh·kw·CI (fc: in features). */
  inputsPerCopy: number;
  /** mvm: ADC conversions per bit iteration per copy: every column of a whole-crossbar group (§9.2), the
   * weight-holding columns of packed groups (crossbarGeometry). */
  conversionsPerCopy: number;
  /** mvm: DAC drives (used rows) per bit iteration per copy. */
  dacRowsPerCopy: number;
  /** Vector op of a vector layer, or the fused activation of an mvm layer (undefined: none). */
  aluOp?: AluOp;
  /** Elements the ALU processes per output pixel (vector layers: C·window; mvm activation: CO). */
  aluElemsPerPixel: number;
  /** Input elements loaded per output pixel computed (mvm: one input vector; vector: C·inputs). */
  loadElemsPerPixel: number;
  /** Elements arriving over the NoC per output pixel (new input data per output pixel). */
  transferElemsPerPixel: number;
  ops: number;
  macs: number;
}

export interface NetworkModel {
  point: DesignPoint;
  layers: LayerModel[];
  /** Indices of layers that run on crossbars, in order. */
  mvmLayers: number[];
  /** Layers with no consumer: the inference ends when they finish. */
  outputs: number[];
  totalOps: number;
  bitIterations: number;
  /** The network the model was built from: models of one network (one per design point) share its geometry
   * caches (src/mapping/receptive.ts). */
  network?: Network;
}

const SIGMOID_LIKE: ReadonlySet<ActivationFn> = new Set(["sigmoid", "tanh", "silu", "hardSigmoid", "hardSwish", "mish", "gelu"]);

export function activationUnit(fn: ActivationFn | undefined): AluOp | undefined {
  if (fn === undefined) return undefined;
  return SIGMOID_LIKE.has(fn) ? "sigmoid" : "relu";
}

function roleOf(layer: Layer): { role: LayerRole; op?: AluOp } {
  const s = layer.spec;
  switch (s.kind) {
    case "conv":
    case "fc":
      return { role: "mvm", op: activationUnit(s.activation) };
    case "pool":
    case "spp":
    case "reduceMean":
      return { role: "vector", op: "pool" };
    case "add":
      return { role: "vector", op: "eltwise" };
    case "mul":
    case "affine":
      return { role: "vector", op: "mul" };
    case "activation":
      return { role: "vector", op: activationUnit(s.fn) };
    case "concat":
    case "slice":
    case "flatten":
    case "upsample":
      return { role: "route" };
    default:
      // Matrix (transformer) kinds: the CNN commands reject such networks when loading them (requireCnn).
      throw new Error(`layer kind ${s.kind} reached the CNN cost model`);
  }
}

export interface ReceptiveField {
  all: boolean;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  padTop: number;
  padLeft: number;
}

export function receptiveField(layer: Layer): ReceptiveField {
  const s = layer.spec;
  const rf: ReceptiveField = { all: false, kh: 1, kw: 1, sh: 1, sw: 1, dh: 1, dw: 1, padTop: 0, padLeft: 0 };
  if (s.kind === "conv") {
    [rf.kh, rf.kw] = s.kernel;
    [rf.sh, rf.sw] = s.stride ?? [1, 1];
    [rf.dh, rf.dw] = s.dilation ?? [1, 1];
    [rf.padTop, rf.padLeft] = s.pad ?? [0, 0, 0, 0];
  } else if (s.kind === "pool" && !s.global) {
    [rf.kh, rf.kw] = s.kernel ?? [1, 1];
    [rf.sh, rf.sw] = s.stride ?? s.kernel ?? [1, 1];
    [rf.padTop, rf.padLeft] = s.pad ?? [0, 0, 0, 0];
  } else if (s.kind === "upsample") {
    [rf.sh, rf.sw] = [1 / s.scale[0], 1 / s.scale[1]];
  } else if (s.kind === "fc" || s.kind === "spp" || s.kind === "reduceMean" || s.kind === "flatten" || (s.kind === "pool" && s.global)) {
    rf.all = true;
  }
  return rf;
}

export function bitIterations(point: DesignPoint): number {
  return Math.ceil(point.activationBits / point.dacBits);
}

/** How one weight copy sits on crossbars (Eq. 1, with small groups packed). */
export interface CrossbarGeometry {
  /** Crossbars per copy. */
  set: number;
  rowTiles: number;
  colTiles: number;
  /** Cells (bit slices) per weight: ceil(weight bits / cell bits). */
  cells: number;
  /** Crossbar groups of packed channel groups (1 when a group spans whole crossbars). */
  groupTiles: number;
  /** Independent input blocks of a copy (the reference's ceil(K/Xb)·groups): a macro split unit. */
  rowBlocks: number;
  /** Columns that hold weights, all crossbars of a copy: only these are converted (per bit iteration). */
  usedColumns: number;
  /** Rows driven per bit iteration (one DAC each): a row shared by bit slices side by side is driven once. */
  drivenRows: number;
}

/**
 * Crossbars for one weight copy (Eq. 1). A group that spans whole crossbars follows Eq. 1: each bit slice in its
 * own crossbar, every column converted (the reference, §9.2). Groups small enough to share a crossbar (depthwise
 * k×k kernels) are packed block-diagonally: each channel's rows its own, its bit slices in adjacent columns of
 * the same rows (one DAC drive serves them all), or, when that packs fewer channels, in separate crossbars; only
 * the columns that hold weights are converted, a conversion covering just its channel's k·k rows.
 */
export function crossbarGeometry(matrix: { rows: number; cols: number; groups: number }, point: DesignPoint): CrossbarGeometry {
  const xb = point.crossbarSize;
  const cells = Math.ceil(point.weightBits / point.cellBits);
  const rowTiles = Math.ceil(matrix.rows / xb);
  const colTiles = Math.ceil(matrix.cols / xb);
  const fits = matrix.rows <= xb && matrix.cols <= xb;
  if (!fits || matrix.groups === 1) {
    const set = matrix.groups * rowTiles * colTiles * cells;
    return {
      set, rowTiles, colTiles, cells, groupTiles: matrix.groups, rowBlocks: matrix.groups * rowTiles,
      usedColumns: set * xb, drivenRows: matrix.rows * matrix.groups * colTiles * cells,
    };
  }
  const byRows = Math.floor(xb / matrix.rows);
  const apart = Math.min(byRows, Math.floor(xb / matrix.cols)); // groups per crossbar, slices in separate crossbars
  const side = Math.min(byRows, Math.floor(xb / (matrix.cols * cells))); // groups per crossbar, slices side by side
  const usedColumns = matrix.groups * matrix.cols * cells;
  if (side >= 1 && Math.ceil(matrix.groups / side) <= Math.ceil(matrix.groups / apart) * cells) {
    const groupTiles = Math.ceil(matrix.groups / side);
    return { set: groupTiles, rowTiles, colTiles, cells, groupTiles, rowBlocks: groupTiles, usedColumns, drivenRows: matrix.rows * matrix.groups };
  }
  const groupTiles = Math.ceil(matrix.groups / apart);
  return {
    set: groupTiles * cells, rowTiles, colTiles, cells, groupTiles, rowBlocks: groupTiles,
    usedColumns, drivenRows: matrix.rows * matrix.groups * cells,
  };
}

const modelCache = new WeakMap<Network, Map<string, NetworkModel>>();

/** The model of a network at a design point; cached per network object (models are never mutated). */
export function buildNetworkModel(network: Network, point: DesignPoint): NetworkModel {
  const key = `${point.crossbarSize}/${point.cellBits}/${point.dacBits}/${point.adcBits}/${point.weightBits}/${point.activationBits}`;
  let byPoint = modelCache.get(network);
  if (!byPoint) modelCache.set(network, (byPoint = new Map()));
  let model = byPoint.get(key);
  if (!model) byPoint.set(key, (model = computeNetworkModel(network, point)));
  return model;
}

function computeNetworkModel(network: Network, point: DesignPoint): NetworkModel {
  const consumers = new Array<number>(network.layers.length).fill(0);
  for (const l of network.layers) for (const p of l.inputs) if (p >= 0) consumers[p]++;
  const models: LayerModel[] = network.layers.map((layer) => {
    const { role, op } = roleOf(layer);
    const outPixels = layer.outShape.h * layer.outShape.w;
    const inShape = layer.inShapes[0];
    const m: LayerModel = {
      index: layer.index,
      name: layer.name,
      role,
      outPixels: role === "mvm" && layer.kind === "fc" ? 1 : outPixels,
      outChannels: layer.outShape.c,
      producers: layer.inputs,
      producerMaps: layer.inputs.map((p) => (p < 0 ? network.inputShape : network.layers[p].outShape)),
      rf: receptiveField(layer),
      runningSum: (layer.spec.kind === "pool" && layer.spec.global === true) || layer.spec.kind === "reduceMean",
      outW: layer.outShape.w,
      set: 0,
      rowTiles: 0,
      rowBlocks: 0,
      colTiles: 0,
      cells: 0,
      inputsPerCopy: 0,
      conversionsPerCopy: 0,
      dacRowsPerCopy: 0,
      aluOp: op,
      aluElemsPerPixel: 0,
      loadElemsPerPixel: 0,
      transferElemsPerPixel: 0,
      ops: layer.ops,
      macs: layer.macs,
    };
    const inElems = layer.inShapes.reduce((s, sh) => s + sh.c, 0);
    if (role === "mvm") {
      const g = crossbarGeometry(layer.matrix!, point);
      const mat = layer.matrix!;
      m.set = g.set;
      m.rowTiles = g.rowTiles;
      m.rowBlocks = g.rowBlocks;
      m.colTiles = g.colTiles;
      m.cells = g.cells;
      m.inputsPerCopy = mat.rows * mat.groups;
      m.conversionsPerCopy = g.usedColumns;
      m.dacRowsPerCopy = g.drivenRows;
      m.aluElemsPerPixel = op ? layer.outShape.c : 0;
      m.loadElemsPerPixel = mat.rows * mat.groups;
      const s = layer.spec;
      const stride = s.kind === "conv" ? (s.stride ?? [1, 1]) : [1, 1];
      m.transferElemsPerPixel = layer.kind === "fc" ? mat.rows : inShape.c * stride[0] * stride[1];
    } else if (role === "vector") {
      const s = layer.spec;
      const window = s.kind === "pool" && !s.global ? (s.kernel ?? [1, 1])[0] * (s.kernel ?? [1, 1])[1] : 1;
      const reduceAll = (s.kind === "pool" && s.global) || s.kind === "reduceMean" || s.kind === "spp";
      m.aluElemsPerPixel = reduceAll ? (inShape.c * inShape.h * inShape.w) / Math.max(1, outPixels) : layer.outShape.c * window;
      m.loadElemsPerPixel = reduceAll ? m.aluElemsPerPixel : inElems * window;
      m.transferElemsPerPixel = reduceAll ? m.aluElemsPerPixel : inElems;
    }
    return m;
  });
  return {
    point,
    layers: models,
    mvmLayers: models.filter((m) => m.role === "mvm").map((m) => m.index),
    outputs: models.filter((m) => consumers[m.index] === 0).map((m) => m.index),
    totalOps: network.totals.ops,
    bitIterations: bitIterations(point),
    network,
  };
}
