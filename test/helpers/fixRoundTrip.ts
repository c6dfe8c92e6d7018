// Round trip of `ztn lint --fix` over a fixture full of one pillar's problems: fix everything, re-lint with every rule.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/config/load';
import type { WorkspaceConfig } from '../../src/model/config';
import { fixAll } from '../../src/rules/fixAll';
import { WorkspaceIndex } from '../../src/model/workspace';
import { lint } from '../../src/rules/engine';
import type { Finding } from '../../src/rules/types';

export interface RoundTrip {
  before: Finding[];
  after: Finding[];
  text: string;
}

/** Lints `text` with every rule, applies all safe fixes pass after pass, and lints the result. */
export function fixRoundTrip(text: string, config: Partial<WorkspaceConfig> = {}, files: Record<string, string> = {}): RoundTrip {
  const file = '/virtual/manifest.yaml';
  const index = new WorkspaceIndex({ ...defaultConfig('/virtual'), ...config });
  index.setFile(file, text);
  for (const [path, content] of Object.entries(files)) index.setFile(path, content);
  const before = lint(index).findings;
  const outcome = fixAll(index, (i) => lint(i).findings);
  const after = lint(index).findings;
  return { before, after, text: outcome.changes.get(file)?.after ?? text };
}

/**
 * The checks the issue asks of fixes: the fixed findings are gone, the file still parses, and no
 * finding of error severity appears that was not there before.
 */
export function assertCleanRoundTrip(rt: RoundTrip, fixedIds: string[]): void {
  assert.deepEqual(
    rt.after.filter((f) => f.ruleId === 'ZT0001').map((f) => f.message),
    [],
    'fixed text must parse',
  );
  for (const id of fixedIds) {
    assert.ok(
      rt.before.some((f) => f.ruleId === id),
      `fixture should trigger ${id}`,
    );
    assert.deepEqual(
      rt.after.filter((f) => f.ruleId === id).map((f) => `${f.range.start.line + 1}: ${f.message}`),
      [],
      `${id} must be fixed`,
    );
  }
  const key = (f: Finding) => `${f.ruleId} ${f.object ?? ''}`;
  const known = new Set(rt.before.map(key));
  const newErrors = rt.after.filter((f) => f.severity === 'error' && !known.has(key(f)));
  assert.deepEqual(
    newErrors.map((f) => `${f.ruleId} ${f.message}`),
    [],
    'fixes must not create new errors',
  );
}
