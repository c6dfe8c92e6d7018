import assert from 'node:assert/strict';
import { withToolPaths } from '../../../../simulator/kind/toolPaths';
import type { CommandRunner } from '../../../../simulator/kind/commandRunner';

describe('kind engine: kind/istioctl paths from settings', () => {
  const seen: string[] = [];
  const fake: CommandRunner = { run: async (command, args) => (seen.push(`${command} ${args.join(' ')}`), { code: 0, stdout: '', stderr: '' }) };
  const cases: [string, string][] = [
    ['kind', '/opt/kind/bin/kind'],
    ['istioctl', '/home/me/istio-1.26/bin/istioctl'],
    ['docker', 'docker'],
    ['kubectl', 'kubectl'],
  ];
  for (const [command, expected] of cases) {
    it(`${command} runs ${expected}`, async () => {
      seen.length = 0;
      await withToolPaths(fake, { kind: '/opt/kind/bin/kind', istioctl: '/home/me/istio-1.26/bin/istioctl' }).run(command, ['version']);
      assert.deepEqual(seen, [`${expected} version`]);
    });
  }
  it('empty settings fall back to the names on PATH', async () => {
    seen.length = 0;
    await withToolPaths(fake, { kind: '', istioctl: '' }).run('kind', ['get', 'clusters']);
    assert.deepEqual(seen, ['kind get clusters']);
  });
});
