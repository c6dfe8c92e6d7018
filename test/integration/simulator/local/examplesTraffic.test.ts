// examples/ end to end through the CLI, as the walkthrough runs it: generate the traffic file, up, verify it, down.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/cli/main';
import type { Io } from '../../../../src/cli/usage';

const EXAMPLES = join(__dirname, '..', '..', '..', '..', 'examples');

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
    const down = await cli(['sandbox', 'down', '.']);
    assert.equal(down.code, 0, down.err);
  });
});
