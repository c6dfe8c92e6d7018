// Quick-fixes, "fix all" and "show docs" for findings, as plain data the code action provider turns into WorkspaceEdits.
import { applySafeFixes } from '../rules/applyFixes';
import type { TextEdit } from '../fix/types';
import { positionAt } from '../model/position';
import type { Range } from '../model/types';
import { ruleDocsUrl } from '../rules/registry';
import type { Finding } from '../rules/types';

/** A text edit in editor coordinates; `createFile` when the fix writes a file that does not exist yet. */
export interface EditData {
  file: string;
  range: Range;
  newText: string;
  createFile?: boolean;
  /** What the edit does (Fix all: the fixes in its file), shown by VS Code's refactor preview. */
  label?: string;
}

export interface ActionData {
  title: string;
  kind: 'quickfix' | 'source.fixAll.ztn';
  isPreferred: boolean;
  edits: EditData[];
  /** The finding the action resolves (quick-fixes), to attach its diagnostic. */
  finding?: Finding;
  /** Fix all: per changed file, the fixes it gets (the refactor preview lists them before anything changes). */
  summary?: { file: string; fixes: string[] }[];
}

/** Text and line starts of a file as the workspace index holds them (undefined: not indexed / does not exist). */
export type FileTexts = (file: string) => { text: string; lineStarts: number[] } | undefined;

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Findings of `file` whose range touches `range` (the cursor or selection). */
export function findingsAt(findings: readonly Finding[], file: string, range: Range): Finding[] {
  return findings.filter((f) => f.file === file && overlaps(f.range, range));
}

export function toEditData(edits: readonly TextEdit[], texts: FileTexts): EditData[] {
  return edits.map((e) => {
    const target = texts(e.file);
    if (!target) return { file: e.file, range: ZERO, newText: e.newText, createFile: true };
    return { file: e.file, range: { start: positionAt(target, e.start), end: positionAt(target, e.end) }, newText: e.newText };
  });
}

/** The rule's own quick-fix for a finding; preferred (applied by "auto fix") only when the rule says it is safe. */
export function quickFixAction(finding: Finding, texts: FileTexts): ActionData | undefined {
  let fix;
  try {
    fix = finding.fix?.();
  } catch {
    return undefined; // a fix that cannot be computed is not offered; the finding itself still shows
  }
  if (!fix || fix.edits.length === 0) return undefined;
  return { title: `${fix.title} (${finding.ruleId})`, kind: 'quickfix', isPreferred: fix.safe, edits: toEditData(fix.edits, texts), finding };
}

/**
 * Every safe fix of one file as a single edit per changed file: fixes are merged by the same code
 * `ztn lint --fix` uses, so the editor and the CLI produce the same text.
 */
export function fixAllAction(findings: readonly Finding[], file: string, texts: FileTexts): ActionData | undefined {
  const own = findings.filter((f) => f.file === file);
  const outcome = applySafeFixes(own, (f) => texts(f)?.text ?? '');
  if (outcome.changes.size === 0) return undefined;
  const fixes = fixesByFile(own, outcome.rejected);
  const edits: EditData[] = [];
  const summary: { file: string; fixes: string[] }[] = [];
  for (const [target, { before, after }] of outcome.changes) {
    const list = fixes.get(target) ?? [];
    summary.push({ file: target, fixes: list });
    const label = list.join('; ') || 'zero-trust fixes';
    const t = texts(target);
    if (!t) {
      edits.push({ file: target, range: ZERO, newText: after, createFile: true, label });
      continue;
    }
    edits.push({ file: target, range: { start: { line: 0, character: 0 }, end: positionAt(t, before.length) }, newText: after, label });
  }
  return { title: `Fix all zero-trust findings in file (${outcome.applied})`, kind: 'source.fixAll.ztn', isPreferred: false, edits, summary };
}

/** "Title (ZTppnn, line N)" of each safe fix applied, by the files its edits touch. */
function fixesByFile(findings: readonly Finding[], rejected: readonly { ruleId: string; line: number; title: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    let fix;
    try {
      fix = f.fix?.();
    } catch {
      continue;
    }
    if (!fix || !fix.safe || fix.edits.length === 0) continue;
    const line = f.range.start.line + 1;
    if (rejected.some((r) => r.ruleId === f.ruleId && r.line === line && r.title === fix.title)) continue;
    for (const target of new Set(fix.edits.map((e) => e.file))) {
      const list = out.get(target) ?? [];
      list.push(`${fix.title} (${f.ruleId}, line ${line})`);
      out.set(target, list);
    }
  }
  return out;
}

export function docsAction(ruleId: string): { title: string; url: string } {
  return { title: `Show rule documentation for ${ruleId}`, url: ruleDocsUrl(ruleId) };
}
