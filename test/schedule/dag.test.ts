/**
 * The compiled IR DAG (node fields, edges, size) and the simulator's exactness with respect to it: without a
 * shared ADC bank, every node must start exactly when its last parent ends (the DAG's longest paths, computed
 * here independently from the edge list); with one, no two conversions of the bank may overlap.
 */
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import {
  compileDataflow, E_BIT, E_BLOCK, E_LAYER, E_OP, forEachParent, nodeAt, nodeId, type DataflowGraph,
} from "../../src/schedule/compile.ts";
import { simulate, simulateGraph } from "../../src/schedule/simulate.ts";
import { allocate, convSetSum, loadModel, mulberry32, proportionalDup } from "./design.ts";
import { conv3, tinyModel, tinyPlan, TINY_COSTS } from "./tiny.ts";

/** Longest-path start times from the edge list (node ids are in topological order: checked here too). */
function longestPath(g: DataflowGraph): { start: Float64Array; end: Float64Array } {
  const start = new Float64Array(g.nodeCount), end = new Float64Array(g.nodeCount);
  for (let id = 0; id < g.nodeCount; id++) {
    let t = 0;
    forEachParent(g, id, (p) => {
      if (p >= id) throw new Error(`parent ${p} of node ${id} is not earlier`);
      if (end[p] > t) t = end[p];
    });
    start[id] = t;
    end[id] = t + nodeAt(g, id).durationNs;
  }
  return { start, end };
}

