// Generates the rule catalogue docs/rules/README.md and each doc page's header from the rules' meta (`npm run docs:rules`).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ALL_RULES } from '../src/rules/registry';
import { FILE_SKIPPED, NOT_SUPPRESSIBLE, PARSE_ERROR, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION } from '../src/rules/tool';
import { PILLARS, type Rule } from '../src/rules/types';

export const ROOT = join(__dirname, '..');
const RULES_SRC = 'src/rules';
const DOCS = 'docs/rules';

export const BEGIN_GENERATED = '<!-- generated from the rule meta by `npm run docs:rules`: do not edit down to "end generated" -->';
export const END_GENERATED = '<!-- end generated -->';

/** Where a rule lives: repository-relative paths of its module, its test table and its doc page. */
export interface RuleEntry {
  rule: Rule;
  codeFile: string;
  testFile: string;
  docFile: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const posix = (path: string) => path.split(sep).join('/');

/**
 * Every registered rule with its files. A rule's module is the one file under src/rules that writes
 * its ID as a string literal (`id: 'ZT0201'`, or the tool's `PARSE_ERROR = 'ZT0001'`); its test table
 * is test/unit/rules/<that module's folder>/<ID>.test.ts.
 */
export function ruleCatalogue(root = ROOT): RuleEntry[] {
  const modules = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, RULES_SRC))) {
    for (const [, id] of readFileSync(file, 'utf8').matchAll(/['"](ZT\d{4})['"]/g)) {
      const list = modules.get(id) ?? [];
      if (!list.includes(file)) list.push(file);
      modules.set(id, list);
    }
  }
  return ALL_RULES.map((rule) => {
    const id = rule.meta.id;
    const files = modules.get(id) ?? [];
    if (files.length !== 1) {
      const where = files.map((f) => posix(relative(root, f))).join(', ') || 'no file';
      throw new Error(`${id}: expected exactly one module under ${RULES_SRC} with the literal '${id}', found ${where}`);
    }
    const codeFile = posix(relative(root, files[0]));
    const folder = posix(relative(join(root, RULES_SRC), dirname(files[0])));
    return { rule, codeFile, testFile: `test/unit/rules/${folder}/${id}.test.ts`, docFile: `${DOCS}/${id}.md` };
  });
}

const pillarNumber = (rule: Rule) => String(rule.meta.pillar).padStart(2, '0');

function quickFix(rule: Rule): string {
  if (!rule.meta.fixable) return 'no';
  return rule.meta.fixNeedsReview ? 'yes (offered in the editor, not applied by `--fix`)' : 'yes';
}

/** How a finding of the rule is suppressed: the engine applies suppressions to findings of checks, not to its own about suppressions. */
function suppression(rule: Rule): string {
  const id = rule.meta.id;
  const off = `turn the rule off with \`rules: {${id}: {severity: off}}\` in ztn.yaml`;
  if ([UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION, NOT_SUPPRESSIBLE].includes(id))
    return `Findings about suppressions cannot be suppressed; correct or remove the suppression, or ${off}.`;
  if ([PARSE_ERROR, FILE_SKIPPED].includes(id))
    return `Suppress for a file with an \`ignore\` entry in ztn.yaml (\`{rule: ${id}, path: <glob>, reason: ...}\`), or ${off}.`;
  return (
    `Suppress with the annotation \`ztn.dev/ignore: "${id}"\` on the object, a \`# ztn-ignore ${id}: <reason>\` comment ` +
    `on the line above the finding, or an \`ignore\` entry in ztn.yaml; or ${off}.`
  );
}

export function pageHeader(rule: Rule): string {
  const { id, title, severity, pillar } = rule.meta;
  return [
    BEGIN_GENERATED,
    `# ${id}: ${title}`,
    '',
    `Pillar ${pillarNumber(rule)}, ${PILLARS[pillar]} · default severity: ${severity} · quick-fix: ${quickFix(rule)}`,
    '',
    suppression(rule),
    END_GENERATED,
    '',
  ].join('\n');
}

/** The hand-written part of a page: below the generated header, or (a page written before) below its title and pillar lines. */
export function pageBody(page: string): string {
  if (page.startsWith(`${BEGIN_GENERATED}\n`)) {
    const end = page.indexOf(`\n${END_GENERATED}\n`);
    if (end < 0) throw new Error(`"${END_GENERATED}" missing`);
    return page.slice(end + END_GENERATED.length + 2).replace(/^\n+/, '');
  }
  const at = page.search(/^## /m);
  if (!page.startsWith('# ') || at < 0) throw new Error('neither a generated header nor a "# ID: title" line before the first "## " section');
  return page.slice(at);
}

/** The body a new rule's page starts with; its examples fail the docs tests until they are written. */
const NEW_PAGE_BODY = [
  '## Why',
  'What goes wrong and for whom.',
  '',
  '## Bad example',
  '```yaml',
  '```',
  '',
  '## Good example',
  '```yaml',
  '```',
  '',
  '## Fix',
  'What to change; what the quick-fix does.',
  '',
].join('\n');

const cell = (text: string) => text.replace(/\|/g, '\\|');
const link = (text: string, target: string) => `[${cell(text)}](${target})`;

export function catalogueIndex(entries: readonly RuleEntry[]): string {
  const fromDocs = (path: string) => posix(relative(DOCS, path));
  const rows = entries.map(({ rule, codeFile, testFile, docFile }) => {
    const { id, title, severity } = rule.meta;
    const fixable = !rule.meta.fixable ? 'no' : rule.meta.fixNeedsReview ? 'in the editor' : 'yes';
    return `| ${id} | ${cell(title)} | ${pillarNumber(rule)} ${PILLARS[rule.meta.pillar]} | ${severity} | ${fixable} | ${link(codeFile.slice(RULES_SRC.length + 1), fromDocs(codeFile))} | ${link(`${id}.test.ts`, fromDocs(testFile))} | ${link(`${id}.md`, fromDocs(docFile))} |`;
  });
  return [
    "<!-- generated from the rules' meta by `npm run docs:rules`: do not edit -->",
    '# Rule catalogue',
    '',
    'Every rule of `ztn lint`, by ID: the module that implements it, its test table and its doc page.',
    'The header of each doc page is generated from the same meta; below it each page has the sections',
    '`## Why`, `## Bad example`, `## Good example` and `## Fix`. The tests lint every example: the bad',
    "example must get the rule's finding, the good example must not. An example is the `yaml` blocks of",
    'its section: whole manifests, one of them may go unnamed; a block whose first line is `# <path>.yaml`',
    'is the file at that path (e.g. `# west/gateway.yaml`), and `# ztn.yaml` is the workspace config.',
    '',
    '| ID | Title | Pillar | Severity | Fixable | Code | Test | Doc |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Every generated file (repository-relative path) with the text it should have. */
export function generatedRuleDocs(root = ROOT): Map<string, string> {
  const entries = ruleCatalogue(root);
  const out = new Map<string, string>();
  for (const { rule, docFile } of entries) {
    const path = join(root, docFile);
    let body = NEW_PAGE_BODY;
    if (existsSync(path)) {
      try {
        body = pageBody(readFileSync(path, 'utf8'));
      } catch (err) {
        throw new Error(`${docFile}: ${(err as Error).message}`, { cause: err });
      }
    }
    out.set(docFile, pageHeader(rule) + '\n' + body);
  }
  out.set(`${DOCS}/README.md`, catalogueIndex(entries));
  return out;
}

/** Generated files whose text on disk differs (or that are missing). */
export function staleRuleDocs(root = ROOT): string[] {
  const stale: string[] = [];
  for (const [path, text] of generatedRuleDocs(root)) {
    let current: string | undefined;
    try {
      current = readFileSync(join(root, path), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) stale.push(path);
  }
  return stale;
}

function main(args: string[]): number {
  if (args.includes('--check')) {
    const stale = staleRuleDocs();
    for (const path of stale) console.error(`stale: ${path}`);
    if (stale.length > 0) console.error('run `npm run docs:rules`');
    return stale.length > 0 ? 1 : 0;
  }
  const stale = new Set(staleRuleDocs());
  for (const [path, text] of generatedRuleDocs()) {
    if (!stale.has(path)) continue;
    writeFileSync(join(ROOT, path), text);
    console.log(`wrote ${path}`);
  }
  if (stale.size === 0) console.log('docs/rules is up to date');
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
