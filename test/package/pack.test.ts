/**
 * The package as a user gets it: `npm pack`, installed into an empty project, imported from plain Node ESM and
 * type-checked from TypeScript against the shipped .d.ts, running a small synthesis on the compiled workers.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });

let dir: string;
let files: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pimsyn-pack-"));
  const out = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], ROOT)) as { filename: string; files: { path: string }[] }[];
  files = out[0].files.map((f) => f.path);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }));
  npm(["install", "--prefer-offline", "--no-save", join(dir, out[0].filename)], dir);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the packed package", () => {
  it("ships the compiled code, types and data, and no tests or sources", () => {
    expect(files).toContain("dist/src/index.js");
    expect(files).toContain("dist/src/index.d.ts");
    expect(files).toContain("specs/presets/pimsyn-date24.json");
    expect(files).toContain("src/network/onnx/onnx.proto");
    expect(files.filter((f) => f.startsWith("test/"))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("imports from plain Node ESM and runs a small synthesis on worker threads", () => {
    writeFileSync(
      join(dir, "app.mjs"),
      `import { synthesize, presets } from "pimsyn";
       const run = await synthesize({ model: "alexnet", powerW: 49, seed: 1, workers: 2, maxEvaluations: 400, outDir: "runs" });
       console.log(JSON.stringify({ gopsPerW: run.best.metrics.mapping.gopsPerW, runDir: run.runDir, presets: presets.list().map((p) => p.name ?? p) }));`,
    );
    const r = spawnSync(process.execPath, ["app.mjs"], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { gopsPerW: number; runDir: string };
    expect(out.gopsPerW).toBeGreaterThan(0);
    expect(existsSync(resolve(dir, out.runDir, "report.html"))).toBe(true);
    expect(readdirSync(join(dir, "node_modules", "pimsyn"))).not.toContain("test");
  }, 120_000);

  it("type-checks a TypeScript consumer against the shipped declarations", () => {
    writeFileSync(
      join(dir, "consumer.ts"),
      `import { synthesize, evaluate, loadPreset, type SynthesizeCall, type Metrics } from "pimsyn";
       const call: SynthesizeCall = { model: "alexnet", powerW: 49, seed: 2 };
       export async function efficiency(): Promise<number> {
         const run = await synthesize(call);
         const m: Metrics = evaluate(run.best.arch, loadPreset("pimsyn-date24"));
         return m.hardware.peakPowerW;
       }`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, types: ["node"], typeRoots: [join(ROOT, "node_modules/@types")] },
        files: ["consumer.ts"],
      }),
    );
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);
});
