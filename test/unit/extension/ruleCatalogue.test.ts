// The rule catalogue: a read-only virtual markdown page whose rule IDs open the docs shipped in the .vsix.
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../src/rules/registry';
import { CATALOGUE_PATH, CATALOGUE_SCHEME, ruleCatalogueMarkdown } from '../../../src/extension/ruleCatalogue';

describe('extension: rule catalogue', () => {
  it('links every rule to the page the extension ships, through the link it is given', () => {
    const md = ruleCatalogueMarkdown(ALL_RULES, (id) => `file:///ext/docs/rules/${id}.md`);
    for (const r of ALL_RULES) assert.ok(md.includes(`| [${r.meta.id}](file:///ext/docs/rules/${r.meta.id}.md) |`), r.meta.id);
    assert.ok(!/https?:\/\//.test(md), 'no web site link');
  });

  it('is a virtual document of its own scheme (read-only: closing it never asks to save)', () => {
    assert.ok(!['file', 'untitled'].includes(CATALOGUE_SCHEME));
    assert.match(CATALOGUE_PATH, /\.md$/);
  });
});
