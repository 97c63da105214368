/**
 * Colours for the CLI's own messages: only on a terminal (stdout or stderr a TTY), never when NO_COLOR is set,
 * always with FORCE_COLOR. picocolors' own default also colours whenever CI is set, which puts escape codes into
 * CI logs and into output a script reads.
 */
import picocolors from "picocolors";

const env = process.env;
const enabled = !("NO_COLOR" in env) && ("FORCE_COLOR" in env || process.stderr.isTTY === true || process.stdout.isTTY === true);

export const pc = picocolors.createColors(enabled);
