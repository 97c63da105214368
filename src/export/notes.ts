/**
 * What an export could not carry over: every dropped field, every approximation and every value taken from
 * the tool's own example rather than from the design, each with the value. Rendered as the README.txt
 * written beside the exported files.
 */

export interface Note {
  kind: "dropped" | "approximated" | "tool default";
  what: string;
  /** Our value (dropped, approximated) or the value written (tool default). */
  value: string;
  /** What was written instead (approximated), or the source of a tool default. */
  detail?: string;
  why?: string;
}

export class Notes {
  readonly list: Note[] = [];

  dropped(what: string, value: string, why: string): void {
    this.list.push({ kind: "dropped", what, value, why });
  }

  approximated(what: string, ours: string, written: string, why: string): void {
    this.list.push({ kind: "approximated", what, value: ours, detail: written, why });
  }

  toolDefault(what: string, value: string, source: string): void {
    this.list.push({ kind: "tool default", what, value, detail: source });
  }
}

const wrap = (text: string, indent: string): string => {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 1 + w.length > 100 - indent.length) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join("\n");
};

export interface ReadmeInput {
  title: string;
  design: string;
  files: { path: string; what: string }[];
  usage: string[];
  notes: Notes;
}

/** README.txt: what the files are, how to use them, and every note grouped by kind. */
export function readmeText(r: ReadmeInput): string {
  const out = [r.title, "=".repeat(r.title.length), "", wrap(r.design, ""), "", "Files:"];
  for (const f of r.files) out.push(`  ${f.path}`, wrap(f.what, "      "));
  out.push("", "Use:");
  for (const u of r.usage) out.push(wrap(u, "  "));
  out.push(
    "",
    "No validator of this tool runs where pimsyn was run: the files are checked against the key sets of the",
    "tool's public examples and parsed back, not executed. See docs/export.md.",
  );
  const sections: [Note["kind"], string][] = [
    ["dropped", "Dropped (the target cannot represent these; our value given)"],
    ["approximated", "Approximated (our value -> what was written)"],
    ["tool default", "Not in the design or preset: the tool's own example value was written (source given)"],
  ];
  for (const [kind, heading] of sections) {
    const notes = r.notes.list.filter((n) => n.kind === kind);
    out.push("", `${heading}:`);
    if (notes.length === 0) out.push("  (none)");
    for (const n of notes) {
      const body =
        kind === "approximated"
          ? `${n.what}: ${n.value} -> ${n.detail}${n.why ? ` (${n.why})` : ""}`
          : kind === "dropped"
            ? `${n.what}: ${n.value}${n.why ? ` (${n.why})` : ""}`
            : `${n.what} = ${n.value} (${n.detail})`;
      out.push(wrap(body, "    ").replace(/^ {4}/, "  - "));
    }
  }
  return out.join("\n") + "\n";
}
