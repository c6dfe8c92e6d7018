// Which file a separately started piece of code is loaded from: a bundle in dist/, or its source under tsx.
import assert from 'node:assert/strict';
import { codeFile } from '../../../src/model/codeFile';

describe('codeFile', () => {
  it('picks the bundle next to the running bundle', () => {
    assert.deepEqual(codeFile('/opt/ztn/dist/cli.js', 'kind/engine.ts', 'sandbox-kind.js'), { path: '/opt/ztn/dist/sandbox-kind.js', typescript: false });
  });

  it('picks the TypeScript source next to the calling module under tsx', () => {
    assert.deepEqual(codeFile('/repo/simulator/registry.ts', 'kind/engine.ts', 'sandbox-kind.js'), {
      path: '/repo/simulator/kind/engine.ts',
      typescript: true,
    });
  });
});
