// `ztn sandbox ... --engine kind` end to end through the CLI: the dry-run plan on stdout, and usage errors as exit 2.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../../src/cli/main';
import { FIXTURE_DIR, GOLDEN_DIR, tempStateDir } from '../../../helpers/kindFixture';

async function ztn(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: FIXTURE_DIR });
  return { code, out, err };
}

describe('ztn sandbox --engine kind', function () {
  this.timeout(20_000);

  it('up --dry-run prints the plan (the golden one) and its progress, and exits 0', async () => {
    const r = await ztn(['sandbox', 'up', '.', '--engine', 'kind', '--dry-run', '--state-dir', '/nonexistent/ztn-state/kind']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, readFileSync(join(GOLDEN_DIR, 'up-plan.txt'), 'utf8'));
    assert.match(r.err, /^checking docker, kind, kubectl and istioctl$/m);
  });

  it('verify before up exits 2 with one line', async () => {
    const state = tempStateDir();
    try {
      const r = await ztn(['sandbox', 'verify', '.', '--engine', 'kind', '--traffic', 'traffic.yaml', '--state-dir', state.dir]);
      assert.equal(r.code, 2);
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.match(r.err, /no kind sandbox in .*: run 'ztn sandbox up --engine kind' first/);
    } finally {
      state.cleanup();
    }
  });

  it('status without a sandbox says so', async () => {
    const state = tempStateDir();
    try {
      const r = await ztn(['sandbox', 'status', '.', '--engine', 'kind', '--state-dir', state.dir]);
      assert.equal(r.code, 0);
      assert.equal(r.out, `no kind sandbox is running (${state.dir})\n`);
    } finally {
      state.cleanup();
    }
  });
});
