// Applies the safe fixes of a lint result to file texts; returns new texts (the caller writes or diffs).
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Finding } from './types';
import { applyEdits, type TextEdit } from '../fix/types';
import { parseYamlDocuments } from '../model/yamlDocuments';

export interface FixOutcome {
  /** New text per changed file (files that do not exist yet have original ''). */
  changes: Map<string, { before: string; after: string }>;
  applied: number;
  /** Safe fixes left out because the file would no longer parse as before, with why. */
  rejected: RejectedFix[];
}

/** A fix not applied: its file would break (not parse, or lose or gain documents it should not). */
export interface RejectedFix {
  file: string;
  ruleId: string;
  title: string;
  /** 1-based line of the finding. */
  line: number;
  reason: string;
}

interface Candidate {
  finding: Finding;
  title: string;
  edits: TextEdit[];
}

/**
 * Applies the safe fixes of `findings` to the texts `readText` gives. Every fixed text is parsed
 * again and compared with the text before (fixedTextProblem): when a file would break, the fixes
 * are tried one by one in order and each one that breaks it is left out (in every file it edits)
 * and reported in `rejected`, so --fix never writes a file that no longer parses.
 */
export function applySafeFixes(findings: readonly Finding[], readText: (file: string) => string): FixOutcome {
  const candidates: Candidate[] = [];
  for (const f of findings) {
    const fix = f.fix?.();
    if (!fix || !fix.safe || fix.edits.length === 0) continue;
    candidates.push({ finding: f, title: fix.title, edits: fix.edits });
  }
  const files = [...new Set(candidates.flatMap((c) => c.edits.map((e) => e.file)))];
  const texts = new Map(files.map((file) => [file, readText(file)]));
  const rejected = new Map<Candidate, RejectedFix>();
  const editsIn = (file: string, chosen: readonly Candidate[]) => chosen.flatMap((c) => c.edits.filter((e) => e.file === file));
  let changes = new Map<string, { before: string; after: string }>();
  for (let settled = false; !settled;) {
    settled = true;
    changes = new Map();
    for (const file of files) {
      const before = texts.get(file)!;
      const live = candidates.filter((c) => !rejected.has(c) && c.edits.some((e) => e.file === file));
      let after = applyEdits(before, mergeInsertions(editsIn(file, live)));
      if (fixedTextProblem(before, after, editsIn(file, live)) !== undefined) {
        // Some fix breaks the file: keep fixes one by one while the text stays sound.
        const kept: Candidate[] = [];
        for (const c of live) {
          const trial = [...kept, c];
          const problem = fixedTextProblem(before, applyEdits(before, mergeInsertions(editsIn(file, trial))), editsIn(file, trial));
          if (problem === undefined) kept.push(c);
          else {
            rejected.set(c, { file, ruleId: c.finding.ruleId, title: c.title, line: c.finding.range.start.line + 1, reason: problem });
            settled = false; // its edits in other files go too: compute every file again
          }
        }
        after = applyEdits(before, mergeInsertions(editsIn(file, kept)));
      }
      if (after !== before) changes.set(file, { before, after });
    }
  }
  const applied = candidates.filter((c) => !rejected.has(c)).length;
  return { changes, applied, rejected: [...rejected.values()] };
}

/** How many documents and parse errors a text has, as the linter reads it. */
function parseShape(text: string): { documents: number; errors: number; firstError?: string } {
  const docs = parseYamlDocuments(text);
  const errors = docs.flatMap((d) => d.errors);
  return {
    documents: docs.filter((d) => d.contents !== null || d.errors.length > 0).length,
    errors: errors.length,
    firstError: errors[0]?.message.split('\n')[0],
  };
}

/**
 * Why `after` is not a sound fix of `before`, or undefined: it must parse with no more errors than
 * before, and hold the same documents plus the ones the edits append (a `---` in their text).
 */
export function fixedTextProblem(before: string, after: string, edits: readonly TextEdit[]): string | undefined {
  const was = parseShape(before);
  const is = parseShape(after);
  if (is.errors > was.errors) return `the fixed file would not parse (${is.firstError})`;
  const appended = edits.reduce((n, e) => n + (e.newText.match(/^---/gm)?.length ?? 0), 0) + (was.documents === 0 && before.trim() === '' ? 1 : 0);
  if (is.documents < was.documents || is.documents > was.documents + appended) {
    return `the fixed file would have ${is.documents} document(s) instead of ${was.documents}${appended ? ` plus ${appended} new` : ''}`;
  }
  return undefined;
}

/** How deep an inserted text starts: its first line's indentation. */
const insertionDepth = (text: string) => /^(?:\r?\n)*([ \t]*)/.exec(text)![1].length;

/**
 * Two fixes inserting at one offset (the end of a nested block is also the end of the blocks around
 * it) are both kept, the deeper text first: a field of the last container before a field of the pod.
 * The same edit from two findings (one default-deny for a namespace) is kept once.
 */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  const seen = new Set<string>();
  const unique = edits.filter((e) => {
    const key = `${e.start}:${e.end}:${e.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const ordered = unique
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        a.e.start - b.e.start || a.e.end - b.e.end || (a.e.start === a.e.end ? insertionDepth(b.e.newText) - insertionDepth(a.e.newText) : 0) || a.i - b.i,
    )
    .map(({ e }) => e);
  for (const e of ordered) {
    const prev = out.find((o) => o.start === e.start && o.end === e.end && o.start === o.end);
    if (prev && e.start === e.end) prev.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** A git-style unified diff (`--- a/x`, `+++ b/x`), which `git apply` and `patch -p1` accept; new files diff from /dev/null. */
export function unifiedDiff(file: string, before: string, after: string, label = file, isNew = false): string {
  const patch = createTwoFilesPatch(isNew ? '/dev/null' : `a/${label}`, `b/${label}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
  return patch.replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2');
}
