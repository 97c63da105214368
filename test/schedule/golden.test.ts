/**
 * Golden schedules of tiny networks, computed by hand (the arithmetic is in the comments) with the round-number
 * costs of tiny.ts. Every mvm block runs, from the moment its producers' data is ready (times in ns):
 *   transfer [0,10] → load [10,20] → MVM bit 0 [20,120] → MVM bit 1 [120,220]   (MVM j+1 follows MVM j)
 *   ADC bit 0 [120,170], shift-add bit 0 [170,195]; ADC bit 1 [220,270], shift-add bit 1 [270,295]
 *   → add [295,315] → store [315,325]
 * so one block alone takes 325 ns (depth) and the crossbars, busy 2 × 100 ns per block, admit one block every
 * 200 ns (interval). A block whose MVM bit 0 starts at s is done at s + 305.
 * Receptive fields (3×3, pad 1, on a 4×4 map, row-major pixels 0..15): output pixel (y, x) needs input up to
 * (min(3, y+1), min(3, x+1)), i.e. pixel 4·min(3,y+1) + min(3,x+1), and every earlier output pixel's need.
 */
import { describe, expect, it } from "vitest";
import { newPipelineResult, runPipeline, STAGE_VECTOR_LENGTH, stageTimes } from "../../src/cost/pipeline-model.ts";
import { compileDataflow, nodeAt } from "../../src/schedule/compile.ts";
import { simulate } from "../../src/schedule/simulate.ts";
import { conv3, tinyModel, tinyPlan, TINY_COSTS } from "./tiny.ts";


/** First ten entries of the stage vector: transfer, load, MVM, ADC, shift-add, add, ALU, store, merge, interval. */
function stages(model: ReturnType<typeof tinyModel>, plan: ReturnType<typeof tinyPlan>, i: number): number[] {
  const st = new Float64Array(STAGE_VECTOR_LENGTH);
  stageTimes(model, TINY_COSTS, plan, i, st);
  return Array.from(st.slice(0, 10), (v) => Math.round(v * 1e6) / 1e6);
}

