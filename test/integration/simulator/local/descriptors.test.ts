// Long replays leave no descriptor behind: every kind of call, the denied ones through the east-west gateway included.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { replayCalls } from '../../../../simulator/local/replay';
import type { SandboxRuntime } from '../../../../simulator/local/runtime';
import { DENIED_ACROSS_GATEWAY, fixtureDenyingAdmin, fixtureMesh, fixtureTraffic, startRuntime } from './fixture';

const openDescriptors = () => readdirSync('/proc/self/fd').length;

describe('sandbox descriptors over a long replay', function () {
  this.timeout(120_000);
  let dir: string;
  let runtime: SandboxRuntime | undefined;

  before(function () {
    if (!existsSync('/proc/self/fd')) this.skip(); // no procfs: nothing to count
    dir = fixtureDenyingAdmin('ztn-fd-');
  });
  after(async () => {
    await runtime?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('returns to its baseline after denied calls through the east-west gateway and every other kind', async () => {
    runtime = await startRuntime({}, fixtureMesh(dir));
    const calls = [...fixtureTraffic().calls, DENIED_ACROSS_GATEWAY];
    // Warm up: the pools and listeners every kind of call opens once.
    await replayCalls(runtime, { calls, concurrency: 1 });
    const baseline = openDescriptors();
    const { observations } = await replayCalls(runtime, { calls: Array.from({ length: 20 }, () => calls).flat(), concurrency: 4 });
    assert.ok(
      observations.some((o) => o.verdict === 'denied-by-authorization' && o.hops.some((h) => h.startsWith('gateway'))),
      'denied calls crossed the gateway',
    );
    // Closed connections finish closing on the event loop: give them a few turns, not a wall-clock bound.
    for (let i = 0; i < 50 && openDescriptors() > baseline + 8; i++) await new Promise((r) => setTimeout(r, 20));
    // 220 calls, 20 of them denied through the gateway (each leaked a descriptor before): pooled connections may differ a little.
    assert.ok(openDescriptors() <= baseline + 8, `descriptors ${openDescriptors()} against a baseline of ${baseline}`);
  });
});
