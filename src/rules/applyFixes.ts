// Applies the safe fixes of a lint result to file texts; returns new texts (the caller writes or diffs).
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Finding } from './types';
import { applyEdits, type TextEdit } from '../fix/types';

export interface FixOutcome {
  /** New text per changed file (files that do not exist yet have original ''). */
  changes: Map<string, { before: string; after: string }>;
  applied: number;
}

export function applySafeFixes(findings: readonly Finding[], readText: (file: string) => string): FixOutcome {
  const editsByFile = new Map<string, TextEdit[]>();
  let applied = 0;
  for (const f of findings) {
    const fix = f.fix?.();
    if (!fix || !fix.safe || fix.edits.length === 0) continue;
    applied++;
    for (const e of fix.edits) {
      const list = editsByFile.get(e.file) ?? [];
      list.push(e);
      editsByFile.set(e.file, list);
    }
  }
  const changes = new Map<string, { before: string; after: string }>();
  for (const [file, edits] of editsByFile) {
    const before = readText(file);
    // Two fixes appending new documents to one file at the same offset are both kept, in order.
    const merged = mergeInsertions(edits);
    const after = applyEdits(before, merged);
    if (after !== before) changes.set(file, { before, after });
  }
  return { changes, applied };
}

function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  const seen = new Set<string>();
  for (const e of edits) {
    const key = `${e.start}:${e.end}:${e.newText}`;
    if (seen.has(key)) continue; // the same edit from two findings (e.g. one default-deny for a namespace)
    seen.add(key);
    const prev = out.find((o) => o.start === e.start && o.end === e.end && o.start === o.end);
    if (prev && e.start === e.end) prev.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** A git-style unified diff (`--- a/x`, `+++ b/x`), which `git apply` and `patch -p1` accept; new files diff from /dev/null. */
export function unifiedDiff(file: string, before: string, after: string, label = file, isNew = false): string {
  const patch = createTwoFilesPatch(isNew ? '/dev/null' : `a/${label}`, `b/${label}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  return patch.replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2');
}
