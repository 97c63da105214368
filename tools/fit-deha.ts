/**
 * The fit behind the DynaPlasia-like preset's compute rate and main-memory bandwidth (specs/deha/dynaplasia.json;
 * docs/dualmode.md, "Hardware figures: derived, fitted, inferred"). Prints the fit; writes nothing.
 *
 *   node --import ./tools/register-ts.js tools/fit-deha.ts
 *
 * CMSwitch does not publish OP_cim or D_main, but its motivating examples (§2 of the paper, on a chip of 100
 * dual-mode arrays) state the best compute-mode share for two arithmetic intensities: ResNet-50 (AI ≈ 66
 * FLOPs per byte moved) is best with ≈ 80 % of the arrays computing, LLaMA-2 at batch 1 (AI ≈ 2) with ≈ 10 %.
 * For one operator on N arrays, Eq. 10's best split makes both bounds equal:
 *     f·N·OP_cim = ((1 − f)·N·D_cim + D_main)·AI   ⇒   f·(x + AI) = (1 + y/N)·AI,
 * with x = OP_cim / D_cim (FLOPs per byte) and y = D_main / D_cim. Two examples, two unknowns: solved exactly.
 * D_cim is anchored by the array (one 320-bit row per cycle: 40 B/cycle), which gives OP_cim and D_main.
 * Check against DynaPlasia's published peak (19.5 TOPS at 4-bit inputs and 5-bit weights, 96 arrays): the
 * clock at which the fitted OP_cim reaches that peak (scaled to 8 × 8 bits) must be a plausible eDRAM-CIM clock.
 */
import { loadDeha } from "../src/hardware/deha.ts";

const N = 100;
const examples = [
  { name: "ResNet-50", ai: 66, computeShare: 0.8 },
  { name: "LLaMA-2, batch 1", ai: 2, computeShare: 0.1 },
];
// f·x − (AI/N)·y = AI − f·AI for each example: a 2 × 2 linear system in (x, y).
const [a, b] = examples.map((e) => ({ p: e.computeShare, q: -e.ai / N, r: e.ai * (1 - e.computeShare) }));
const det = a.p * b.q - a.q * b.p;
const x = (a.r * b.q - a.q * b.r) / det;
const y = (a.p * b.r - a.r * b.p) / det;
const dCim = 40;
const opCimFlops = x * dCim;
const opCimMacs = opCimFlops / 2;
const dMain = y * dCim;
console.log(`fit: OP_cim / D_cim = ${x.toFixed(3)} FLOP/B, D_main / D_cim = ${y.toFixed(3)}`);
for (const e of examples) {
  const f = ((1 + y / N) * e.ai) / (x + e.ai);
  console.log(`  check ${e.name}: AI ${e.ai} -> best compute share ${(100 * f).toFixed(1)} % (paper: about ${100 * e.computeShare} %)`);
}
console.log(`with D_cim = ${dCim} B/cycle: OP_cim = ${opCimMacs.toFixed(1)} MAC/cycle/array, D_main = ${dMain.toFixed(1)} B/cycle`);

const hw = loadDeha("dynaplasia");
const peakMacsPerArrayCycle = (hw.rows * hw.weightCols) / Math.ceil(hw.spec.compute.activationBits / hw.spec.compute.inputBitsPerCycle);
const internal = (hw.spec.bandwidth.buffers * hw.spec.bandwidth.internalBitsPerCyclePerBuffer) / 8;
console.log(
  `preset: one bit-slice of a 320-row array per cycle would be ${peakMacsPerArrayCycle} MAC/cycle, so a slice takes ` +
    `${(peakMacsPerArrayCycle / opCimMacs).toFixed(3)} cycles (compute.cyclesPerInputSlice); ` +
    `D_main ${dMain.toFixed(1)} − internal ${internal} = external ${(dMain - internal).toFixed(1)} B/cycle (bandwidth.externalBytesPerCycle)`,
);
const published = 19.5e12 / 2; // MAC/s at 4-bit inputs × 5-bit weights
const at8x8 = (published * (4 * 5)) / (8 * 8);
const clockMhz = at8x8 / (96 * opCimMacs) / 1e6;
console.log(`DynaPlasia check: 19.5 TOPS (4b x 5b) = ${(at8x8 / 1e12).toFixed(2)} TMAC/s at 8b x 8b; at the fitted OP_cim that is a ${clockMhz.toFixed(0)} MHz array clock`);
console.log(`preset now: OP_cim ${hw.macsPerCycle.toFixed(1)}, D_main ${hw.mainBytesPerCycle}, clock ${hw.clockMhz} MHz`);
