// BullMQ's sandboxed processor entry (plain JavaScript: the processor thread starts without a TypeScript loader).
// It registers tsx's ESM loader in this thread, as bin/pimsyn.js does for the CLI, then hands jobs to
// process-job.ts.
import { register } from "tsx/esm/api";

register();
const { processJob } = await import("./process-job.ts");

export default processJob;
