// Files named by flags (--traffic, --results, --config, --output) are hostile input too: bounded reads, one-line errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

async function ztn(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1\n';

describe('files named by flags', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ztn-flags-'));
    writeFileSync(join(dir, 'ztn.yaml'), 'apiVersion: ztn.dev/v1alpha1\nkind: Workspace\nmaxFileBytes: 4096\n');
    writeFileSync(join(dir, 'web.yaml'), DEPLOYMENT);
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    writeFileSync(join(dir, 'huge.txt'), 'x'.repeat(5000));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string[], RegExp][] = [
    ['simulate --traffic FIFO', ['simulate', '.', '--traffic', 'pipe.txt'], /^ztn simulate: --traffic: cannot read pipe.txt: not a regular file \(a FIFO\)\n$/],
    [
      'simulate --traffic /dev/zero link',
      ['simulate', '.', '--traffic', 'zero.txt'],
      /^ztn simulate: --traffic: cannot read zero.txt: not a regular file \(a character device\)\n$/,
    ],
    [
      'simulate --traffic over maxFileBytes',
      ['simulate', '.', '--traffic', 'huge.txt'],
      /^ztn simulate: --traffic: cannot read huge.txt: file is 5000 bytes, over the limit of 4096; raise 'maxFileBytes' in ztn.yaml to read it\n$/,
    ],
    ['graph --traffic FIFO', ['graph', '.', '--traffic', 'pipe.txt'], /^ztn graph: --traffic: cannot read pipe.txt: not a regular file \(a FIFO\)\n$/],
    [
      'graph --results /dev/zero link',
      ['graph', '.', '--results', 'zero.txt'],
      /^ztn graph: --results: cannot read zero.txt: not a regular file \(a character device\)\n$/,
    ],
    ['lint --config FIFO', ['lint', '.', '--config', 'pipe.txt'], /^ztn lint: .*pipe\.txt:1:1: cannot read: not a regular file \(a FIFO\)\n$/],
    [
      'netpol --config /dev/zero link',
      ['netpol', '.', '--config', 'zero.txt'],
      /^ztn netpol: .*zero\.txt:1:1: cannot read: not a regular file \(a character device\)\n$/,
    ],
  ];
  for (const [name, args, err] of cases) {
    it(`${name}: exit 2, one line`, async () => {
      const r = await ztn(dir, ...args);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, err);
    });
  }

  it('a ztn.yaml found by the upward search that is a FIFO: exit 2, not a hang', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    writeFileSync(join(sub, 'web.yaml'), DEPLOYMENT);
    execFileSync('mkfifo', [join(sub, 'ztn.yml')]);
    const r = await ztn(sub, 'lint', '.');
    assert.equal(r.code, 2);
    assert.match(r.err, /ztn\.yml:1:1: cannot read: not a regular file \(a FIFO\)\n$/);
  });

  // Each level refers to the one above nine times: 9^6 expansions, far past any bound.
  const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`)];
  const nested = (lines: string[]) => lines.map((l) => `  ${l}\n`).join('');

  it('an alias bomb in ztn.yaml: exit 2 at the first alias, not an internal error', async () => {
    writeFileSync(join(dir, 'ztn.yaml'), `apiVersion: ztn.dev/v1alpha1\nkind: Workspace\nmetadata:\n${nested(ALIAS_BOMB)}`);
    const r = await ztn(dir, 'lint', '.');
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^ztn lint: .*ztn\.yaml:5:10: YAML aliases expand more than 100 times \(an alias bomb\?\); not read\n$/);
  });

  it('an alias bomb in a traffic or results file: exit 2 with file:line', async () => {
    writeFileSync(
      join(dir, 'traffic.yaml'),
      `apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\nx:\n${nested(ALIAS_BOMB)}calls:\n  - { from: shop/web, to: web.shop:80 }\n`,
    );
    writeFileSync(join(dir, 'results.yaml'), `x:\n${nested(ALIAS_BOMB)}calls: []\n`);
    for (const [args, at] of [
      [['simulate', 'web.yaml', '--traffic', 'traffic.yaml'], 'traffic.yaml:5:10'],
      [['graph', 'web.yaml', '--traffic', 'traffic.yaml'], 'traffic.yaml:5:10'],
      [['graph', 'web.yaml', '--results', 'results.yaml'], 'results.yaml:3:10'],
    ] as const) {
      const r = await ztn(dir, ...args);
      assert.equal(r.code, 2, r.err);
      assert.ok(r.err.includes(`${at}: YAML aliases expand more than 100 times`), r.err);
    }
  });
});
