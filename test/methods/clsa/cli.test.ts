import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validate } from "../../../src/io/json.ts";
import { loadArch } from "../../../src/io/arch-io.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { scheduleNetwork } from "../../../src/methods/clsa/schedule.ts";
import { ScheduleResult } from "../../../src/methods/clsa/types.ts";
import { minCrossbars, tiledArch } from "./fixture.ts";
import { Command, CommanderError } from "@commander-js/extra-typings";
import { register } from "../../../src/cli/commands/schedule.ts";
import { UserError } from "../../../src/errors.ts";

async function inProcess(args: string[]): Promise<void> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  register(program);
  await program.parseAsync(["node", "pimsyn", "schedule", ...args]);
}

function pimsyn(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/pimsyn.js", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "pimsyn-clsa-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface TraceFile {
  traceEvents: { ph: string; pid: number; tid?: number; ts?: number; dur?: number; name: string; args?: { name?: string } }[];
  otherData: { makespanNs: number; tasks: number; droppedTasks: number; policy: string };
}

describe("pimsyn schedule", () => {
  it("writes schedule.json and a Perfetto trace with --out", () => {
    const out = join(tmp, "isaac");
    const r = pimsyn("schedule", "tinyyolov4", "--arch", "specs/examples/isaac.arch.json", "--out", out, "--input-shape", "3x256x256");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cross-layer +makespan/);
    expect(r.stdout).toMatch(/speedup +[\d.]+× \(layer-by-layer \/ cross-layer/);
    const result = validate(ScheduleResult, JSON.parse(readFileSync(join(out, "schedule.json"), "utf8")), "schedule.json");
    expect(result.options).toMatchObject({ policy: "both", granularity: "row", duplication: "greedy", transferNs: 0 });
    expect(result.arch.crossbars).toBe(168 * 12 * 8);
    const trace = JSON.parse(readFileSync(join(out, "trace.json"), "utf8")) as TraceFile;
    const tasks = trace.traceEvents.filter((e) => e.ph === "X");
    expect(tasks.length).toBe(trace.otherData.tasks);
    expect(trace.otherData).toMatchObject({ policy: "cross-layer", droppedTasks: 0 });
    let lastUs = 0;
    for (const e of tasks) {
      expect(e.ts).toBeGreaterThanOrEqual(0);
      expect(e.dur).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(e.pid) && Number.isInteger(e.tid)).toBe(true);
      lastUs = Math.max(lastUs, e.ts! + e.dur!);
    }
    const cl = result.runs.find((x) => x.policy === "cross-layer")!;
    expect(lastUs).toBeCloseTo(cl.makespanNs / 1e3, 6);
    // One named process per layer that ran tasks; its pid is 1 + the layer's index.
    const names = trace.traceEvents.filter((e) => e.name === "process_name");
    expect(names.find((e) => e.pid === 1)!.args!.name).toMatch(/^0 l0 \(\d+ copies\)$/);
  });

  it("--json prints only the result, equal to the library call", async () => {
    const r = pimsyn("schedule", "specs/networks/tiny-dag.json", "--arch", "specs/examples/isaac.arch.json", "--json", "--granularity", "block", "--transfer-ns", "50");
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    const { network } = await loadNetwork("specs/networks/tiny-dag.json");
    const arch = loadArch("specs/examples/isaac.arch.json");
    expect(printed).toEqual(JSON.parse(JSON.stringify(scheduleNetwork(network, arch, loadPreset(arch.preset), { granularity: "block", transferNs: 50 }))));
  });

  it("writes into the run directory when --arch is a run's arch.json", () => {
    const run = join(tmp, "run");
    rmSync(run, { recursive: true, force: true });
    spawnSync("mkdir", ["-p", run]);
    copyFileSync("test/fixtures/run/arch.json", join(run, "arch.json"));
    copyFileSync("test/fixtures/run/metrics.json", join(run, "metrics.json"));
    const r = pimsyn("schedule", "resnet18", "--arch", join(run, "arch.json"), "--policy", "cross-layer", "--json");
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.options.duplication).toBe("keep");
    expect(printed.speedup).toBeUndefined();
    expect(existsSync(join(run, "schedule.json")) && existsSync(join(run, "trace.json"))).toBe(true);
    expect(JSON.parse(readFileSync(join(run, "schedule.json"), "utf8"))).toEqual(printed);
    expect(r.stderr).toMatch(/wrote .*schedule\.json/);
  });

  it("bad input is a one-line user error (exit 2)", () => {
    const r = pimsyn("schedule", "tinyyolov4", "--arch", "specs/examples/isaac.arch.json", "--duplication", "keep");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: --duplication: the architecture has no mapping to keep; expected none or greedy\n");
  });

  // The rest in process (a spawn costs seconds on a loaded machine): the action throws, main.ts maps it to exit 2.
  it("names the option or file and pointer of each bad input", async () => {
    const { network } = await loadNetwork("tinyyolov4");
    const small = join(tmp, "small.arch.json");
    writeFileSync(small, JSON.stringify(tiledArch(minCrossbars(network) - 1)));
    const cases: [string[], RegExp][] = [
      [["tinyyolov4", "--arch", "test/fixtures/run/arch.json", "--duplication", "keep"], /^--duplication: the mapping is for network "resnet18"/],
      [["tinyyolov4", "--arch", small], /small\.arch\.json: \/hardware\/chip: the chip has \d+ crossbars; one copy of every layer of tinyyolov4 needs \d+$/],
      [["tinyyolov4", "--arch", "specs/examples/isaac.arch.json", "--transfer-ns", "-1"], /^--transfer-ns: expected a non-negative number/],
      [["tinyyolov4", "--arch", "specs/examples/isaac.arch.json", "--gpeu-ns", "fast"], /^--gpeu-ns: expected a non-negative number/],
      [["tinyyolov4", "--arch", "specs/examples/isaac.arch.json", "--trace-limit", "0"], /^--trace-limit: expected an integer from 1/],
      [["tinyyolov4", "--arch", join(tmp, "missing.json")], /missing\.json: no such file$/],
    ];
    for (const [args, message] of cases) {
      const err = await inProcess(args).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).toLine()).toMatch(message);
    }
    const bad = await inProcess(["tinyyolov4", "--arch", "specs/examples/isaac.arch.json", "--policy", "fastest"]).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(CommanderError);
  });
});
