// An ESLint-style rule tester: tables of manifests that must pass, and ones that must fire (and fix).
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/config/load';
import type { WorkspaceConfig } from '../../src/model/config';
import { applyEdits } from '../../src/fix/types';
import { WorkspaceIndex } from '../../src/model/workspace';
import { lint } from '../../src/rules/engine';
import { ALL_RULES } from '../../src/rules/registry';
import { PARSE_ERROR } from '../../src/rules/tool';
import type { Finding, Rule } from '../../src/rules/types';

export const MAIN_FILE = '/virtual/manifest.yaml';

export interface ValidCase {
  name?: string;
  code: string;
  /** Other files of the workspace, by path, for cross-file context. */
  files?: Record<string, string>;
  config?: Partial<WorkspaceConfig>;
}

export interface ExpectedFinding {
  /** 1-based, as `ztn lint` prints. */
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The message in full, or a pattern of the part that matters; every expected finding states one. */
  message: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /**
   * Main file text after applying every fix of the rule's findings. Required when any finding here
   * offers a fix; omitting it asserts that none does.
   */
  output?: string;
}

function indexFor(c: ValidCase, mainText = c.code): WorkspaceIndex {
  const config = { ...defaultConfig('/virtual'), ...c.config };
  const index = new WorkspaceIndex(config);
  index.setFile(c.name?.endsWith('.json') ? MAIN_FILE.replace('.yaml', '.json') : MAIN_FILE, mainText);
  for (const [path, text] of Object.entries(c.files ?? {})) index.setFile(path, text);
  return index;
}

/** The rule's findings in a workspace whose files must parse (unless the rule is the parse check itself). */
export function lintWithRule(rule: Rule, index: WorkspaceIndex): Finding[] {
  // The tool's own rules (pillar 00) report on input and on suppressions of the other rules: run them all.
  const result = lint(index, { rules: rule.meta.pillar === 0 ? ALL_RULES : [rule] });
  if (rule.meta.id !== PARSE_ERROR) {
    const parse = result.findings.filter((f) => f.ruleId === PARSE_ERROR);
    assert.deepEqual(
      parse.map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`),
      [],
      'fixture must parse',
    );
  }
  return result.findings.filter((f) => f.ruleId === rule.meta.id);
}

export function lintCase(rule: Rule, c: ValidCase, mainText = c.code): { findings: Finding[]; index: WorkspaceIndex } {
  const index = indexFor(c, mainText);
  return { findings: lintWithRule(rule, index), index };
}

/** Edits of the finding's fix in `file`; none when the finding offers no fix there. */
function fixEdits(f: Finding, file: string) {
  return (f.fix?.()?.edits ?? []).filter((e) => e.file === file);
}

export function ruleTester(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.id} ${rule.meta.title}`, () => {
    cases.valid.forEach((raw, i) => {
      const c = typeof raw === 'string' ? { code: raw } : raw;
      it(`valid #${i}${c.name ? ` ${c.name}` : ''}`, () => {
        const { findings } = lintCase(rule, c);
        assert.deepEqual(
          findings.map((f) => `${f.range.start.line + 1}:${f.message}`),
          [],
        );
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i}${c.name ? ` ${c.name}` : ''}`, () => {
        const { findings, index } = lintCase(rule, c);
        const main = [...index.files.keys()][0];
        const inMain = findings.filter((f) => f.file === main);
        assert.equal(
          inMain.length,
          c.errors.length,
          `expected ${c.errors.length} findings, got: ${inMain.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`).join(' | ')}`,
        );
        c.errors.forEach((e, j) => {
          const f = inMain[j];
          assert.equal(f.range.start.line + 1, e.line, `finding ${j} line (${f.message})`);
          if (e.column !== undefined) assert.equal(f.range.start.character + 1, e.column, `finding ${j} column`);
          if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `finding ${j} end line`);
          if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `finding ${j} end column`);
          assert.ok(e.message !== undefined, `finding ${j}: state its message (got: ${f.message})`);
          if (typeof e.message === 'string') assert.equal(f.message, e.message);
          else assert.match(f.message, e.message);
        });
        if (!rule.meta.fixable) {
          const offered = findings.filter((f) => f.fix?.() !== undefined);
          assert.deepEqual(
            offered.map((f) => f.message),
            [],
            'meta.fixable is false, yet these findings offer a fix',
          );
        }
        if (rule.meta.fixNeedsReview) {
          const safe = findings.filter((f) => f.fix?.()?.safe);
          assert.deepEqual(
            safe.map((f) => f.message),
            [],
            'meta.fixNeedsReview is true, yet these findings offer a safe fix',
          );
        }
        if (c.output === undefined) {
          const offered = inMain.filter((f) => fixEdits(f, main).length > 0);
          assert.deepEqual(
            offered.map((f) => f.message),
            [],
            'these findings offer a fix: state the expected output',
          );
        } else {
          const edits = inMain.flatMap((f) => fixEdits(f, main));
          assert.ok(edits.length > 0, 'expected a fix');
          const fixed = applyEdits(index.files.get(main)!.text, edits);
          assert.equal(fixed, c.output);
          // Re-lint the fixed text: the finding is gone and nothing new breaks.
          const again = lintCase(rule, c, fixed).findings.filter((f) => f.file === main);
          assert.deepEqual(
            again.map((f) => f.message),
            [],
            'finding must be gone after the fix',
          );
        }
      });
    });
    if (rule.meta.fixable) {
      it('fixable: some case shows the fixed output', () => {
        assert.ok(
          cases.invalid.some((c) => c.output !== undefined),
          'meta.fixable is true: add an invalid case with its output',
        );
      });
    }
  });
}
