// A fix is a set of text edits computed from YAML nodes, so everything it does not touch stays byte-identical.

export interface TextEdit {
  /** File the edit applies to (may be a new file: then start = end = 0 and the file does not exist yet). */
  file: string;
  /** Offsets in the current text: [start, end). */
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Preferred fixes are safe to apply without review (VS Code "preferred" quick-fix, `ztn lint --fix`). */
  safe: boolean;
}

/** Applies non-overlapping edits for one file's text; later offsets first so earlier ones stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const e of sorted) {
    if (e.end > lastStart) continue; // overlapping edit: keep the first, the next lint run offers the other
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}
