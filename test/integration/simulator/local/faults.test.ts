// Faults on real sockets: certificate rotation under load, a listener that dies, an expired certificate,
// port exhaustion and timeouts are reported as such, and no call ever hangs.
import assert from 'node:assert/strict';
import { replayCalls } from '../../../../simulator/local/replay';
import type { SandboxRuntime } from '../../../../simulator/local/runtime';
import { fixtureCall, startRuntime } from './fixture';

describe('local sandbox faults', function () {
  this.timeout(30_000);
  let runtime: SandboxRuntime | undefined;
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
  });

  it('rotates certificates before they expire while traffic flows, with no failed call', async () => {
    runtime = await startRuntime({ certLifetimeMs: 4_000 });
    const cart = runtime.ctx.identities.get('east/shop/cart')!;
    const firstSerial = cart.certificate.serialNumber;
    const calls = Array.from({ length: 8 }, () => fixtureCall('frontend-to-cart'));
    const deadline = Date.now() + 5_000;
    const results = [];
    // Keep calling across several lifetimes: each certificate is replaced at half its lifetime.
    while (Date.now() < deadline) results.push(...(await replayCalls(runtime, { calls, concurrency: 4 })).observations);
    const failed = results.filter((o) => o.verdict !== 'allowed');
    assert.deepEqual(
      failed.map((o) => o.error),
      [],
      `${failed.length} of ${results.length} calls failed during rotation`,
    );
    assert.ok(cart.rotations >= 1, `cart rotated ${cart.rotations} times`);
    assert.notEqual(cart.certificate.serialNumber, firstSerial);
    assert.ok(cart.certificate.notAfter.getTime() > Date.now(), 'the current certificate is valid');
  });

  it('reports a listener that dies mid-replay as listener-died, and the calls before it as allowed', async () => {
    runtime = await startRuntime();
    const calls = Array.from({ length: 6 }, () => fixtureCall('frontend-to-cart'));
    const { observations } = await replayCalls(runtime, { calls, faults: [{ kind: 'kill-listener', workload: 'east/shop/cart', port: 8080, afterCalls: 3 }] });
    assert.deepEqual(observations.map((o) => o.verdict).slice(0, 3), ['allowed', 'allowed', 'allowed']);
    for (const o of observations.slice(3)) {
      assert.equal(o.fault, 'listener-died');
      assert.equal(o.outcome, 'refused');
      assert.match(o.error ?? '', /ECONNREFUSED/);
    }
    assert.equal(runtime.status().workloads.find((w) => w.id === 'east/shop/cart')!.ports[0].running, false);
  });

  it('reports an expired server certificate as certificate-expired on a failed handshake', async () => {
    runtime = await startRuntime();
    const { observations } = await replayCalls(runtime, {
      calls: [fixtureCall('frontend-to-cart'), fixtureCall('frontend-to-cart')],
      faults: [{ kind: 'expire-certificate', workload: 'east/shop/cart', afterCalls: 1 }],
    });
    assert.equal(observations[0].verdict, 'allowed');
    assert.equal(observations[1].fault, 'certificate-expired');
    assert.equal(observations[1].outcome, 'tls-failed');
    assert.match(observations[1].error ?? '', /expired/i);
  });

  it('reports an expired client certificate as certificate-expired (the server refuses it)', async () => {
    runtime = await startRuntime();
    const { observations } = await replayCalls(runtime, {
      calls: [fixtureCall('frontend-to-cart')],
      faults: [{ kind: 'expire-certificate', workload: 'east/shop/frontend' }],
    });
    assert.equal(observations[0].fault, 'certificate-expired');
    assert.notEqual(observations[0].verdict, 'allowed');
  });

  it('reports source port exhaustion as such when callers may bind only one port', async () => {
    runtime = await startRuntime();
    const calls = Array.from({ length: 6 }, () => fixtureCall('frontend-to-cart'));
    const { observations } = await replayCalls(runtime, { calls, concurrency: 6, faults: [{ kind: 'port-exhaustion', sourcePorts: 1 }] });
    const exhausted = observations.filter((o) => o.fault === 'port-exhaustion');
    assert.ok(exhausted.length >= 1, `faults: ${observations.map((o) => o.fault ?? o.verdict).join(', ')}`);
    for (const o of exhausted) assert.match(o.error ?? '', /EADDRINUSE|EADDRNOTAVAIL/);
  });

  it('times out every call that does not finish in time, never hanging', async () => {
    runtime = await startRuntime();
    const { observations } = await replayCalls(runtime, {
      calls: Array.from({ length: 4 }, () => fixtureCall('frontend-to-payments-cross-network')),
      concurrency: 4,
      timeoutMs: 1,
    });
    for (const o of observations) {
      assert.equal(o.outcome, 'timeout');
      assert.equal(o.fault, 'timeout');
    }
  });
});
