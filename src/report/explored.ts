/**
 * Reads explored.jsonl line by line in fixed-size chunks (a long search writes millions of lines; only the numbers
 * the scatter needs are kept). Unknown line kinds are counted and skipped so newer runs still render.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { UserError } from "../errors.ts";
import type { XY } from "./pareto.ts";

export interface ExploredSummary {
  /** Outer points with a best design: x = TOPS, y = GOPS/W. */
  points: XY[];
  /** SA candidate × DAC pairs that were scored. */
  candidates: XY[];
  /** Outer points by status (evaluated, infeasible, pruned, ...). */
  pointStatus: Record<string, number>;
  /** Candidate lines without a score (infeasible after partitioning). */
  candidatesUnscored: number;
  /** Lines of a kind this version does not know. */
  otherLines: number;
}

const CHUNK_BYTES = 1 << 20;

/** Call `onLine(text, lineNumber)` for each non-empty line of a file, reading 1 MiB at a time. */
export function forEachLine(file: string, onLine: (line: string, lineNo: number) => void): void {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(e)})`, { file });
  }
  try {
    const buf = Buffer.alloc(CHUNK_BYTES);
    const decoder = new StringDecoder("utf8"); // keeps a character split across two chunks whole
    let rest = "";
    let lineNo = 0;
    const emit = (text: string) => {
      const parts = text.split("\n");
      rest = parts.pop() ?? "";
      for (const p of parts) {
        lineNo++;
        if (p.trim()) onLine(p, lineNo);
      }
    };
    for (let n = readSync(fd, buf, 0, CHUNK_BYTES, null); n > 0; n = readSync(fd, buf, 0, CHUNK_BYTES, null)) emit(rest + decoder.write(buf.subarray(0, n)));
    const last = rest + decoder.end();
    if (last.trim()) onLine(last, lineNo + 1);
  } finally {
    closeSync(fd);
  }
}

function finiteOrNull(v: unknown): v is number | null {
  return v === null || (typeof v === "number" && Number.isFinite(v));
}

/** Parse explored.jsonl into the scatter's points; a malformed line is a UserError naming file:line and field. */
export function readExplored(file: string): ExploredSummary {
  const out: ExploredSummary = { points: [], candidates: [], pointStatus: {}, candidatesUnscored: 0, otherLines: 0 };
  forEachLine(file, (line, lineNo) => {
    const where = { file: `${file}:${lineNo}` };
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new UserError(`malformed JSON line (${(e as Error).message})`, where);
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new UserError("expected a JSON object per line", where);
    const o = v as Record<string, unknown>;
    const num = (key: string): number | null => {
      const x = o[key] ?? null;
      if (!finiteOrNull(x)) throw new UserError("expected a finite number or null", { ...where, pointer: `/${key}` });
      return x;
    };
    if (o.kind === "point") {
      if (typeof o.status !== "string") throw new UserError("expected a string", { ...where, pointer: "/status" });
      out.pointStatus[o.status] = (out.pointStatus[o.status] ?? 0) + 1;
      const x = num("bestTops");
      const y = num("bestGopsPerW");
      if (o.status === "evaluated" && x !== null && y !== null) out.points.push({ x, y });
    } else if (o.kind === "candidate") {
      const x = num("tops");
      const y = num("gopsPerW");
      if (x !== null && y !== null) out.candidates.push({ x, y });
      else out.candidatesUnscored++;
    } else out.otherLines++;
  });
  return out;
}
