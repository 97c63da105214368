/**
 * The table shape every template renders (HTML and Markdown): header cells with units, body cells already
 * formatted as text. Every cell has every field, because templates render in strict mode.
 */

export interface Cell {
  text: string;
  /** Right-aligned numeric column. */
  num: boolean;
  /** Colour swatch drawn before the text (layer colour, component kind colour), or null. */
  swatch: string | null;
}

export interface Column {
  text: string;
  num: boolean;
  /** Tooltip on the header: how the column is computed. */
  title: string;
}

export interface Row {
  /** CSS class of the row ("highlight" for the bottleneck or the chosen run), or "". */
  cls: string;
  cells: Cell[];
}

export interface Table {
  id: string;
  caption: string;
  head: Column[];
  rows: Row[];
}

export type CellInput = string | { text: string; swatch?: string; num?: boolean };

export interface ColumnInput {
  label: string;
  unit?: string;
  num?: boolean;
  title?: string;
}

export function table(id: string, caption: string, columns: readonly ColumnInput[], rows: readonly { cls?: string; cells: readonly CellInput[] }[]): Table {
  const head = columns.map((c) => ({ text: c.unit ? `${c.label} (${c.unit})` : c.label, num: c.num ?? false, title: c.title ?? "" }));
  return {
    id,
    caption,
    head,
    rows: rows.map((r, i) => {
      if (r.cells.length !== columns.length) throw new Error(`table ${id}: row ${i} has ${r.cells.length} cells for ${columns.length} columns`);
      return {
        cls: r.cls ?? "",
        cells: r.cells.map((c, k) =>
          typeof c === "string" ? { text: c, num: head[k].num, swatch: null } : { text: c.text, num: c.num ?? head[k].num, swatch: c.swatch ?? null },
        ),
      };
    }),
  };
}

/** A label/value list (headline, design choices): value with unit and a one-line "how this is computed". */
export interface Item {
  id: string;
  label: string;
  value: string;
  unit: string;
  how: string;
}
