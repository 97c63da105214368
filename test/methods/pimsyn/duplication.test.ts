import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildNetworkModel, type LayerModel, type NetworkModel } from "../../../src/mapping/layer-model.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { createRng } from "../../../src/search/rng.ts";
import { InfeasibleError } from "../../../src/errors.ts";
import {
  allOnes,
  defaultAlpha,
  duplicate,
  proportionalSeed,
  referenceT0,
  type DuplicationOptions,
  type DuplicationResult,
} from "../../../src/methods/pimsyn/duplication.ts";

const POINT = { crossbarSize: 256, cellBits: 2, dacBits: 1, adcBits: 9, weightBits: 16, activationBits: 16 };
const vgg16 = buildNetworkModel((await loadNetwork("vgg16")).network, POINT);
const resnet18 = buildNetworkModel((await loadNetwork("resnet18")).network, POINT);

// Independent restatements of the definitions (method §4, §6), used as oracles.
const searched = (m: NetworkModel) => m.mvmLayers.filter((i) => m.layers[i].outPixels > 1);
const crossbarsOf = (m: NetworkModel, dup: number[]) => m.mvmLayers.reduce((s, i) => s + dup[i] * m.layers[i].set, 0);
const oneCopy = (m: NetworkModel) => m.mvmLayers.reduce((s, i) => s + m.layers[i].set, 0);
const maxBlocks = (m: NetworkModel, dup: number[]) => Math.max(...searched(m).map((i) => Math.ceil(m.layers[i].outPixels / dup[i])));
const popStdev = (xs: number[]) => {
  if (xs.length === 0) return 0;
  const mu = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mu) ** 2, 0) / xs.length);
};
const stepsOf = (m: NetworkModel, dup: number[]) => searched(m).map((i) => m.layers[i].outPixels / dup[i]);
const accessOf = (m: NetworkModel, dup: number[]) => searched(m).map((i) => dup[i] * (m.layers[i].inputsPerCopy + m.layers[i].outChannels));
const paperEnergy = (m: NetworkModel, dup: number[], alpha: number) => popStdev(stepsOf(m, dup)) + alpha * popStdev(accessOf(m, dup));

/** Exact optimum of the max-blocks energy: the smallest T whose per-layer need ceil(P/T) copies fits the budget. */
function optimalMaxBlocks(m: NetworkModel, budget: number): number {
  const fixed = m.mvmLayers.filter((i) => m.layers[i].outPixels <= 1).reduce((s, i) => s + m.layers[i].set, 0);
  const cost = (t: number) => searched(m).reduce((s, i) => s + Math.ceil(m.layers[i].outPixels / t) * m.layers[i].set, fixed);
  let t = 1;
  while (cost(t) > budget) t++;
  return t;
}

function run(m: NetworkModel, budget: number, over: Partial<DuplicationOptions> = {}): DuplicationResult {
  const r = duplicate(m, budget, { energy: "reference", rng: createRng(1), ...over });
  if (!r.feasible) throw new Error("expected a feasible budget");
  return r;
}

/** Properties every result must have, checked against the model directly. */
function expectValid(m: NetworkModel, budget: number, r: DuplicationResult, keep: number): void {
  expect(r.candidates.length).toBeGreaterThan(0);
  expect(r.candidates.length).toBeLessThanOrEqual(keep);
  expect(new Set(r.candidates.map((c) => c.dup.join())).size).toBe(r.candidates.length);
  const isSearched = new Set(searched(m));
  for (const c of [...r.candidates, r.seed]) {
    expect(c.dup.length).toBe(m.layers.length);
    expect(crossbarsOf(m, c.dup)).toBe(c.crossbars);
    expect(c.crossbars).toBeLessThanOrEqual(budget);
    c.dup.forEach((d, i) => {
      expect(Number.isInteger(d) && d >= 1).toBe(true);
      if (!isSearched.has(i)) expect(d).toBe(1);
      else expect(d).toBeLessThanOrEqual(m.layers[i].outPixels);
    });
  }
  for (let i = 1; i < r.candidates.length; i++) expect(r.candidates[i].energy).toBeGreaterThanOrEqual(r.candidates[i - 1].energy);
  expect(r.candidates[0].energy).toBeLessThanOrEqual(r.seed.energy);
}

