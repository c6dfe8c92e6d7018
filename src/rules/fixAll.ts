// `--fix`: applies safe fixes pass after pass until nothing changes, since one fix can reveal or enable another.
import type { WorkspaceIndex } from '../model/workspace';
import type { Finding } from './types';
import { applySafeFixes } from './applyFixes';

/** A few passes settle every realistic chain (add a field, then tighten it); more means fixes fight. */
export const MAX_FIX_PASSES = 4;

export interface FixAllOutcome {
  /** Original and final text of every changed or created file. */
  changes: Map<string, { before: string; after: string }>;
  applied: number;
  passes: number;
}

/**
 * Lints, applies the safe fixes to the index's texts in memory, and lints again until a pass changes
 * nothing. Nothing is written: the caller writes `after` texts or prints them as a diff.
 */
export function fixAll(index: WorkspaceIndex, lintFindings: (index: WorkspaceIndex) => readonly Finding[]): FixAllOutcome {
  const changes = new Map<string, { before: string; after: string }>();
  let applied = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    passes++;
    const outcome = applySafeFixes(lintFindings(index), (file) => index.files.get(file)?.text ?? '');
    if (outcome.changes.size === 0) break;
    applied += outcome.applied;
    for (const [file, { before, after }] of outcome.changes) {
      changes.set(file, { before: changes.get(file)?.before ?? before, after });
      index.setFile(file, after);
    }
  }
  for (const [file, { before, after }] of changes) if (before === after) changes.delete(file);
  return { changes, applied, passes };
}
