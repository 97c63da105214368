// `node --import ./tools/register-ts.js script.ts`: runs a TypeScript script with tsx's ESM loader only, as
// bin/pimsyn.js and the synthesis workers do. The npm scripts use this instead of the `tsx` CLI because the CLI
// also installs tsx's CommonJS hooks, and loading a CommonJS package (ajv, commander, protobufjs) through them
// detaches an ArrayBuffer on the main thread. That invalidates V8's ArrayBufferDetaching protector for the rest
// of the process, after which every typed-array access carries a detach check: the analytic model's scoring loop
// runs ~13 % slower and a plain typed-array loop ~40 % slower (measured on Node 20).
import { register } from "tsx/esm/api";

register();