describe("proportionalSeed and allOnes", () => {
  it("gives copies in proportion to WO·HO within the budget; fc and non-mvm layers stay at 1", () => {
    const budget = 40_000;
    const seed = proportionalSeed(vgg16, budget);
    expect(crossbarsOf(vgg16, seed)).toBeLessThanOrEqual(budget);
    const layers = searched(vgg16);
    expect(layers.length).toBe(13);
    const free = budget - (oneCopy(vgg16) - layers.reduce((s, i) => s + vgg16.layers[i].set, 0));
    const weighted = layers.reduce((s, i) => s + vgg16.layers[i].outPixels * vgg16.layers[i].set, 0);
    for (const i of layers) {
      const share = Math.ceil((free * vgg16.layers[i].outPixels) / weighted);
      expect(seed[i]).toBeLessThanOrEqual(share);
      expect(seed[i]).toBeGreaterThanOrEqual(Math.max(1, share - 2)); // the round-robin takes at most a copy or two
    }
    seed.forEach((d, i) => {
      if (!layers.includes(i)) expect(d).toBe(1);
    });
    expect(allOnes(vgg16)).toEqual(vgg16.layers.map(() => 1));
  });

  it("throws InfeasibleError when one copy of every layer does not fit", () => {
    expect(() => proportionalSeed(vgg16, oneCopy(vgg16) - 1)).toThrow(InfeasibleError);
    expect(() => proportionalSeed(vgg16, oneCopy(vgg16))).not.toThrow();
    expect(proportionalSeed(vgg16, oneCopy(vgg16))).toEqual(allOnes(vgg16));
  });
});

describe("duplicate (SA filter)", () => {
  it("reports an infeasible budget explicitly", () => {
    const r = duplicate(vgg16, oneCopy(vgg16) - 1, { energy: "paper", rng: createRng(1) });
    expect(r).toEqual({ feasible: false, budgetCrossbars: oneCopy(vgg16) - 1, minCrossbars: oneCopy(vgg16) });
  });

  it.each([
    ["vgg16", 40_000],
    ["vgg16", 100_000],
    ["resnet18", 5_000],
  ] as const)("reference energy on %s at %i crossbars reaches the exact optimum", (name, budget) => {
    const m = name === "vgg16" ? vgg16 : resnet18;
    const r = run(m, budget);
    expectValid(m, budget, r, 30);
    for (const c of r.candidates) expect(c.energy).toBe(maxBlocks(m, c.dup));
    expect(r.seed.energy).toBe(maxBlocks(m, r.seed.dup));
    expect(r.candidates[0].energy).toBe(optimalMaxBlocks(m, budget));
    expect(r.candidates.length).toBe(30);
  });

  it("uses the reference schedule: T0 = 10^floor(log10(min(E_seed, 1e4))), Tf = T0/1000, σ = 0.95", () => {
    const r = run(vgg16, 40_000);
    expect(r.t0).toBe(10 ** Math.floor(Math.log10(Math.min(r.seed.energy, 1e4))));
    expect(r.tf).toBeCloseTo(r.t0 / 1000, 12);
    expect(r.trace.length).toBe(135);
    expect(r.trace[1].temperature / r.trace[0].temperature).toBeCloseTo(0.95, 12);
    expect(r.evaluations).toBeLessThanOrEqual(1 + 135 * 10 * 100);
    expect(r.evaluations).toBeGreaterThan(135 * 10 * 100 * 0.9);
    expect(referenceT0(0)).toBe(1);
    expect(referenceT0(5e6)).toBe(1e4);
    expect(referenceT0(196)).toBe(100);
  });

  it("paper energy (Eq. 4): energies match the formula; default α balances both terms at the seed", () => {
    const budget = 40_000;
    const r = run(vgg16, budget, { energy: "paper" });
    expectValid(vgg16, budget, r, 30);
    const seedAlpha = popStdev(stepsOf(vgg16, r.seed.dup)) / popStdev(accessOf(vgg16, r.seed.dup));
    expect(r.alpha).toBeCloseTo(seedAlpha, 12);
    expect(defaultAlpha(vgg16, budget)).toBeCloseTo(seedAlpha, 12);
    for (const c of [...r.candidates, r.seed]) expect(c.energy).toBeCloseTo(paperEnergy(vgg16, c.dup, r.alpha!), 9);
    expect(r.candidates[0].energy).toBeLessThan(r.seed.energy);
    // an explicit α is used as given
    const r2 = run(vgg16, budget, { energy: "paper", alpha: 0 });
    expect(r2.alpha).toBe(0);
    expect(r2.candidates[0].energy).toBeCloseTo(popStdev(stepsOf(vgg16, r2.candidates[0].dup)), 9);
  });

  it("is deterministic for a seed", () => {
    const opts = { energy: "paper", chains: 3, movesPerLevel: 40 } as const;
    const a = run(vgg16, 60_000, { ...opts, rng: createRng(5) });
    const b = run(vgg16, 60_000, { ...opts, rng: createRng(5) });
    expect(b).toEqual(a);
    const c = run(vgg16, 60_000, { ...opts, rng: createRng(6) });
    expect(c.trace).not.toEqual(a.trace);
  });

  it("honours keep, maxEvaluations and the monotonicity constraint", () => {
    const r = run(resnet18, 6_000, { keep: 5, maxEvaluations: 2_000, monotonicRatio: 0.6 });
    expectValid(resnet18, 6_000, r, 5);
    expect(r.evaluations).toBe(2_000);
    expect(r.stoppedBy).toBe("maxEvaluations");
    const layers = searched(resnet18);
    for (const c of r.candidates) for (let k = 0; k + 1 < layers.length; k++) expect(c.dup[layers[k]]).toBeGreaterThanOrEqual(0.6 * c.dup[layers[k + 1]]);
  });

  it("a network with nothing to duplicate yields the all-ones vector", () => {
    const fcOnly: NetworkModel = { ...vgg16, layers: vgg16.layers, mvmLayers: vgg16.mvmLayers.filter((i) => vgg16.layers[i].outPixels === 1) };
    const budget = crossbarsOf(fcOnly, allOnes(fcOnly)) + 1000;
    const r = run(fcOnly, budget, { energy: "paper" });
    expect(r.candidates.map((c) => c.dup)).toEqual([allOnes(fcOnly)]);
    expect(r.searchedLayers).toEqual([]);
  });
});

