/**
 * A small event simulator of a dual-mode program (program.dmo): it reads the meta-operator stream, not the
 * plan, and times it: switches one array after another, the write-back at main-memory bandwidth, weight loads
 * (layers in parallel, each writing its arrays, over all its sub-operators, one after another), then the segment's operators as a
 * pipeline of chunks: a chunk of an operator starts when its previous chunk and the same chunk of every
 * producer in the segment are done. Rates come from the arrays the stream gives each operator.
 */
import type { Deha } from "../hardware/deha.ts";

/** Chunks each operator's work is cut into; the pipeline fill costs about (depth − 1) / CHUNKS of the segment. */
const CHUNKS = 1000;

export interface SimulatedSegment {
  switchCycles: number;
  writeBackCycles: number;
  reloadCycles: number;
  pipelineCycles: number;
  switches: { toMemory: number; toCompute: number };
}

export interface SimulationResult {
  totalCycles: number;
  segments: SimulatedSegment[];
}

interface RunOp {
  name: string;
  macs: number;
  inBytes: number;
  stationaryBytes: number;
  outBytes: number;
  rate: number;
  compute: number;
  memory: number;
  after: string[];
}

function countArrays(text: string): number {
  if (text === "-") return 0;
  let n = 0;
  for (const part of text.split(",")) {
    const m = /^a(\d+)(?:-a(\d+))?$/.exec(part);
    if (!m) throw new Error(`dmo: bad array range "${part}"`);
    n += m[2] === undefined ? 1 : Number(m[2]) - Number(m[1]) + 1;
  }
  return n;
}

/** Splits `a, b, [c, d], "e, f"` at top-level commas. */
function splitFields(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      cur += ch;
      if (ch === "\\") cur += text[++i];
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function parseRun(args: string): RunOp {
  const [nameText, ...rest] = splitFields(args);
  const f = new Map(rest.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
  const after = (f.get("after") ?? "[]").slice(1, -1);
  return {
    name: JSON.parse(nameText) as string,
    macs: Number(f.get("macs")),
    inBytes: Number(f.get("in")),
    stationaryBytes: Number(f.get("stationary")),
    outBytes: Number(f.get("out")),
    rate: Number(f.get("rate")),
    compute: countArrays(f.get("compute") ?? "-"),
    memory: countArrays(f.get("mem_in") ?? "-") + countArrays(f.get("mem_out") ?? "-"),
    after: after ? splitFields(after).map((s) => JSON.parse(s) as string) : [],
  };
}

function pipeline(ops: RunOp[], hw: Deha): number {
  const finish = new Map<string, Float64Array>();
  let makespan = 0;
  for (const op of ops) {
    const feed = (op.memory * hw.memoryBytesPerCycle + hw.mainBytesPerCycle) * (op.macs / (op.inBytes + op.stationaryBytes + op.outBytes));
    const rate = Math.min(op.compute * op.rate, feed);
    const chunk = op.macs / rate / CHUNKS;
    const producers = op.after.map((p) => finish.get(p)).filter((x): x is Float64Array => x !== undefined);
    const done = new Float64Array(CHUNKS);
    let t = 0;
    for (let c = 0; c < CHUNKS; c++) {
      let start = t;
      for (const p of producers) start = Math.max(start, p[c]);
      t = start + chunk;
      done[c] = t;
    }
    finish.set(op.name, done);
    makespan = Math.max(makespan, t);
  }
  return makespan;
}

export function simulateProgram(text: string, hw: Deha): SimulationResult {
  const segments: SimulatedSegment[] = [];
  let seg: SimulatedSegment | undefined;
  let loads = new Map<string, number>();
  let runs: RunOp[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("segment ")) {
      seg = { switchCycles: 0, writeBackCycles: 0, reloadCycles: 0, pipelineCycles: 0, switches: { toMemory: 0, toCompute: 0 } };
      loads = new Map();
      runs = [];
      continue;
    }
    if (!seg) continue;
    let m: RegExpExecArray | null;
    if ((m = /^CM\.switch\((TOM|TOC), a\d+\)$/.exec(line))) {
      if (m[1] === "TOM") {
        seg.switchCycles += hw.toMemoryCycles;
        seg.switches.toMemory++;
      } else {
        seg.switchCycles += hw.toComputeCycles;
        seg.switches.toCompute++;
      }
    } else if ((m = /^MEMORY\.writeback\(bytes=([0-9.e+]+)\)$/.exec(line))) {
      seg.writeBackCycles += Number(m[1]) / hw.writeBackBytesPerCycle;
    } else if ((m = /^CIM\.load\((.*)\)$/.exec(line))) {
      // The sub-operators of one layer write one after another; layers load in parallel.
      // Fields: name, the array ranges (themselves comma-separated), layer=…
      const fields = splitFields(m[1]);
      const layerField = fields[fields.length - 1];
      if (!layerField.startsWith("layer=")) throw new Error(`dmo: CIM.load without layer= in "${line}"`);
      const ranges = fields.slice(1, -1).join(",");
      const layer = layerField.slice("layer=".length);
      loads.set(layer, (loads.get(layer) ?? 0) + countArrays(ranges) * hw.writeCyclesPerArray);
    } else if ((m = /^CIM\.run\((.*)\)$/.exec(line))) {
      runs.push(parseRun(m[1]));
    } else if (line === "}" && runs.length > 0) {
      seg.reloadCycles = Math.max(0, ...loads.values());
      seg.pipelineCycles = pipeline(runs, hw);
      segments.push(seg);
      seg = undefined;
    }
  }
  const totalCycles = segments.reduce((t, s) => t + s.switchCycles + s.writeBackCycles + s.reloadCycles + s.pipelineCycles, 0);
  return { totalCycles, segments };
}
