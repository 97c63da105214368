/**
 * The meta-operator stream (program.dmo; grammar in docs/dualmode.md): per segment the mode switches, the
 * write-back, the weight loads, then one `parallel { … }` of the segment's CIM operators with their arrays.
 */
import type { Deha } from "../../hardware/deha.ts";
import type { PlacedSegment } from "./coordinates.ts";
import type { OperatorInfo } from "./operators.ts";

/** Array ids as compact ranges: [0,1,2,5] → "a0-a2,a5"; empty → "-". */
export function arrayRanges(ids: readonly number[]): string {
  if (ids.length === 0) return "-";
  const sorted = [...ids].sort((a, b) => a - b);
  const parts: string[] = [];
  let lo = sorted[0];
  let prev = lo;
  for (const a of [...sorted.slice(1), NaN]) {
    if (a === prev + 1) {
      prev = a;
      continue;
    }
    parts.push(lo === prev ? `a${lo}` : `a${lo}-a${prev}`);
    lo = prev = a;
  }
  return parts.join(",");
}

/** Exact text of a number (integers as such, others with enough digits to round-trip). */
const num = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15))));

export function programText(network: string, hw: Deha, segments: readonly PlacedSegment[], ops: readonly OperatorInfo[]): string {
  const lines = [
    "# pimsyn dualmode program (DMO) v1",
    `network ${JSON.stringify(network)}`,
    `chip ${JSON.stringify(hw.name)} arrays ${hw.arrays} rows ${hw.rows} weight_cols ${hw.weightCols}`,
  ];
  for (const seg of segments) {
    lines.push(`segment ${seg.index} {`);
    for (const a of seg.toCompute) lines.push(`  CM.switch(TOC, a${a})`);
    for (const a of seg.toMemory) lines.push(`  CM.switch(TOM, a${a})`);
    if (seg.plan.writeBackBytes > 0) lines.push(`  MEMORY.writeback(bytes=${num(seg.plan.writeBackBytes)})`);
    for (const o of seg.operators) {
      const name = JSON.stringify(ops[o.op].name);
      lines.push(`  CIM.load(${name}, ${arrayRanges(o.weights)}, layer=${JSON.stringify(ops[o.op].layer)})`);
      if (o.copies.length > 0) lines.push(`  CIM.copy(${name}, ${arrayRanges(o.copies)})`);
    }
    lines.push("  parallel {");
    for (const o of seg.operators) {
      const op = ops[o.op];
      const after = seg.plan.edges.filter((e) => e.to === o.op).map((e) => JSON.stringify(ops[e.from].name));
      const fields = [
        JSON.stringify(op.name),
        `macs=${num(op.macs)}`,
        `in=${num(op.inBytes)}`,
        `stationary=${num(op.stationaryBytes)}`,
        `out=${num(op.outBytes)}`,
        `rate=${num(op.macsPerArrayCycle)}`,
        `compute=${arrayRanges([...o.weights, ...o.copies])}`,
        `mem_in=${arrayRanges(o.input)}`,
        `mem_out=${arrayRanges(o.output)}`,
        `after=[${[...new Set(after)].join(",")}]`,
      ];
      lines.push(`    CIM.run(${fields.join(", ")})`);
    }
    lines.push("  }", "}");
  }
  return lines.join("\n") + "\n";
}