/** A synthetic model: only the fields the filter reads are meaningful. */
function syntheticModel(layers: { mvm: boolean; pixels: number; set: number; inputs: number; channels: number }[]): NetworkModel {
  const models = layers.map(
    (l, index): LayerModel => ({
      index,
      name: `l${index}`,
      role: l.mvm ? "mvm" : "vector",
      outPixels: l.pixels,
      outChannels: l.channels,
      producers: [index - 1],
      producerMaps: [{ h: 1, w: 1 }],
      rf: { all: false, kh: 1, kw: 1, sh: 1, sw: 1, dh: 1, dw: 1, padTop: 0, padLeft: 0 },
      runningSum: false,
      outW: 1,
      set: l.mvm ? l.set : 0,
      rowTiles: 1,
      rowBlocks: 1,
      colTiles: 1,
      cells: 1,
      inputsPerCopy: l.mvm ? l.inputs : 0,
      conversionsPerCopy: 0,
      dacRowsPerCopy: 0,
      aluElemsPerPixel: 0,
      loadElemsPerPixel: 0,
      transferElemsPerPixel: 0,
      ops: 0,
      macs: 0,
    }),
  );
  return {
    point: POINT,
    layers: models,
    mvmLayers: models.filter((m) => m.role === "mvm").map((m) => m.index),
    outputs: [models.length - 1],
    totalOps: 0,
    bitIterations: 16,
  };
}

describe("duplicate on random small models (fast-check)", () => {
  it("always returns feasible, distinct, bounded candidates, or an explicit infeasible result", () => {
    const layer = fc.record({
      mvm: fc.boolean(),
      pixels: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 3000 })),
      set: fc.integer({ min: 1, max: 60 }),
      inputs: fc.integer({ min: 1, max: 5000 }),
      channels: fc.integer({ min: 1, max: 512 }),
    });
    fc.assert(
      fc.property(
        fc.array(layer, { minLength: 1, maxLength: 7 }),
        fc.integer({ min: -50, max: 3000 }),
        fc.constantFrom("paper", "reference"),
        fc.option(fc.constantFrom(0.6, 1), { nil: undefined }),
        fc.integer({ min: 0, max: 1000 }),
        (layers, extra, energy, monotonicRatio, seed) => {
          const m = syntheticModel(layers);
          const budget = Math.max(0, oneCopy(m) + extra);
          const r = duplicate(m, budget, {
            energy,
            monotonicRatio: energy === "reference" ? monotonicRatio : undefined,
            keep: 8,
            chains: 2,
            movesPerLevel: 15,
            cooling: 0.7,
            rng: createRng(seed),
          });
          if (oneCopy(m) > budget) {
            expect(r.feasible).toBe(false);
            return;
          }
          if (!r.feasible) throw new Error("feasible budget reported infeasible");
          expectValid(m, budget, r, 8);
          // Only the monotonicity constraint can make energies infinite, and then only if nothing finite was seen.
          if (r.candidates.some((c) => !Number.isFinite(c.energy))) {
            expect(monotonicRatio).toBeDefined();
            expect(r.candidates.length).toBe(1);
          }
          const layerIds = searched(m);
          for (const c of r.candidates.filter((x) => Number.isFinite(x.energy))) {
            if (energy === "paper") expect(c.energy).toBeCloseTo(paperEnergy(m, c.dup, r.alpha!), 6);
            else expect(c.energy).toBe(layerIds.length ? maxBlocks(m, c.dup) : 0);
            if (monotonicRatio !== undefined && energy === "reference") {
              for (let k = 0; k + 1 < layerIds.length; k++) expect(c.dup[layerIds[k]]).toBeGreaterThanOrEqual(monotonicRatio * c.dup[layerIds[k + 1]]);
            }
          }
        },
      ),
      { numRuns: 150, seed: 20240601 },
    );
  });
});
