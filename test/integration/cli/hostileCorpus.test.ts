// The hostile-input corpus (test/fixtures/hostile/) through lint, simulate --matrix, netpol and graph: each ends (exit 0, 1 or 2, never 3) in bounded time and memory.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeHostileEntries, type HostileEntries } from '../../helpers/hostileEntries';

const CORPUS = join(__dirname, '../../fixtures/hostile');
/** Control characters (a newline excepted), as the text outputs must never print them raw. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
/** Memory a run may add: the corpus is a few megabytes; reading a device or expanding a bomb would take gigabytes. */
const MAX_RSS_GROWTH = 512 * 1024 * 1024;

/** What is too big to commit or cannot be committed, written into the copy at run time. */
function writeGenerated(dir: string): void {
  const value = (text: string) => JSON.stringify(text);
  // Values of a quarter megabyte (the old e-mail pattern took 21 s on 128 KB): runs of letters and digits, '@' and '://' repeated (what made the old patterns quadratic), a card-like run.
  writeFileSync(
    join(dir, 'huge-values.yaml'),
    [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: huge, namespace: hostile }\ndata:',
      `  letters: ${value('a1'.repeat(128 * 1024))}`,
      `  ats: ${value('a@'.repeat(64 * 1024))}`,
      `  urls: ${value('x://a:'.repeat(24 * 1024))}`,
      `  digits: ${value('4 '.repeat(64 * 1024))}`,
      '---',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: env, namespace: hostile }\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: c:1\n          env:',
      `            - { name: DB_PASSWORD, value: ${value('a,'.repeat(64 * 1024))} }`,
      `          args: [${value('-'.repeat(128 * 1024))}]`,
    ].join('\n') + '\n',
  );
  // Nesting thousands deep, as flow collections and as block maps.
  const depth = 2000;
  writeFileSync(
    join(dir, 'deep-flow.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: deep, namespace: hostile }\ndata:\n  x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
  );
  writeFileSync(
    join(dir, 'deep-block.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: deeper, namespace: hostile }\nnested:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} v\n`,
  );
  // Three thousand ztn-ignore comments in a row and two thousand empty documents.
  writeFileSync(
    join(dir, 'comments.yaml'),
    `${'# ztn-ignore ZT0101: because\n'.repeat(3_000)}apiVersion: v1\nkind: Namespace\nmetadata: { name: commented }\n`,
  );
  writeFileSync(join(dir, 'documents.yaml'), '---\n'.repeat(2_000));
  // Over the size limit (default 5 MiB): skipped without being read.
  writeFileSync(join(dir, 'too-big.yaml'), `# ${'x'.repeat(6 * 1024 * 1024)}\n`);
  // A traffic file whose path meets the VirtualService regex of policies.yaml.
  writeFileSync(
    join(dir, 'traffic.yaml'),
    `apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - { from: hostile/web, to: "svc.hostile:80", path: ${value('/' + 'a'.repeat(100_000) + '!')}, headers: { x: ${value('a'.repeat(10_000))} } }\n`,
  );
}

describe('hostile input corpus', function () {
  this.timeout(120_000);
  let base: string;
  let dir: string;
  let entries: HostileEntries;
  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'ztn-hostile-'));
    dir = join(base, 'repo');
    cpSync(CORPUS, dir, { recursive: true });
    writeFileSync(join(base, 'outside.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: { name: outside }\n');
    writeGenerated(dir);
    entries = await makeHostileEntries(dir, join(base, 'outside.yaml'));
  });
  after(async () => {
    await entries.close();
    rmSync(base, { recursive: true, force: true });
  });

  const runs: string[][] = [
    ['lint', '.', '--format', 'text'],
    ['lint', '.', '--format', 'json'],
    ['lint', '.', '--format', 'sarif'],
    ['lint', '.', '--fix-dry-run'],
    ['simulate', '.', '--matrix'],
    ['simulate', '.', '--traffic', 'traffic.yaml', '--format', 'json'],
    ['netpol', '.'],
    ['graph', '.', '--format', 'json'],
  ];
  for (const args of runs) {
    it(`ztn ${args.join(' ')}: ends with 0, 1 or 2, in bounded memory`, async () => {
      const rss = process.memoryUsage().rss;
      let out = '';
      let err = '';
      const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
      const growth = process.memoryUsage().rss - rss;
      assert.ok([0, 1, 2].includes(code), `exit ${code}: ${err}`);
      assert.doesNotMatch(err, /internal error/);
      assert.ok(growth < MAX_RSS_GROWTH, `rss grew by ${Math.round(growth / 1e6)} MB`);
      if (args.includes('text') || args[0] === 'netpol') assert.doesNotMatch(out, RAW_CONTROL);
    });
  }

  it('lint names every entry it left out and still lints the rest', async () => {
    let out = '';
    await main(['lint', '.', '--format', 'json', '--fail-on', 'never'], { out: (t) => (out += t), err: () => undefined, cwd: dir });
    const findings = JSON.parse(out).findings as { ruleId: string; file: string; message: string }[];
    const skipped = new Map(findings.filter((f) => f.ruleId === 'ZT0002').map((f) => [f.file, f.message]));
    for (const [path, pattern] of entries.expected) assert.match(skipped.get(path) ?? '(no notice)', pattern, path);
    for (const path of ['binary.yaml', 'template.yaml', 'too-big.yaml']) assert.ok(skipped.has(path), path);
    assert.ok(findings.some((f) => f.file === 'alias-bomb.yaml' && f.ruleId === 'ZT0001' && /alias/i.test(f.message)));
    assert.ok(
      findings.some((f) => f.file === 'merge-keys.yaml' && f.ruleId !== 'ZT0002'),
      'the merge-key file is linted',
    );
  });
});
