/**
 * Files pimsyn ships beside its code (specs/, package.json, the vendored onnx.proto), found from the package
 * root, so the same code runs from the TypeScript sources and from the compiled dist/ tree.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "pimsyn") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("internal: pimsyn's package.json was not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** The folder holding pimsyn's package.json. */
export const PACKAGE_ROOT: string = findRoot();

/** A path inside the package, e.g. packagePath("specs", "presets"). */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

/**
 * The URL of a module next to the caller, in the caller's own form: `.ts` when running from the sources, `.js`
 * from dist/ (worker threads import modules by URL, which the build does not rewrite).
 */
export function moduleUrl(callerUrl: string, relativeWithoutExtension: string): string {
  return new URL(relativeWithoutExtension + (callerUrl.endsWith(".ts") ? ".ts" : ".js"), callerUrl).href;
}
