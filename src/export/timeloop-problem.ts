/**
 * Per conv/FC layer: Timeloop's 7-D problem (C M R S N P Q with strides and dilations, the layout of the
 * exercise repository's layer_shapes/CONV/*.yaml) and the mapping constraints that pin our weight duplication.
 *
 * Duplication d means d copies of the layer's weights compute different output pixels at once. Timeloop
 * needs spatial factors that divide the problem's dimensions, so d is written as P and Q factors: first as
 * many copies as fit side by side in one unit (at the pe/ima container), then the rest across units, the two
 * chosen together for the largest product ≤ d with every factor dividing P or Q. README.txt lists every layer
 * where that product ≠ d.
 */
import { UserError } from "../errors.ts";
import type { Layer } from "../network/types.ts";
import type { DesignView } from "./design.ts";
import type { Notes } from "./notes.ts";
import type { ExportFile, ExportInput } from "./types.ts";
import { yamlText, type YamlMap } from "./yaml-text.ts";

export interface ProblemDims {
  C: number;
  M: number;
  R: number;
  S: number;
  N: number;
  P: number;
  Q: number;
  Wstride: number;
  Hstride: number;
  Wdilation: number;
  Hdilation: number;
  /** Groups of a grouped conv: the problem is one group's. */
  groups: number;
}

/** One group of a conv, or an FC layer as a 1×1 conv on a 1×1 map. */
export function problemDims(layer: Layer): ProblemDims | undefined {
  const spec = layer.spec;
  const inC = layer.inShapes[0]?.c ?? 0;
  if (spec.kind === "conv") {
    const groups = spec.groups ?? 1;
    return {
      C: inC / groups,
      M: spec.outChannels / groups,
      R: spec.kernel[1],
      S: spec.kernel[0],
      N: 1,
      P: layer.outShape.w,
      Q: layer.outShape.h,
      Wstride: spec.stride?.[1] ?? 1,
      Hstride: spec.stride?.[0] ?? 1,
      Wdilation: spec.dilation?.[1] ?? 1,
      Hdilation: spec.dilation?.[0] ?? 1,
      groups,
    };
  }
  if (spec.kind === "fc") {
    const s = layer.inShapes[0];
    return { C: s.c * s.h * s.w, M: spec.outFeatures, R: 1, S: 1, N: 1, P: 1, Q: 1, Wstride: 1, Hstride: 1, Wdilation: 1, Hdilation: 1, groups: 1 };
  }
  return undefined;
}

const divisors = (n: number): number[] => {
  const out: number[] = [];
  for (let i = 1; i * i <= n; i++)
    if (n % i === 0) {
      out.push(i);
      if (i * i !== n) out.push(n / i);
    }
  return out.sort((a, b) => a - b);
};

/** Spatial factors pf | P, qf | Q with the largest product ≤ d; ties go to the more balanced pair. */
export function duplicationFactors(d: number, P: number, Q: number): { pf: number; qf: number } {
  let best = { pf: 1, qf: 1 };
  for (const pf of divisors(P))
    for (const qf of divisors(Q)) {
      const prod = pf * qf;
      if (prod > d) continue;
      const bestProd = best.pf * best.qf;
      if (prod > bestProd || (prod === bestProd && Math.abs(pf - qf) < Math.abs(best.pf - best.qf))) best = { pf, qf };
    }
  return best;
}

function problemDoc(name: string, p: ProblemDims): YamlMap {
  return {
    problem: {
      version: 0.4,
      instance: { C: p.C, Hdilation: p.Hdilation, Hstride: p.Hstride, M: p.M, N: p.N, P: p.P, Q: p.Q, R: p.R, S: p.S, Wdilation: p.Wdilation, Wstride: p.Wstride },
      shape: {
        coefficients: ["Wstride", "Hstride", "Wdilation", "Hdilation"].map((c) => ({ default: 1, name: c })),
        data_spaces: [
          { name: "Weights", projection: [[["C"]], [["M"]], [["R"]], [["S"]]] },
          { name: "Inputs", projection: [[["N"]], [["C"]], [["R", "Wdilation"], ["P", "Wstride"]], [["S", "Hdilation"], ["Q", "Hstride"]]] },
          { name: "Outputs", projection: [[["N"]], [["M"]], [["Q"]], [["P"]]], read_write: true },
        ],
        dimensions: ["C", "M", "R", "S", "N", "P", "Q"],
        name: name,
      },
    },
  };
}

/**
 * Where the copies go: as many as fit side by side in one unit's crossbar containers (pe/ima fan-out),
 * the rest across units. Returns the spatial P/Q factors per container, inner first; their products divide
 * P and Q and multiply to at most `copies`.
 */
