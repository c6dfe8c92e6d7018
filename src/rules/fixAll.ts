// `--fix`: applies safe fixes pass after pass until nothing changes, since one fix can reveal or enable another.
import type { WorkspaceIndex } from '../model/workspace';
import type { Finding } from './types';
import { applySafeFixes, type RejectedFix } from './applyFixes';

/** A few passes settle every realistic chain (add a field, then tighten it); more means fixes fight. */
export const MAX_FIX_PASSES = 4;

export interface FixAllOutcome {
  /** Original and final text of every changed or created file (`created`: it did not exist before). */
  changes: Map<string, { before: string; after: string; created: boolean }>;
  applied: number;
  passes: number;
  /** Safe fixes left out because they would break their file, once each. */
  rejected: RejectedFix[];
}

/**
 * Lints, applies the safe fixes to the index's texts in memory, and lints again until a pass changes
 * nothing. Nothing is written: the caller writes `after` texts or prints them as a diff.
 */
export function fixAll(index: WorkspaceIndex, lintFindings: (index: WorkspaceIndex) => readonly Finding[]): FixAllOutcome {
  const changes = new Map<string, { before: string; after: string; created: boolean }>();
  const rejected = new Map<string, RejectedFix>();
  let applied = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    passes++;
    const outcome = applySafeFixes(lintFindings(index), (file) => index.files.get(file)?.text ?? '');
    for (const r of outcome.rejected) rejected.set(`${r.file}:${r.line}:${r.ruleId}:${r.title}`, r);
    if (outcome.changes.size === 0) break;
    applied += outcome.applied;
    for (const [file, { before, after }] of outcome.changes) {
      const first = changes.get(file);
      changes.set(file, { before: first?.before ?? before, after, created: first?.created ?? !index.files.has(file) });
      index.setFile(file, after);
    }
  }
  for (const [file, { before, after }] of changes) if (before === after) changes.delete(file);
  return { changes, applied, passes, rejected: [...rejected.values()] };
}
