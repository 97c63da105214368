/**
 * Builds dist/ once before the suite: tests that spawn bin/pimsyn.js run the compiled CLI (as users do), so it
 * must match the sources under test.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url)), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  execFileSync(process.execPath, ["tools/fix-declarations.js"], { cwd: root, stdio: "ignore" });
}
