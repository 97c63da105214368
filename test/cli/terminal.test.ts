/** What reaches the terminal: control characters from user text are shown escaped; pimsyn's own colours kept. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { terminalSafe, writeErr, writeOut } from "../../src/cli/terminal.ts";

afterEach(() => vi.restoreAllMocks());

describe("terminalSafe", () => {
  it("escapes ESC/OSC/CSI, BEL, C1 controls, DEL and bidi/zero-width characters; keeps newlines, tabs and text", () => {
    const evil = "a\u001b]0;title\u0007b\u001b[2Jc\u009b31md\u007fe\u202ef\u200bg\r";
    expect(terminalSafe(evil)).toBe("a\\u001b]0;title\\u0007b\\u001b[2Jc\\u009b31md\\u007fe\\u202ef\\u200bg\\u000d");
    expect(terminalSafe("layer 1\tconv 3×3 µs ✓\n")).toBe("layer 1\tconv 3×3 µs ✓\n");
  });

  it("every unsafe code point is escaped (exhaustive over the BMP's controls and format characters)", () => {
    for (let c = 0; c < 0x2100; c++) {
      const ch = String.fromCharCode(c);
      const unsafe = (c < 0x20 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
      expect(terminalSafe(ch) !== ch, `U+${c.toString(16)}`).toBe(unsafe);
    }
  });

  it("escapes keep JSON valid and meaning the same", () => {
    const text = JSON.stringify({ name: "x\u009b\u202e\u001b" });
    expect(JSON.parse(terminalSafe(text))).toEqual({ name: "x\u009b\u202e\u001b" });
  });

  it("writeOut/writeErr keep pimsyn's colour codes and escape everything else", () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    writeOut("\u001b[1mvgg\u001b[22m \u001b]8;;http://x\u001b\\link\n");
    writeErr("\u001b[33mwarning\u001b[39m: \u0007\n");
    expect(out).toHaveBeenCalledWith("\u001b[1mvgg\u001b[22m \\u001b]8;;http://x\\u001b\\link\n");
    expect(err).toHaveBeenCalledWith("\u001b[33mwarning\u001b[39m: \\u0007\n");
  });
});
