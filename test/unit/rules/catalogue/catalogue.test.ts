// The rule catalogue as a whole: IDs, pillars and metadata agree, and every rule has its module, one test table and a doc page.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, ruleCatalogue } from '../../../../scripts/ruleDocs';
import { ALL_RULES } from '../../../../src/rules/registry';

const TESTS = join(ROOT, 'test', 'unit', 'rules');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('rule catalogue', () => {
  const entries = ruleCatalogue();

  it('IDs are unique, ZTppnn with pp the pillar', () => {
    assert.equal(new Set(ALL_RULES.map((r) => r.meta.id)).size, ALL_RULES.length);
    for (const r of ALL_RULES) assert.match(r.meta.id, new RegExp(`^ZT${String(r.meta.pillar).padStart(2, '0')}\\d\\d$`), r.meta.id);
  });

  for (let pillar = 1; pillar <= 10; pillar++) {
    const pp = String(pillar).padStart(2, '0');
    it(`pillar ${pp}: at least 6 rules, at least half of them fixable`, () => {
      const rules = ALL_RULES.filter((r) => r.meta.pillar === pillar);
      assert.ok(rules.length >= 6, `${rules.length} rules`);
      assert.ok(rules.filter((r) => r.meta.fixable).length * 2 >= rules.length, 'half fixable');
    });
  }

  for (const { rule, codeFile, testFile, docFile } of entries) {
    const id = rule.meta.id;
    it(`${id}: meta consistent, module, test table and doc page in place`, () => {
      if (rule.meta.pillar !== 0) assert.ok(rule.checkResource || rule.checkWorkspace, 'checks nothing');
      assert.ok(!rule.checkResource || (rule.meta.kinds?.length ?? 0) > 0, 'checkResource without kinds');
      assert.ok(!rule.meta.fixNeedsReview || rule.meta.fixable, 'fixNeedsReview on a rule that is not fixable');
      for (const path of [codeFile, testFile, docFile]) assert.ok(existsSync(join(ROOT, path)), `${path} is missing`);
      const table = readFileSync(join(ROOT, testFile), 'utf8');
      assert.equal(table.match(/^ruleTester\(/gm)?.length ?? 0, 1, `${testFile}: one ruleTester table`);
    });
  }

  it('test tables live only in ZTppnn.test.ts files of their rule', () => {
    const expected = new Set(entries.map((e) => e.testFile));
    const strays = testFiles(TESTS)
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => (/\/ZT\d{4}\.test\.ts$/.test(f) ? !expected.has(f) : /^ruleTester\(/m.test(readFileSync(join(ROOT, f), 'utf8'))));
    assert.deepEqual(strays, [], 'a ZTppnn.test.ts of no rule (or in another folder than its module), or a rule table outside one');
  });
});