describe("IR DAG", () => {
  const model = tinyModel("chain", [conv3("conv1"), conv3("conv2")]);
  const plan = tinyPlan(model, { conv1: 2, conv2: 1 });
  const g = compileDataflow(model, TINY_COSTS, plan);

  it("has one node per (layer, block, operation, bit) with the Table II fields", () => {
    // Per block: transfer, load, (MVM, ADC, shift-add) × 2 bits, add, store = 10 nodes; 8 + 16 blocks.
    expect(g.nodeCount).toBe((8 + 16) * 10);
    const kinds = new Map<string, number>();
    for (let id = 0; id < g.nodeCount; id++) {
      const n = nodeAt(g, id);
      const key = n.aluop ? `alu:${n.aluop}` : n.kind;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(kinds)).toEqual({
      transfer: 24, load: 24, mvm: 48, adc: 48, "alu:shiftAdd": 48, "alu:add": 24, store: 24,
    });
    const mvm = nodeAt(g, nodeId(g, 0, 3, 5)); // conv1 block 3, slot 5 = MVM of bit 1
    expect(mvm).toMatchObject({ kind: "mvm", layer: 0, cnt: 3, bit: 1, xbNum: 2, durationNs: 100, vecWidth: 2 * 9 });
    const adc = nodeAt(g, nodeId(g, 1, 0, 3));
    expect(adc).toMatchObject({ kind: "adc", layer: 1, cnt: 0, bit: 0, vecWidth: 50 });
    expect(nodeAt(g, nodeId(g, 1, 2, 0))).toMatchObject({ kind: "transfer", src: [0], dst: 1, durationNs: 10 });
  });

  it("a layer spread over several macros ends each block with a merge", () => {
    const merged = tinyPlan(model, { conv1: 2, conv2: 1 });
    merged.macros[1] = 2;
    merged.hopsMerge[1] = 3;
    const gm = compileDataflow(model, TINY_COSTS, merged);
    const last = nodeAt(gm, nodeId(gm, 1, 0, gm.slotCount[1] - 1));
    // (3 hops + 1 flit) at 0.1 GHz.
    expect(last).toMatchObject({ kind: "merge", macroNum: 2, durationNs: 40 });
  });

  it("lists the four kinds of edges", () => {
    const parents = (layer: number, block: number, slot: number) => {
      const out: [number, number][] = [];
      forEachParent(g, nodeId(g, layer, block, slot), (p, e) => out.push([p, e]));
      return out.sort((a, b) => a[0] - b[0]);
    };
    // conv2 block 0's transfer waits for conv1 block 2's store (pixel (0,0) needs conv1 pixel 5).
    expect(parents(1, 0, 0)).toEqual([[nodeId(g, 0, 2, 9), E_LAYER]]);
    // conv2 block 1's transfer: its unit's previous block, and conv1 block 3 (pixel (0,1) needs pixel 6).
    expect(parents(1, 1, 0)).toEqual([[nodeId(g, 0, 3, 9), E_LAYER], [nodeId(g, 1, 0, 0), E_BLOCK]]);
    // ADC of bit 1 (slot 6): its MVM (slot 5) and the ADC of bit 0 (slot 3).
    expect(parents(0, 4, 6)).toEqual([[nodeId(g, 0, 4, 3), E_BIT], [nodeId(g, 0, 4, 5), E_OP]]);
    // MVM of bit 0 in block 4: the load, and MVM bit 1 of block 3 (the crossbars' previous use).
    expect(parents(0, 4, 2)).toEqual([[nodeId(g, 0, 3, 5), E_BLOCK], [nodeId(g, 0, 4, 1), E_OP]]);
    // MVM of bit 1: only MVM of bit 0 (bit-level pipelining).
    expect(parents(0, 4, 5)).toEqual([[nodeId(g, 0, 4, 2), E_BIT]]);
  });

  it("a zero unit count is a one-line user error, not NaN", () => {
    const bad = tinyPlan(model, { conv1: 2, conv2: 1 });
    bad.adc[1] = 0;
    expect(() => compileDataflow(model, TINY_COSTS, bad)).toThrow(UserError);
    expect(() => compileDataflow(model, TINY_COSTS, bad)).toThrow(/conv2.*adc/);
  });

  it("VGG16 at duplication 1 (7.4 M nodes) compiles into a few MB", async () => {
    const { model: vgg, costs } = await loadModel("vgg16");
    const big = compileDataflow(vgg, costs, allocate(vgg, costs, vgg.layers.map(() => 1)));
    expect(big.nodeCount).toBeGreaterThan(7e6);
    let bytes = 0;
    for (const v of Object.values(big)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    for (const s of big.sources) bytes += s.hi.byteLength + s.lo.byteLength;
    expect(bytes).toBeLessThan(8 * 2 ** 20);
    const sim = simulateGraph(big, { buffers: false });
    expect(sim.latencyNs).toBeGreaterThan(0);
  });
});

describe("the simulator is exact with respect to its DAG", () => {
  it("tiny nets: every node starts when its last parent ends", () => {
    const nets: { model: ReturnType<typeof tinyModel>; dup: Record<string, number> }[] = [
      { model: tinyModel("chain", [conv3("conv1"), conv3("conv2")]), dup: { conv1: 2, conv2: 1 } },
      {
        model: tinyModel("skip", [conv3("a"), conv3("b"), { name: "sum", kind: "add", inputs: ["a", "b"] }, { name: "p", kind: "pool", method: "avg", global: true }, { name: "fc", kind: "fc", outFeatures: 3 }]),
        dup: { a: 3, b: 2, sum: 4 },
      },
    ];
    for (const { model, dup } of nets) {
      const plan = tinyPlan(model, dup);
      const g = compileDataflow(model, TINY_COSTS, plan);
      const lp = longestPath(g);
      const sim = simulate(model, TINY_COSTS, plan, { nodeTimes: true });
      for (let id = 0; id < g.nodeCount; id++) expect(sim.nodeStartNs![id]).toBeCloseTo(lp.start[id], 6);
      expect(sim.latencyNs).toBeCloseTo(Math.max(...lp.end), 6);
    }
  });

  it("alexnet and resnet18 at the proportional seed: node times equal the DAG's longest paths", async () => {
    for (const name of ["alexnet", "resnet18"]) {
      const { model, costs } = await loadModel(name);
      const plan = allocate(model, costs, proportionalDup(model, 8 * convSetSum(model)));
      const g = compileDataflow(model, costs, plan);
      const lp = longestPath(g);
      const sim = simulateGraph(g, { nodeTimes: true });
      let worst = 0;
      for (let id = 0; id < g.nodeCount; id++) worst = Math.max(worst, Math.abs(sim.nodeStartNs![id] - lp.start[id]));
      expect(worst).toBeLessThan(1e-6);
      expect(sim.latencyNs).toBeCloseTo(Math.max(...lp.end), 6);
    }
  });

  it("with shared ADC banks: every edge holds and a bank never converts for two nodes at once", async () => {
    const { model, costs } = await loadModel("alexnet");
    const rand = mulberry32(3);
    const plan = allocate(model, costs, proportionalDup(model, 8 * convSetSum(model)));
    // Pair each later conv/fc layer with a random earlier one (at most two layers per bank, as in PIMSYN).
    const free = new Set(model.mvmLayers);
    for (const i of [...model.mvmLayers].reverse()) {
      const earlier = [...free].filter((j) => j < i);
      if (!free.has(i) || earlier.length === 0 || rand() < 0.3) continue;
      const j = earlier[Math.floor(rand() * earlier.length)];
      plan.sharesWith[i] = j;
      free.delete(i);
      free.delete(j);
    }
    expect([...plan.sharesWith].filter((s) => s >= 0).length).toBeGreaterThan(0);
    const g = compileDataflow(model, costs, plan);
    const sim = simulateGraph(g, { nodeTimes: true });
    const start = sim.nodeStartNs!, end = sim.nodeEndNs!;
    const byBank = new Map<number, [number, number][]>();
    for (let id = 0; id < g.nodeCount; id++) {
      forEachParent(g, id, (p) => expect(start[id]).toBeGreaterThanOrEqual(end[p] - 1e-9));
      const n = nodeAt(g, id);
      if (n.kind !== "adc") continue;
      const bank = g.adcBank[n.layer];
      if (!byBank.has(bank)) byBank.set(bank, []);
      byBank.get(bank)!.push([start[id], end[id]]);
    }
    for (const list of byBank.values()) {
      list.sort((a, b) => a[0] - b[0]);
      for (let k = 1; k < list.length; k++) expect(list[k][0]).toBeGreaterThanOrEqual(list[k - 1][1] - 1e-9);
    }
    // The bank's conversions set the period at least as high as the busier layer alone would.
    const unshared = simulate(model, costs, allocate(model, costs, proportionalDup(model, 8 * convSetSum(model))));
    expect(sim.periodNs).toBeGreaterThanOrEqual(unshared.periodNs);
    expect(sim.latencyNs).toBeGreaterThanOrEqual(unshared.latencyNs - 1e-6);
  });
});
