// Replay and Verify against a stale sandbox: the user restarts it, replays anyway, or nothing happens.
import assert from 'node:assert/strict';
import type { SandboxContext, SandboxEngine, SandboxStatus } from '../../../simulator/engine';
import { StaleSandboxError } from '../../../simulator/shared/workspaceStamp';
import type { SimulationResult, TrafficReplay } from '../../../src/policy/types';
import { REPLAY_ANYWAY, RESTART_SANDBOX, replayUnlessStale, type StaleAnswer } from '../../../src/extension/staleSandbox';

const RESULTS: SimulationResult = { calls: [], summary: { total: 0, allowed: 0, denied: 0, mtls: 0, expectationsFailed: 0 } };
const STATUS = { engine: 'local', running: true, workloads: [], details: { stateDir: '/s' } } as SandboxStatus;
const TRAFFIC: TrafficReplay = { name: 't', calls: [] } as unknown as TrafficReplay;

/** An engine whose sandbox is stale until it is restarted; it records what was asked of it. */
function staleEngine() {
  const calls: string[] = [];
  let stale = true;
  const engine = {
    name: 'local',
    servedPorts: () => new Map(),
    status: async () => STATUS,
    up: async () => {
      calls.push('up');
      stale = false;
      return STATUS;
    },
    down: async () => {
      calls.push('down');
    },
    replay: async (_ctx: SandboxContext, _t: TrafficReplay, options?: { allowStale?: boolean }) => {
      calls.push(options?.allowStale ? 'replay --allow-stale' : 'replay');
      if (stale && !options?.allowStale) throw new StaleSandboxError('sandbox is stale: started from other manifests');
      return RESULTS;
    },
  } as unknown as SandboxEngine;
  return { engine, calls };
}

describe('extension: a stale sandbox', () => {
  const ctx = { stateDir: '/s' } as SandboxContext;

  for (const [answer, expected, replayed] of [
    [RESTART_SANDBOX, ['replay', 'down', 'up', 'replay'], true],
    [REPLAY_ANYWAY, ['replay', 'replay --allow-stale'], true],
    [undefined, ['replay'], false],
  ] as [StaleAnswer, string[], boolean][]) {
    it(`answered ${answer ?? 'by dismissing'}: ${expected.join(', ')}`, async () => {
      const { engine, calls } = staleEngine();
      const asked: string[] = [];
      const outcome = await replayUnlessStale(engine, ctx, TRAFFIC, async (m) => (asked.push(m), answer));
      assert.deepEqual(calls, expected);
      assert.equal(outcome.results !== undefined, replayed);
      assert.equal(outcome.restarted !== undefined, answer === RESTART_SANDBOX);
      assert.match(asked[0], /the local sandbox is stale: it was started from other manifests/);
    });
  }

  it('a current sandbox replays without asking; other failures are not swallowed', async () => {
    const { engine, calls } = staleEngine();
    await engine.up(ctx);
    const outcome = await replayUnlessStale(engine, ctx, TRAFFIC, async () => assert.fail('asked'));
    assert.equal(outcome.results, RESULTS);
    assert.deepEqual(calls, ['up', 'replay']);
    const broken = { ...engine, replay: async () => Promise.reject(new Error('boom')) } as SandboxEngine;
    await assert.rejects(
      replayUnlessStale(broken, ctx, TRAFFIC, async () => undefined),
      /boom/,
    );
  });
});
