// Rule doc pages as tests read them: their sections, and their bad and good examples as workspaces to lint.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseAllDocuments } from 'yaml';
import { defaultConfig, parseConfig } from '../../src/config/load';
import type { WorkspaceConfig } from '../../src/model/config';
import { WorkspaceIndex } from '../../src/model/workspace';
import type { Rule } from '../../src/rules/types';
import { lintWithRule } from './ruleTester';

export const DOCS_DIR = join(__dirname, '..', '..', 'docs', 'rules');
export const SECTIONS = ['Why', 'Bad example', 'Good example', 'Fix'];

/** Where an example's files live; an example's unnamed manifest block is `manifest.yaml` there. */
export const EXAMPLE_ROOT = '/virtual';
const UNNAMED = 'manifest.yaml';
const CONFIG = 'ztn.yaml';

/**
 * An example is every ```yaml block of its section. A block whose first line is `# <path>.yaml` is
 * the file at that path (`# ztn.yaml` is the workspace config); at most one block goes unnamed.
 */
export interface DocsExample {
  /** Manifest text by absolute path under EXAMPLE_ROOT. */
  files: Record<string, string>;
  config: WorkspaceConfig;
}

const YAML_BLOCK = /^```ya?ml\n([\s\S]*?)^```$/gm;
const NAMED_BLOCK = /^# ((?:[\w.-]+\/)*[\w.-]+\.ya?ml)(?=[\s,:;]|$)/;

export function readDocPage(id: string): string {
  const path = join(DOCS_DIR, `${id}.md`);
  assert.ok(existsSync(path), `docs/rules/${id}.md is missing: \`npm run docs:rules\` starts it`);
  return readFileSync(path, 'utf8');
}

/** Text under `## heading` up to the next `## ` heading; undefined when the page has no such section. */
export function docSection(page: string, heading: string): string | undefined {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) return undefined;
  const body = page.slice(start + heading.length + 5);
  const end = body.search(/^## /m);
  return end < 0 ? body : body.slice(0, end);
}

export function docsExample(page: string, heading: string): DocsExample {
  const section = docSection(page, heading);
  assert.ok(section !== undefined, `missing section "${heading}"`);
  const files: Record<string, string> = {};
  let config = defaultConfig(EXAMPLE_ROOT);
  for (const [, text] of section.matchAll(YAML_BLOCK)) {
    const name = NAMED_BLOCK.exec(text)?.[1] ?? UNNAMED;
    const path = `${EXAMPLE_ROOT}/${name}`;
    assert.ok(!(path in files) && !(name === CONFIG && config.file), `"${heading}" has two blocks for ${name}`);
    if (name === CONFIG) config = parseConfig(path, text);
    else files[path] = text;
  }
  assert.ok(Object.keys(files).length > 0 || config.file, `no yaml block under "${heading}"`);
  return { files, config };
}

/** Documents of the example that are not whole manifests (no apiVersion or kind); ones that do not parse are left to ZT0001. */
export function fragments(example: DocsExample): string[] {
  const out: string[] = [];
  for (const [path, text] of Object.entries(example.files)) {
    parseAllDocuments(text).forEach((doc, i) => {
      if (doc.errors.length > 0 || doc.contents === null) return;
      if (!isMap(doc.contents) || !doc.get('apiVersion') || !doc.get('kind')) out.push(`${path} document ${i + 1}`);
    });
  }
  return out;
}

export function exampleIndex(example: DocsExample): WorkspaceIndex {
  const index = new WorkspaceIndex(example.config);
  for (const [path, text] of Object.entries(example.files)) index.setFile(path, text);
  return index;
}

/**
 * Every page of `rules`: the sections are there, the bad example gets the rule's finding and the
 * good example does not.
 */
export function docsExamples(rules: readonly Rule[]): void {
  describe('rule doc pages: examples', () => {
    for (const rule of rules) {
      const id = rule.meta.id;
      it(`${id}: Why, Bad example, Good example and Fix`, () => {
        const page = readDocPage(id);
        for (const heading of SECTIONS) assert.ok(docSection(page, heading) !== undefined, `${id}.md has no "## ${heading}"`);
      });
      it(`${id}: the examples are whole manifests`, () => {
        const page = readDocPage(id);
        for (const heading of ['Bad example', 'Good example'])
          assert.deepEqual(fragments(docsExample(page, heading)), [], `${heading} of ${id}.md: give apiVersion and kind`);
      });
      it(`${id}: the bad example fires`, () => {
        const findings = lintWithRule(rule, exampleIndex(docsExample(readDocPage(id), 'Bad example')));
        assert.ok(findings.length > 0, `the bad example of ${id}.md must get a ${id} finding`);
      });
      it(`${id}: the good example passes`, () => {
        const findings = lintWithRule(rule, exampleIndex(docsExample(readDocPage(id), 'Good example')));
        assert.deepEqual(
          findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`),
          [],
          `the good example of ${id}.md must get no ${id} finding`,
        );
      });
    }
  });
}
