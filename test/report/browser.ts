/**
 * Headless Chromium for the report tests: the Debian package's binary driven by playwright-core (which downloads
 * no browser). A missing Chromium is a failure with instructions, never a skip: CI installs it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export function chromiumPath(): string {
  let path = "";
  try {
    path = execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    /* not on PATH */
  }
  if (!path)
    throw new Error("chromium is not installed: the report's browser test needs it (Debian: apt-get update && apt-get install -y chromium)");
  return path;
}

/** A fresh profile each time (playwright takes the profile folder as an argument, not as --user-data-dir). */
export async function launchChromium(viewport = { width: 1100, height: 900 }): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(join(tmpdir(), "pimsyn-chromium-"));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    viewport,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
