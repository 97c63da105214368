/**
 * What reaches the terminal. Names from user files (ONNX node names, network and layer names, values quoted in
 * errors) may hold escape sequences: an OSC can retitle the window, write the clipboard or forge a hyperlink,
 * a CSI can erase lines. Every command prints through `writeOut`/`writeErr`, which show such characters as visible
 * `\uXXXX` escapes (still valid inside JSON strings, so `--json` output keeps its meaning).
 */

// C0 controls but tab and newline, DEL, C1 controls, and the invisible format characters that reorder or hide
// text (bidi overrides and isolates, zero-width characters, byte-order mark).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// The colour codes picocolors emits (ESC [ n m): the only escape sequences pimsyn itself writes to its output.
const OWN_COLOUR = /\u001b\[\d{1,2}m/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** `text` with every unsafe character shown as a `\uXXXX` escape. For user text and error messages. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Like terminalSafe, but keeps pimsyn's own colour codes (text already coloured with picocolors). */
function keepColours(text: string): string {
  let safe = "";
  let last = 0;
  for (const m of text.matchAll(OWN_COLOUR)) {
    safe += terminalSafe(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return safe + terminalSafe(text.slice(last));
}

/** Write to stdout with unsafe characters escaped (pimsyn's colour codes kept). */
export function writeOut(text: string): void {
  process.stdout.write(keepColours(text));
}

/** Write to stderr with unsafe characters escaped (pimsyn's colour codes kept). */
export function writeErr(text: string): void {
  process.stderr.write(keepColours(text));
}
