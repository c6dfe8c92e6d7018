// Checks a pillar's rule docs: the four sections exist, the bad example fires and the good example does not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspaceConfig } from '../../../../src/model/config';
import type { Rule } from '../../../../src/rules/types';
import { lintCase } from '../../../helpers/ruleTester';

const DOCS = join(__dirname, '..', '..', '..', '..', 'docs', 'rules');

function exampleAfter(doc: string, heading: string): string {
  const at = doc.indexOf(`## ${heading}`);
  assert.ok(at >= 0, `missing section "${heading}"`);
  const m = /```ya?ml\n([\s\S]*?)```/.exec(doc.slice(at));
  assert.ok(m, `no yaml block under "${heading}"`);
  return m[1];
}

export function docsExamples(rules: readonly Rule[], configs: Record<string, Partial<WorkspaceConfig>> = {}): void {
  describe(`rule docs of pillar ${String(rules[0].meta.pillar).padStart(2, '0')}`, () => {
    for (const rule of rules) {
      const id = rule.meta.id;
      it(`${id}: sections present, bad example fires, good example passes`, () => {
        const doc = readFileSync(join(DOCS, `${id}.md`), 'utf8');
        assert.ok(doc.startsWith(`# ${id}: ${rule.meta.title}\n`), 'title line matches the rule meta');
        for (const section of ['## Why', '## Bad example', '## Good example', '## Fix']) assert.ok(doc.includes(section), section);
        const config = configs[id];
        assert.ok(lintCase(rule, { code: exampleAfter(doc, 'Bad example'), config }).findings.length > 0, 'bad example must fire');
        const good = lintCase(rule, { code: exampleAfter(doc, 'Good example'), config }).findings;
        assert.deepEqual(good.map((f) => f.message), [], 'good example must pass');
      });
    }
  });
}