export function splitDuplication(copies: number, crossbarsPerCopy: number, dims: { P: number; Q: number }, v: DesignView): { level: string; pf: number; qf: number }[] {
  if (v.crossbarLevel.level === v.unit) return [{ level: v.unit.level, ...duplicationFactors(copies, dims.P, dims.Q) }];
  const perUnit = Math.floor(v.perUnit.crossbars / Math.max(1, crossbarsPerCopy));
  const innerBudget = Math.max(1, Math.min(copies, perUnit, v.crossbarLevel.perUnit));
  // Inner and outer together: the inner pair that lets the most copies be written in all (ties: more inside a unit).
  let best = { inner: { pf: 1, qf: 1 }, outer: duplicationFactors(copies, dims.P, dims.Q), total: 0 };
  best.total = best.outer.pf * best.outer.qf;
  for (const pf of divisors(dims.P))
    for (const qf of divisors(dims.Q)) {
      if (pf * qf > innerBudget) continue;
      const outer = duplicationFactors(Math.floor(copies / (pf * qf)), dims.P / pf, dims.Q / qf);
      const total = pf * qf * outer.pf * outer.qf;
      if (total > best.total || (total === best.total && pf * qf > best.inner.pf * best.inner.qf)) best = { inner: { pf, qf }, outer, total };
    }
  return [
    { level: v.crossbarLevel.level.name, ...best.inner },
    { level: v.unit.level, ...best.outer },
  ];
}

export function layerFiles(input: ExportInput, v: DesignView, notes: Notes): { files: ExportFile[]; readmeFiles: { path: string; what: string }[] } {
  const mapping = input.arch.mapping;
  const net = input.network;
  if (!mapping) {
    notes.dropped("problem and mapping-constraint files", "the arch has no mapping section", "no network is mapped on it");
    return { files: [], readmeFiles: [] };
  }
  if (!net) {
    notes.dropped("problem and mapping-constraint files", `network ${mapping.network.name} not given`, "pass the network (CLI: --model) to write them");
    return { files: [], readmeFiles: [] };
  }
  if (net.hash !== mapping.network.hash)
    throw new UserError(`network ${net.name} (hash ${net.hash.slice(0, 10)}) is not the one the arch maps (${mapping.network.name}, hash ${mapping.network.hash.slice(0, 10)}); expected the same network`, {
      pointer: "/mapping/network/hash",
    });
  const byName = new Map(net.layers.map((l) => [l.name, l]));
  const files: ExportFile[] = [];
  let index = 0;
  for (const ml of mapping.layers) {
    const layer = byName.get(ml.layer);
    if (!layer) throw new UserError(`layer "${ml.layer}" is not in network ${net.name}`, { pointer: `/mapping/layers/${mapping.layers.indexOf(ml)}/layer` });
    const dims = problemDims(layer);
    if (!dims) continue;
    const stem = `${String(index).padStart(3, "0")}-${layer.name.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^[._-]+/, "").slice(0, 60) || "layer"}`;
    index++;
    if (dims.groups > 1) notes.approximated(`${layer.name} groups`, `${dims.groups} groups`, "one group's problem (C and M per group); run it once per group", "Timeloop's 7-D problem has no group dimension");
    const split = splitDuplication(ml.duplication, ml.crossbarsPerCopy, dims, v);
    const total = split.reduce((p, t) => p * t.pf * t.qf, 1);
    if (total !== ml.duplication)
      notes.approximated(
        `${layer.name} duplication`,
        `${ml.duplication} copies`,
        `${split.map((t) => `P=${t.pf} x Q=${t.qf} at ${t.level}`).join(", ")} = ${total}`,
        `factors must divide P=${dims.P}, Q=${dims.Q}; the largest product not above the copies`,
      );
    files.push({ path: `problems/${stem}.yaml`, text: yamlText(problemDoc(layer.name, dims), [`Layer ${layer.name} of ${net.name}: Timeloop 7-D problem`]) });
    const constraints = {
      extra_mapping_constraints: {
        version: 0.4,
        targets: [
          ...split.map((t) => ({ target: t.level, type: "spatial", factors: [`P=${t.pf}`, `Q=${t.qf}`, "N=1"], permutation: ["P", "Q", "N", "C", "M", "R", "S"] })),
          { target: `${v.crossbarLevel.level === v.unit ? v.unit.level : v.crossbarLevel.level.name}_crossbar`, type: "temporal", factors: ["N=1", "P=1", "Q=1"], permutation: ["C", "M", "R", "S", "N", "P", "Q"] },
        ],
      },
    };
    files.push({
      path: `constraints/${stem}.yaml`,
      text: yamlText(constraints, [
        `Layer ${layer.name}: ${ml.duplication} weight copies (${ml.crossbarsPerCopy} crossbars each) on ${v.unit.level}s ${ml.macros.join(", ")}`,
        "Spatial P/Q factors pin the copies: copies side by side inside a unit, then across units; the crossbars are weight-stationary (no P/Q/N loop there).",
      ]),
    });
  }
  return {
    files,
    readmeFiles: [
      { path: "problems/", what: `one Timeloop 7-D problem per conv/FC layer of ${net.name} (${files.length / 2} files).` },
      { path: "constraints/", what: "per layer, extra_mapping_constraints pinning the weight duplication as spatial P/Q factors (copies side by side inside a unit, then across units)." },
    ],
  };
}
