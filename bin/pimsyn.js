#!/usr/bin/env node
// The CLI runs the compiled code in dist/ (built by `npm run build`, which `npm ci` runs through `prepare`, and
// shipped in the package). In a source checkout without dist/, it falls back to the TypeScript sources through
// tsx's ESM loader (a development dependency).
import { existsSync } from "node:fs";

const compiled = new URL("../dist/src/cli/main.js", import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