describe("golden: conv(dup 2) → conv(dup 1), 3×3 kernels on 4×4 maps", () => {
  const model = tinyModel("chain", [conv3("conv1"), conv3("conv2")]);
  const plan = tinyPlan(model, { conv1: 2, conv2: 1 });

  it("the costs give the round IR times the hand schedule uses", () => {
    expect(stages(model, plan, 0)).toEqual([10, 10, 100, 50, 25, 20, 0, 10, 0, 200]);
    expect(stages(model, plan, 1)).toEqual([10, 10, 100, 50, 25, 20, 0, 10, 0, 200]);
  });

  it("finishes at 4050 ns", () => {
    // conv1: 16 pixels / dup 2 = 8 blocks. Its inputs are the network input, ready at 0, so the crossbars are
    // the only limit: MVM bit 0 of block b starts at 20 + 200b, block b is done at 325 + 200b; last 1725.
    // conv2: 16 blocks of one pixel. Block 0 (pixel (0,0)) needs conv1 pixel (1,1) = 5, in conv1 block
    // floor(5/2) = 2, done at 325 + 400 = 725: transfer [725,735], load [735,745], MVM bit 0 at 745, done
    // 745 + 305 = 1050. Block b ≥ 1: its crossbars are free at 745 + 200b; it needs conv1 block k(b) done by
    // 745 + 200b − 20, i.e. 325 + 200k ≤ 725 + 200b, k ≤ b + 2. Needs: b=1 (0,1) → (1,2) = 6 → k 3; b=2
    // (0,2) → 7 → k 3; b=3 → 7 → k 3; b=4 (1,0) → max((2,1) = 9, end of row 0's need 7) = 9 → k 4; ...
    // k(b) ≈ (b+5)/2 ≤ b + 2 for every b ≥ 1 (last: b=15 needs 15 → k 7). So conv2 is crossbar-bound:
    // done(b) = 1050 + 200b, last 1050 + 3000 = 4050.
    const sim = simulate(model, TINY_COSTS, plan);
    expect(sim.firstDoneNs[0]).toBeCloseTo(325, 6);
    expect(sim.lastDoneNs[0]).toBeCloseTo(1725, 6);
    expect(sim.startNs[1]).toBeCloseTo(725, 6);
    expect(sim.firstDoneNs[1]).toBeCloseTo(1050, 6);
    expect(sim.lastDoneNs[1]).toBeCloseTo(4050, 6);
    expect(sim.latencyNs).toBeCloseTo(4050, 6);
    // Busy time: conv2's crossbars 16 blocks × 2 bits × 100 ns = 3200 ns, the busiest unit.
    expect(sim.periodNs).toBeCloseTo(3200, 6);
  });

  it("the analytic model gives the same numbers here", () => {
    // conv1's curve is the line 325 + 200b; conv2: block 0 ready 725 (+325 = 1050); block 9 (first pixel
    // needing conv1's last block: (2,1) needs (3,2) = 14) ready 1725 but its backlog line is 1050 + 1800 =
    // 2850 > 2050; last block: max(1725 + 325, 2850 + 6 × 200) = 4050.
    const res = runPipeline(model, TINY_COSTS, plan, newPipelineResult(model.layers.length));
    expect(res.latencyNs).toBeCloseTo(4050, 6);
    expect(res.firstDoneNs[1]).toBeCloseTo(1050, 6);
  });

  it("a shared ADC bank delays the later layer's conversions into the earlier layer's gaps", () => {
    const shared = tinyPlan(model, { conv1: 2, conv2: 1 });
    shared.sharesWith[1] = 0;
    // conv1 keeps its schedule: its ADC nodes hold the bank [120,170], [220,270], then every 100 ns:
    // [120 + 100j, 170 + 100j] for j = 0..15 (last [1620,1670]), leaving 50-ns gaps.
    // conv2 block 0: MVM bit 0 [745,845]; ADC bit 0 ready 845, bank busy [820,870] → [870,920] (fits the
    // gap before [920,970]); MVM bit 1 ends 945, ADC bit 1 busy [920,970] → [970,1020]; then shift-add
    // [1020,1045], add [1045,1065], store [1065,1075]: done 1075 (25 ns later than unshared).
    // Block b (b ≤ 3): ADC bit 1 is ready at 945 + 200b, inside conv1's [920 + 200b, 970 + 200b], so runs
    // [970 + 200b, 1020 + 200b]: done 1075 + 200b (block 3: 1675). Block 4: ADC bit 1 ready 1745, after
    // conv1's last conversion: unshared timing again, 1050 + 800 = 1850; the last block still ends at 4050.
    const sim = simulate(model, TINY_COSTS, shared, { trace: { maxBlockEvents: 100 }, nodeTimes: true });
    const done = (b: number) => sim.trace!.blockEvents.find((e) => e.layer === 1 && e.block === b)!.endNs;
    expect(done(0)).toBeCloseTo(1075, 6);
    expect(done(1)).toBeCloseTo(1275, 6);
    expect(done(3)).toBeCloseTo(1675, 6);
    expect(done(4)).toBeCloseTo(1850, 6);
    expect(sim.latencyNs).toBeCloseTo(4050, 6);
    // And no two ADC conversions of the bank overlap.
    const g = compileDataflow(model, TINY_COSTS, shared);
    const adc: [number, number][] = [];
    for (let id = 0; id < g.nodeCount; id++) if (nodeAt(g, id).kind === "adc") adc.push([sim.nodeStartNs![id], sim.nodeEndNs![id]]);
    adc.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < adc.length; k++) expect(adc[k][0]).toBeGreaterThanOrEqual(adc[k - 1][1] - 1e-9);
    expect(adc.length).toBe((8 + 16) * 2);
  });
});

