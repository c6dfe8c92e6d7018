// Patterns that run on manifest text stay linear: every regex literal of the engine is checked for super-linear backtracking (scslre), deterministically.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyse } from 'scslre';
import ts from 'typescript';
import { metadataName } from '../../../src/model/render';
import { backtrackingRisk, fullMatchRegex } from '../../../src/model/userRegex';
import { hostsInValue } from '../../../src/graph/references';
import { bracketedNames, namespaceMatches, serviceAccountIdMatches } from '../../../src/policy/authorization/matchers';
import { countCardNumbers, distinctEmails } from '../../../src/rules/dlp/sensitiveData';
import { secretKind } from '../../../src/rules/secrets/secretPatterns';
import { MAX_SCANNED_CHARS } from '../../../src/rules/scanLimit';
import { parseIgnoreComment } from '../../../src/rules/suppression';

const REPO = join(__dirname, '../../..');
/** The layers whose code reads manifests, ztn.yaml, traffic and results files. */
const ENGINE = ['src/model', 'src/config', 'src/fix', 'src/rules', 'src/policy', 'src/graph', 'src/report'];

/**
 * `new RegExp(...)` sites, which no static check can read: each says why it is safe. A new one fails
 * this test until it is added here with its reason (and, where it can be built, an example to check).
 */
const DYNAMIC: Record<string, { why: string; examples?: RegExp[] }> = {
  'src/rules/secrets/secretVolumeWorldReadable.ts': { why: 'a file mode number, never text from a manifest' },
  'src/model/render.ts': {
    why: 'a kind and a name escaped as literals, anchored at line starts',
    examples: [/^kind:[ \t]*Deployment\s*$/m, /^[ \t]*name:[ \t]*["']?(web)["']?[ \t]*(#.*)?$/m],
  },
  'src/model/userRegex.ts': { why: "a manifest's own regex: V8's linear engine, or a bounded cost on bounded input (tested below)" },
  'src/policy/authorization/stringMatch.ts': {
    why: 'the pchar class of path template literals, and templates validated by pathTemplateError (one {**}, last)',
    examples: [/^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/],
  },
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

interface Site {
  file: string;
  line: number;
  regex?: RegExp;
  dynamic?: string;
}

function regexSites(): Site[] {
  const sites: Site[] = [];
  for (const file of ENGINE.flatMap((d) => sourceFiles(join(REPO, d)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const rel = relative(REPO, file);
    const visit = (node: ts.Node) => {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const end = text.lastIndexOf('/');
        sites.push({ file: rel, line, regex: new RegExp(text.slice(1, end), text.slice(end + 1)) });
      }
      if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp') sites.push({ file: rel, line, dynamic: node.getText() });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

/** What scslre finds: a repeat that can take super-linear time, within one match (Self, Trade) or across start positions (Move). */
function superLinear(regex: RegExp): string[] {
  return analyse(regex, { reportTypes: { Move: true, Self: true, Trade: true } }).reports.map((r) => r.type);
}

describe('regular expressions on manifest text', () => {
  const sites = regexSites();

  it('finds the patterns it checks', () => {
    assert.ok(sites.filter((s) => s.regex).length > 100, `${sites.length} sites`);
  });

  it('no regex literal of the engine can take super-linear time', () => {
    const bad = sites
      .filter((s) => s.regex && superLinear(s.regex).length > 0)
      .map((s) => `${s.file}:${s.line} ${s.regex} (${superLinear(s.regex!).join(', ')})`);
    assert.deepEqual(bad, [], 'make these linear: anchor them, bound their repeats, or find the start with indexOf and match from there');
  });

  it('every regex built at run time is listed with why it is safe, and its examples are linear', () => {
    const unlisted = sites.filter((s) => s.dynamic && !DYNAMIC[s.file]).map((s) => `${s.file}:${s.line} ${s.dynamic}`);
    assert.deepEqual(unlisted, []);
    for (const [file, { examples }] of Object.entries(DYNAMIC)) for (const re of examples ?? []) assert.deepEqual(superLinear(re), [], `${file}: ${re}`);
  });

  it("a manifest's own regex runs in linear time or not at all", () => {
    assert.equal(backtrackingRisk('^(?:(a|a)*)$'), 'a repeat around an alternation');
    assert.equal(backtrackingRisk('^(?:(a+)+)$'), 'a repeat inside a repeat');
    assert.equal(backtrackingRisk('^(?:.*.*.*x)$'), 'too many repeats to run without a linear-time engine');
    assert.equal(backtrackingRisk('^(?:/api/v[0-9]{1,3}/users/[a-z0-9-]{1,36})$'), undefined);
    assert.match(backtrackingRisk('^(?:(a)\\1)$') ?? '', /back-reference/);
    const attack = 'a'.repeat(100_000) + '!';
    for (const pattern of ['(a|a)*', '(a+)+', '.*.*.*.*x', '(a|aa)*b', '[a-z]{1,63}']) {
      const regex = fullMatchRegex(pattern);
      if (regex.ok) assert.equal(regex.test(attack), false, pattern);
    }
    const route = fullMatchRegex('/api/v[0-9]+/.*');
    assert.ok(route.ok && route.test('/api/v2/users') && !route.test('/web'));
  });

  // Adversarial values of a megabyte: the patterns these functions replaced took minutes on them (a 128 KB
  // value took the e-mail pattern 21 s). Linear code takes milliseconds; the suite's time-out is the bound.
  const MB = 1 << 20;
  const attacks = [
    'a'.repeat(MB),
    'a@'.repeat(MB / 2),
    'a:'.repeat(MB / 2),
    'a://'.repeat(MB / 4),
    '['.repeat(MB),
    '/ns/x'.repeat(MB / 5),
    '1 '.repeat(MB / 2),
    `# ztn-ignore a${' '.repeat(MB)}!`,
  ];
  it('every heuristic and matcher reads an adversarial megabyte in linear time', () => {
    for (const value of attacks) {
      distinctEmails(value);
      countCardNumbers(value);
      secretKind(value.slice(0, 1000), value);
      hostsInValue(value, [], 'x');
      parseIgnoreComment(value);
      metadataName(`metadata:\n  ${value}\n`);
      bracketedNames(value);
      namespaceMatches('*a*a*a*a*a*a*a*a*a*a*', value);
      serviceAccountIdMatches(`spiffe://${value}`, 'x', 'x');
    }
  });

  it(`a heuristic reads the first ${MAX_SCANNED_CHARS / 1024} KiB of a value`, () => {
    assert.equal(MAX_SCANNED_CHARS, 64 * 1024);
    const card = '4539 1488 0343 6467';
    assert.equal(countCardNumbers(`${' '.repeat(MAX_SCANNED_CHARS - card.length)}${card}`), 1);
    assert.equal(countCardNumbers(`${' '.repeat(MAX_SCANNED_CHARS)}${card}`), 0);
    const emails = Array.from({ length: 6 }, (_, i) => `user${i}@example.com`).join(' ');
    assert.equal(distinctEmails(emails), 6);
    assert.equal(distinctEmails(`${'x'.repeat(MAX_SCANNED_CHARS)} ${emails}`), 0);
  });
});
