// Soak: a real supervisor replays tens of thousands of calls of every kind; its descriptors return to their baseline
// and every verdict agrees with the prediction. Run by `npm run test:soak` (ZTN_SOAK_CALLS to change the count).
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../../src/model/workspace';
import { resolveConfig } from '../../src/config/load';
import type { SandboxObservation, TrafficCall, TrafficReplay } from '../../src/policy/types';
import type { SandboxContext } from '../../simulator/engine';
import { LocalEngine } from '../../simulator/local/engine';
import { DENIED_ACROSS_GATEWAY, fixtureDenyingAdmin, fixtureTraffic } from '../integration/simulator/local/fixture';

const TOTAL_CALLS = Number(process.env.ZTN_SOAK_CALLS ?? 20_000);
const BATCH = 2_000;
const CONCURRENCY = 16;
/** Pooled connections may be a few more or fewer than after the warm-up. */
const DESCRIPTOR_TOLERANCE = 16;
const TIME_LIMIT_MS = 150_000;

describe('soak: a long replay through a real supervisor', function () {
  this.timeout(TIME_LIMIT_MS + 30_000);
  const engine = new LocalEngine();
  let dir: string;
  let ctx: SandboxContext;

  before(async () => {
    dir = fixtureDenyingAdmin('ztn-soak-');
    ctx = { stateDir: join(dir, '.ztn', 'sandbox', 'local'), index: loadWorkspace([dir], resolveConfig(dir)) };
    await engine.up(ctx);
  });
  after(async () => {
    await engine.down(ctx).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const descriptors = async (): Promise<number | undefined> => {
    const status = await engine.status(ctx);
    return status.engine === 'local' ? status.details.resources?.descriptors : undefined;
  };

  it(`replays ${TOTAL_CALLS} calls of every kind in batches; descriptors return to the baseline, every verdict agrees`, async function () {
    const kinds = [...fixtureTraffic().calls, DENIED_ACROSS_GATEWAY];
    const replayOf = (calls: TrafficCall[]): TrafficReplay => ({ name: 'soak', calls });
    // Warm up: every route's pool and TLS context exists once before the baseline is taken.
    const warm = await engine.replay(ctx, replayOf(kinds), { concurrency: 1 });
    const verdicts = new Set(warm.calls.map((c) => (c.observed as SandboxObservation | undefined)?.verdict));
    for (const v of ['allowed', 'denied-by-authorization', 'denied-by-network-policy', 'rejected-by-peer-authentication', 'no-route'])
      assert.ok(verdicts.has(v as SandboxObservation['verdict']), `the soak covers ${v}: ${[...verdicts].join(', ')}`);
    // And at the soak's concurrency: each concurrent call of a route pools a connection of its own.
    await engine.replay(ctx, replayOf(Array.from({ length: CONCURRENCY * 4 }, () => kinds).flat()), { concurrency: CONCURRENCY });
    const baseline = await descriptors();
    if (baseline === undefined) this.skip(); // no /proc: nothing to count

    const started = Date.now();
    let replayed = 0;
    let peak = baseline!;
    while (replayed < TOTAL_CALLS) {
      assert.ok(Date.now() - started < TIME_LIMIT_MS, `still replaying after ${TIME_LIMIT_MS} ms (${replayed} calls done)`);
      const size = Math.min(BATCH, TOTAL_CALLS - replayed);
      const calls = Array.from({ length: size }, (_, i) => kinds[(replayed + i) % kinds.length]);
      const result = await engine.replay(ctx, replayOf(calls), { concurrency: CONCURRENCY });
      const wrong = result.calls.filter((c) => c.agrees !== true || (c.caveats ?? []).some((k) => k.kind === 'sandbox-limit'));
      assert.deepEqual(
        wrong.slice(0, 5).map((c) => `${c.name}: predicted ${c.verdict}, observed ${JSON.stringify(c.observed)}`),
        [],
        `${wrong.length} of ${size} calls disagree in the batch after ${replayed}`,
      );
      replayed += size;
      peak = Math.max(peak, (await descriptors()) ?? 0);
    }
    // Closing connections finish on the supervisor's event loop: a few polls, not a fixed sleep.
    let after = await descriptors();
    for (let i = 0; i < 50 && after! > baseline! + DESCRIPTOR_TOLERANCE; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await descriptors();
    }
    console.log(`      ${replayed} calls in ${Date.now() - started} ms; descriptors ${baseline} before, peak ${peak} between batches, ${after} after`);
    assert.ok(after! <= baseline! + DESCRIPTOR_TOLERANCE, `descriptors ${after} against a baseline of ${baseline}`);
  });
});
