/**
 * Project conventions that keep installs reproducible and the hot loops fast.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe("package.json", () => {
  it("pins every dependency to an exact version", () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    const loose = Object.entries(all).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v));
    expect(loose).toEqual([]);
  });

  it("runs TypeScript scripts through tsx's ESM loader only (tools/register-ts.js), not the tsx CLI", () => {
    // The tsx CLI's CommonJS hooks invalidate V8's ArrayBufferDetaching protector, slowing typed-array code.
    const ts = Object.entries(pkg.scripts).filter(([, cmd]) => /\.ts\b/.test(cmd));
    expect(ts.length).toBeGreaterThan(0);
    for (const [name, cmd] of ts) expect(cmd, name).toMatch(/^node --import \.\/tools\/register-ts\.js \S+\.ts/);
  });

  it("the CLI and the synthesis workers register the same ESM-only loader", () => {
    for (const file of ["../bin/pimsyn.js", "../tools/register-ts.js", "../src/flow/workers.ts"]) {
      const text = readFileSync(new URL(file, import.meta.url), "utf8");
      expect(text, file).toMatch(/tsx\/esm\/api/);
    }
  });
});
