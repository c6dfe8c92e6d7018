// Pooled mTLS connections between sidecars: a call on a reused connection shows on the wire exactly what a call on a
// fresh one shows, each connection is verified at its handshake, and a changed certificate means a new handshake.
import assert from 'node:assert/strict';
import { replayCalls } from '../../../../simulator/local/replay';
import type { SandboxObservation } from '../../../../src/policy/types';
import type { SandboxRuntime } from '../../../../simulator/local/runtime';
import { fixtureCall, fixtureTraffic, startRuntime } from './fixture';

/** An observation without what legitimately differs between two calls: its latency. */
function comparable(o: SandboxObservation): Omit<SandboxObservation, 'latencyMs'> {
  const { latencyMs: _latency, ...rest } = o;
  void _latency;
  return rest;
}

describe('local sandbox connection pooling', function () {
  this.timeout(30_000);
  let runtime: SandboxRuntime;
  beforeEach(async () => {
    runtime = await startRuntime();
  });
  afterEach(async () => {
    await runtime?.stop();
  });

  it('gives the same observation on every call of the fixture traffic whether its connection is new or reused', async () => {
    const calls = fixtureTraffic().calls;
    const fresh = (await replayCalls(runtime, { calls })).observations;
    const handshakes = runtime.ctx.stats.mtlsHandshakes;
    const reused = (await replayCalls(runtime, { calls })).observations;
    calls.forEach((call, i) => assert.deepEqual(comparable(reused[i]), comparable(fresh[i]), call.name));
    // Only opaque TCP (one upstream connection per downstream one, as Envoy's TCP proxy) and refused handshakes handshake again.
    const again = runtime.ctx.stats.mtlsHandshakes - handshakes;
    const tcpOrRefused = calls.filter((c, i) => c.protocol === 'tcp' || (fresh[i].mtls && fresh[i].outcome === 'tls-failed')).length;
    assert.ok(again <= tcpOrRefused, `${again} handshakes on the second pass, at most ${tcpOrRefused} expected`);
  });

  it('sends many calls over one verified connection per caller and destination, concurrently too', async () => {
    const calls = Array.from({ length: 24 }, () => fixtureCall('frontend-to-cart'));
    const { observations } = await replayCalls(runtime, { calls, concurrency: 4 });
    for (const o of observations) {
      assert.equal(o.verdict, 'allowed', o.hops.join(' | '));
      assert.equal(o.serverIdentity, 'spiffe://cluster.local/ns/shop/sa/cart');
      assert.equal(o.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/frontend');
      assert.deepEqual(
        o.hops.map((h) => h.split(' ').slice(0, 2).join(' ')),
        ['outbound east/shop/frontend', 'inbound east/shop/cart:8080'],
      );
    }
    assert.ok(runtime.ctx.stats.mtlsHandshakes <= 4, `${runtime.ctx.stats.mtlsHandshakes} handshakes for 24 calls, 4 in flight`);
  });

  it('keeps the east-west gateway and the inbound in the hops of every call over one pooled cross-network connection', async () => {
    const calls = Array.from({ length: 5 }, () => fixtureCall('frontend-to-payments-cross-network'));
    const { observations } = await replayCalls(runtime, { calls });
    for (const o of observations) {
      assert.equal(o.verdict, 'allowed');
      assert.deepEqual(
        o.hops.map((h) => h.split(' ').slice(0, 2).join(' ')),
        ['outbound east/shop/frontend', 'gateway net-west', 'inbound west/shop/payments:8080'],
      );
      assert.equal(o.serverIdentity, 'spiffe://cluster.local/ns/shop/sa/payments');
    }
    assert.equal(runtime.ctx.stats.mtlsHandshakes, 1);
  });

  it('makes a new handshake after either certificate rotates, and the new certificate is what the peer sees', async () => {
    const call = fixtureCall('frontend-to-cart');
    const before = (await replayCalls(runtime, { calls: [call, call] })).observations;
    assert.equal(runtime.ctx.stats.mtlsHandshakes, 1);
    assert.equal(before[0].xfcc, before[1].xfcc, 'same client certificate on the reused connection');

    await runtime.ctx.identities.get('east/shop/frontend')!.rotate();
    const afterClient = (await replayCalls(runtime, { calls: [call] })).observations[0];
    assert.equal(runtime.ctx.stats.mtlsHandshakes, 2, 'client rotation: a new handshake');
    assert.equal(afterClient.verdict, 'allowed');
    assert.notEqual(afterClient.xfcc, before[0].xfcc, 'XFCC carries the hash of the rotated client certificate');

    await runtime.ctx.identities.get('east/shop/cart')!.rotate();
    const afterServer = (await replayCalls(runtime, { calls: [call] })).observations[0];
    assert.equal(runtime.ctx.stats.mtlsHandshakes, 3, 'server rotation: a new handshake');
    assert.equal(afterServer.verdict, 'allowed');
    assert.equal(afterServer.serverIdentity, 'spiffe://cluster.local/ns/shop/sa/cart');
  });

  it('keeps no more idle connections than its budget, closing the oldest, and every call sees the same on the wire', async () => {
    const calls = fixtureTraffic().calls;
    const unlimited = (await replayCalls(runtime, { calls })).observations;
    assert.ok(runtime.ctx.idle.size > 1, `${runtime.ctx.idle.size} idle connections after the fixture traffic`);
    await runtime.stop();
    runtime = await startRuntime({ idleConnections: 1 });
    const budgeted = (await replayCalls(runtime, { calls })).observations;
    // Another sandbox: other certificates (the XFCC hash) and another loopback block.
    const block = (o: SandboxObservation) => o.hops.join(' ').match(/127\.(\d+)\./)?.[1];
    const portable = (o: SandboxObservation, from: string | undefined) =>
      JSON.parse(
        JSON.stringify(comparable(o))
          .replace(/Hash=[0-9a-f]+/g, 'Hash=*')
          .replaceAll(`127.${from}.`, '127.*.'),
      );
    calls.forEach((call, i) => assert.deepEqual(portable(budgeted[i], block(budgeted[i])), portable(unlimited[i], block(unlimited[i])), call.name));
    assert.ok(runtime.ctx.idle.size <= 1, `${runtime.ctx.idle.size} idle connections, budget 1`);
    // The one kept is reused; the evicted ones make a new handshake on their next call.
    const handshakes = runtime.ctx.stats.mtlsHandshakes;
    const again = (
      await replayCalls(runtime, {
        calls: [fixtureCall('frontend-to-cart'), fixtureCall('frontend-to-payments-cross-network'), fixtureCall('frontend-to-cart')],
      })
    ).observations;
    assert.deepEqual(
      again.map((o) => o.verdict),
      ['allowed', 'allowed', 'allowed'],
    );
    assert.ok(runtime.ctx.stats.mtlsHandshakes - handshakes >= 1, 'an evicted connection handshakes again');
  });

  it('keeps no pooled connection open after stop', async () => {
    await replayCalls(runtime, { calls: [fixtureCall('frontend-to-cart'), fixtureCall('frontend-to-payments-cross-network')] });
    await runtime.stop();
    const block = `127.${runtime.ctx.plan.workloads[0].address.split('.')[1]}.`;
    const open = () =>
      (process as unknown as { _getActiveHandles(): unknown[] })
        ._getActiveHandles()
        .map((h) => h as { localAddress?: string; localPort?: number; remoteAddress?: string; remotePort?: number })
        .filter((s) => typeof s.localAddress === 'string' && s.localAddress.startsWith(block))
        .map((s) => `${s.localAddress}:${s.localPort} -> ${s.remoteAddress}:${s.remotePort}`);
    // Destroyed sockets leave the handle list when their close has run.
    for (let i = 0; i < 50 && open().length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(open(), []);
  });
});
