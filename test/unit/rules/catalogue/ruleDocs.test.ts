// The generated parts of docs/rules (each page's header, the README index) match what the rules' meta says today.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEGIN_GENERATED, END_GENERATED, generatedRuleDocs, pageBody, ROOT } from '../../../../scripts/ruleDocs';

describe('generated rule docs', () => {
  const generated = generatedRuleDocs();

  for (const [path, text] of generated) {
    it(`${path} is up to date`, () => {
      let current = '';
      try {
        current = readFileSync(join(ROOT, path), 'utf8');
      } catch {
        assert.fail(`${path} is missing: run \`npm run docs:rules\``);
      }
      assert.ok(current === text, `${path} is stale: run \`npm run docs:rules\``);
    });
  }

  it('keeps the hand-written body below the markers', () => {
    const page = `${BEGIN_GENERATED}\n# ZT9999: old title\n${END_GENERATED}\n\n## Why\ntext\n`;
    assert.equal(pageBody(page), '## Why\ntext\n');
    assert.equal(pageBody('# ZT9999: old title\n\nPillar 99\n\n## Why\ntext\n'), '## Why\ntext\n');
    assert.throws(() => pageBody(`${BEGIN_GENERATED}\n# ZT9999\n## Why\n`), /end generated/);
  });
});
