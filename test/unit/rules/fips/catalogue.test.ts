import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules as dlp } from '../../../../src/rules/dlp';
import { rules as fips } from '../../../../src/rules/fips';
import { rules as secrets } from '../../../../src/rules/secrets';
import { rules as visibility } from '../../../../src/rules/visibility';
import { rules as waf } from '../../../../src/rules/waf';
import type { Rule } from '../../../../src/rules/types';

const root = join(__dirname, '..', '..', '..', '..');
const PILLARS: [number, Rule[]][] = [
  [6, fips],
  [7, waf],
  [8, dlp],
  [9, secrets],
  [10, visibility],
];

describe('catalogue of pillars 06-10', () => {
  for (const [pillar, rules] of PILLARS) {
    const pp = String(pillar).padStart(2, '0');
    it(`pillar ${pp}: at least 6 rules, at least half fixable, ids and pillar consistent`, () => {
      assert.ok(rules.length >= 6, `${rules.length} rules`);
      assert.ok(rules.filter((r) => r.meta.fixable).length * 2 >= rules.length, 'half fixable');
      for (const r of rules) {
        assert.match(r.meta.id, new RegExp(`^ZT${pp}\\d\\d$`));
        assert.equal(r.meta.pillar, pillar);
        assert.ok(r.checkResource || r.checkWorkspace, `${r.meta.id} checks nothing`);
        assert.ok(!r.checkResource || (r.meta.kinds?.length ?? 0) > 0, `${r.meta.id} has checkResource but no kinds`);
      }
      assert.equal(new Set(rules.map((r) => r.meta.id)).size, rules.length, 'unique ids');
    });
    for (const r of rules) {
      it(`${r.meta.id} has a docs page with Why, Bad example, Good example and Fix`, () => {
        const page = join(root, 'docs', 'rules', `${r.meta.id}.md`);
        assert.ok(existsSync(page), page);
        const text = readFileSync(page, 'utf8');
        assert.ok(text.startsWith(`# ${r.meta.id}: ${r.meta.title}\n`), 'title line matches the rule meta');
        for (const section of ['## Why', '## Bad example', '## Good example', '## Fix']) assert.ok(text.includes(`\n${section}\n`), section);
        assert.match(text, new RegExp(`default severity: ${r.meta.severity}`));
        assert.match(text, new RegExp(`quick-fix: ${r.meta.fixable ? 'yes' : 'no'}`));
      });
    }
  }
});