describe("golden: conv(dup 2) → 2×2 max pool (dup 1) → flatten → fc", () => {
  const model = tinyModel("cpf", [
    conv3("conv"),
    { name: "pool", kind: "pool", method: "max", kernel: [2, 2], stride: [2, 2] },
    { name: "flat", kind: "flatten" },
    { name: "fc", kind: "fc", outFeatures: 2 },
  ]);
  const plan = tinyPlan(model, { conv: 2, pool: 1 });

  it("the costs give the round IR times the hand schedule uses", () => {
    expect(stages(model, plan, 1)).toEqual([10, 10, 0, 0, 0, 0, 50, 10, 0, 50]);
    expect(stages(model, plan, 3)).toEqual([10, 10, 100, 50, 25, 20, 0, 10, 0, 200]);
  });

  it("finishes at 2130 ns; the pool blocks at 805, 1005, 1605, 1805", () => {
    // conv: done(b) = 325 + 200b as above (last 1725).
    // pool output pixel (y, x) needs conv pixel (2y+1, 2x+1): (0,0) → 5, block 2, ready 725; a pool block
    // takes transfer 10 + load 10 + op 50 + store 10 = 80: done 805. (0,1) → 7, block 3, 925 → 1005.
    // (1,0) → max(13, row 0's 7) = 13, block 6, 1525 → 1605. (1,1) → 15, block 7, 1725 → 1805.
    // flatten is routing only: fc needs all of pool, done at 1805; fc is one block of depth 325: 2130.
    const sim = simulate(model, TINY_COSTS, plan, { trace: { maxBlockEvents: 100 } });
    const poolDone = sim.trace!.blockEvents.filter((e) => e.layer === 1).map((e) => e.endNs);
    [805, 1005, 1605, 1805].forEach((t, b) => expect(poolDone[b]).toBeCloseTo(t, 6));
    expect(sim.lastDoneNs[2]).toBeCloseTo(1805, 6); // the route layer is done with its producer
    expect(sim.firstDoneNs[3]).toBeCloseTo(2130, 6);
    expect(sim.latencyNs).toBeCloseTo(2130, 6);
    const res = runPipeline(model, TINY_COSTS, plan, newPipelineResult(model.layers.length));
    expect(res.latencyNs).toBeCloseTo(2130, 6);
  });

  it("buffer occupancy: conv 27, pool 18, fc 8 elements at its peak (2-bit activations: ¼ byte each)", () => {
    // conv's input is the network input (1 channel). Its 8 transfers run at 0,10,..,70 (the input is ready at
    // 0), so by 70 it holds input pixels 0..15 (16 elements); block b's inputs are used once MVM bit 1 ends at
    // 220 + 200b, after which it still holds input pixels from lo(b+1) (the lowest pixel blocks b+1.. need:
    // 0, 0, 1, 4, 5, 8, 9 for b+1 = 1..7) to 15: 16, 16, 15, 12, 11, 8, 7, 0 at 220, 420, ..., 1620.
    // conv's output (2 channels) grows by 2 pixels at 325 + 200b; the pool takes pixels below lo_pool(b+1)
    // (2, 8, 10, 16) when its block b's transfer ends (735, 935, 1535, 1735). At 725 conv holds 6 output pixels
    // (12 elements) and input pixels 1..15 (15 elements, after the 620 release): 27, the peak.
    // pool: window 12 at 725 (pixels 0..5 × 2 ch), 8 at 795 (op done; pixels 2..5 kept), 12 at 925, 0 at 995,
    // 12 at 1525, 8 at 1595, 12 at 1725; its output (1 pixel × 2 ch per block at 805, 1005, 1605, 1805) is
    // fetched by fc (through flatten) at 1815. At 1725: window 12 + 3 stored pixels × 2 = 18, the peak.
    // fc: holds all 4 pool pixels × 2 ch = 8 from its start (1805) until its MVMs end; then its 2 outputs.
    const sim = simulate(model, TINY_COSTS, plan);
    expect(Array.from(sim.bufferBytes)).toEqual([27 / 4, 18 / 4, 0, 8 / 4]);
    expect(sim.inputBufferBytes[0]).toBe(15 / 4);
    expect(sim.outputBufferBytes[0]).toBe(12 / 4);
    expect(sim.scratchpadBytesPerMacro).toBe(27 / 4);
    expect(sim.scratchpadKbNeeded).toBe(1);
  });
});

describe("golden: skip connection, conv a → conv b, add(a, b)", () => {
  const model = tinyModel("skip", [conv3("a"), conv3("b"), { name: "sum", kind: "add", inputs: ["a", "b"] }]);
  const plan = tinyPlan(model, { a: 2, b: 2, sum: 2 });

  it("the costs give the round IR times the hand schedule uses", () => {
    expect(stages(model, plan, 2)).toEqual([10, 10, 0, 0, 0, 0, 10, 10, 0, 10]);
  });

  it("finishes at 2690 ns", () => {
    // a: done(b) = 325 + 200b (last 1725).
    // b (dup 2, 8 blocks of pixels 2b, 2b+1): block 0's last pixel (0,1) needs a's (1,2) = 6, block 3, ready
    // 925: MVM bit 0 at 945, done 1250. Block k ≥ 1: crossbars free at 945 + 200k; needs a's block ≤ k + 3
    // done by then (325 + 200j + 20 ≤ 945 + 200k): pixel 2k+1's need is 7, 10, 11, 14, 15, 15, 15 for
    // k = 1..7 → blocks 3, 5, 5, 7, 7, 7, 7, all ≤ k + 3. So done(k) = 1250 + 200k, last 2650.
    // sum (dup 2, 8 blocks): block k needs a's and b's pixel 2k+1 (same pixel): a's block k (325 + 200k) and
    // b's block k (1250 + 200k); 4 × 10 ns of work: done 1290 + 200k, last 2690.
    const sim = simulate(model, TINY_COSTS, plan);
    expect(sim.firstDoneNs[1]).toBeCloseTo(1250, 6);
    expect(sim.lastDoneNs[1]).toBeCloseTo(2650, 6);
    expect(sim.firstDoneNs[2]).toBeCloseTo(1290, 6);
    expect(sim.lastDoneNs[2]).toBeCloseTo(2690, 6);
    expect(sim.latencyNs).toBeCloseTo(2690, 6);
    const res = runPipeline(model, TINY_COSTS, plan, newPipelineResult(model.layers.length));
    expect(res.latencyNs).toBeCloseTo(2690, 6);
  });
});
