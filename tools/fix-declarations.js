// After `tsc -p tsconfig.build.json`: the emitted .d.ts files keep the sources' relative `.ts` specifiers
// (only the .js files are rewritten), which a consumer's TypeScript rejects without allowImportingTsExtensions.
// Point them at the .js/.d.ts pair instead.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.name.endsWith(".d.ts")) yield p;
  }
}

let files = 0;
for (const file of walk(new URL("../dist", import.meta.url).pathname)) {
  const text = readFileSync(file, "utf8");
  const fixed = text.replace(/((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+)\.ts(["'])/g, "$1$2.js$3");
  if (fixed !== text) {
    writeFileSync(file, fixed);
    files++;
  }
}
console.error(`declarations: ${files} files pointed at .js`);
