import { readFileSync } from "node:fs";
import { packagePath } from "./paths.ts";

/** The package version, recorded in every run's metrics.json. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string }).version;
