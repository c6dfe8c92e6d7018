// examples/ end to end through the CLI, as the walkthrough runs it: generate the traffic file, up, verify it, down;
// what the sandbox leaves in a git work tree, and a replay after the manifests changed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/cli/main';
import type { Io } from '../../../../src/cli/usage';

const EXAMPLES = join(__dirname, '..', '..', '..', '..', 'examples');

function walk(d: string): string[] {
  if (!existsSync(d)) return [];
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
}

describe('examples/ in the local sandbox with the generated traffic file', function () {
  this.timeout(120_000);
  let dir: string;

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: Io = { out: (t) => (out += t), err: (t) => (err += t), cwd: dir };
    const code = await main(args, io);
    return { code, out, err };
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ztn-examples-'));
    cpSync(EXAMPLES, dir, { recursive: true, filter: (src) => !src.includes('.ztn') });
  });

  after(async () => {
    await cli(['sandbox', 'down', '.']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies every generated call: the wire agrees with the prediction and the expectation', async () => {
    const traffic = await cli(['sandbox', 'traffic', '.', '--output', 'generated.yaml']);
    assert.equal(traffic.code, 0, traffic.err);
    assert.match(traffic.err, /\d+ call\(s\) the local sandbox can replay/);
    const up = await cli(['sandbox', 'up', '.']);
    assert.equal(up.code, 0, up.err);
    const verify = await cli(['sandbox', 'verify', '.', '--traffic', 'generated.yaml', '--concurrency', '8']);
    assert.equal(verify.code, 0, verify.out);
    assert.match(verify.out, /(\d+) call\(s\): \1 passed, 0 disagree with the engine, 0 expectation\(s\) failed/);
    assert.match(verify.out, /verification passed/);
  });

  it('ignores its folder in git: nothing under .ztn/ is untracked, keys are 0600', () => {
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    assert.equal(
      readFileSync(join(dir, '.ztn', '.gitignore'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .join(),
      '*',
    );
    const untracked = git('status', '--porcelain', '--untracked-files=all').stdout;
    assert.ok(!/\.ztn\//.test(untracked), untracked);
    const keys = walk(join(dir, '.ztn')).filter((f) => f.endsWith('key.pem'));
    assert.ok(keys.length > 0);
    for (const k of keys) assert.equal(statSync(k).mode & 0o777, 0o600, k);
  });

  it('refuses to replay once the manifests changed (exit 2, stale), replays with --allow-stale', async () => {
    const same = await cli(['sandbox', 'replay', '.', '--traffic', 'generated.yaml', '--concurrency', '8']);
    assert.equal(same.code, 0, same.err);
    const manifest = join(dir, 'clusters', 'east', 'shop.yaml');
    const manifests = walk(join(dir, 'clusters')).filter((f) => f.endsWith('.yaml'));
    appendFileSync(existsSync(manifest) ? manifest : manifests[0], '\n# edited after up\n');
    const stale = await cli(['sandbox', 'replay', '.', '--traffic', 'generated.yaml']);
    assert.equal(stale.code, 2);
    assert.match(stale.err, /sandbox is stale: started from other manifests or another ztn\.yaml; run `ztn sandbox down` and `ztn sandbox up`/);
    const again = await cli(['sandbox', 'up', '.']);
    assert.equal(again.code, 0, again.err);
    assert.match(again.err, /the running sandbox was started from other manifests \(stale\)/);
    const anyway = await cli(['sandbox', 'verify', '.', '--traffic', 'generated.yaml', '--allow-stale', '--concurrency', '8']);
    assert.equal(anyway.code, 0, anyway.out);
  });

  it('down leaves no .ztn/ folder behind', async () => {
    const down = await cli(['sandbox', 'down', '.']);
    assert.equal(down.code, 0, down.err);
    assert.ok(!existsSync(join(dir, '.ztn')), walk(join(dir, '.ztn')).join(', '));
  });
});
