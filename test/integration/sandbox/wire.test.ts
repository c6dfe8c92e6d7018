// The local sandbox on real sockets: each zero-trust behaviour seen on the wire, and agreeing with the policy engine.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { replayCalls } from '../../../simulator/sandbox/replay';
import type { SandboxRuntime } from '../../../simulator/sandbox/runtime';
import type { SandboxObservation } from '../../../simulator/sandbox/observation';
import type { Verdict } from '../../../simulator/types';
import { fixtureCall, fixtureMesh, fixtureTraffic, predict, startRuntime } from './fixture';

describe('local sandbox on the wire', function () {
  this.timeout(20_000);
  let runtime: SandboxRuntime;
  before(async () => {
    runtime = await startRuntime();
  });
  after(async () => {
    await runtime?.stop();
  });

  const run = async (name: string): Promise<SandboxObservation> => (await replayCalls(runtime, { calls: [fixtureCall(name)] })).observations[0];

  const cases: { call: string; verdict: Verdict; mtls: boolean; outcome: SandboxObservation['outcome']; hop: RegExp }[] = [
    { call: 'plaintext-to-cart', verdict: 'rejected-by-peer-authentication', mtls: false, outcome: 'reset', hop: /inbound east\/shop\/cart:8080 plaintext-refused.*STRICT/ },
    { call: 'mtls-to-legacy-without-sidecar', verdict: 'rejected-by-peer-authentication', mtls: true, outcome: 'tls-failed', hop: /outbound east\/shop\/frontend tls-failed/ },
    { call: 'frontend-to-cart', verdict: 'allowed', mtls: true, outcome: 'ok', hop: /inbound east\/shop\/cart:8080 forwarded \(mTLS\)/ },
    { call: 'reviewer-to-cart', verdict: 'denied-by-authorization', mtls: true, outcome: 'http-error', hop: /inbound east\/shop\/cart:8080 authz-denied \(mTLS\)/ },
    { call: 'catalog-products', verdict: 'allowed', mtls: true, outcome: 'ok', hop: /inbound east\/shop\/catalog:9090 forwarded/ },
    { call: 'catalog-admin', verdict: 'denied-by-authorization', mtls: true, outcome: 'http-error', hop: /inbound east\/shop\/catalog:9090 authz-denied/ },
    { call: 'cart-to-redis', verdict: 'allowed', mtls: true, outcome: 'ok', hop: /inbound east\/shop\/redis:6379 forwarded \(mTLS\)/ },
    { call: 'frontend-to-redis', verdict: 'denied-by-network-policy', mtls: true, outcome: 'reset', hop: /inbound east\/shop\/redis:6379 network-policy-denied/ },
    { call: 'frontend-to-payments-cross-network', verdict: 'allowed', mtls: true, outcome: 'ok', hop: /gateway net-west forwarded/ },
  ];
  for (const c of cases) {
    it(`${c.call}: ${c.verdict} (${c.mtls ? 'mTLS' : 'plaintext'}), as the engine predicts`, async () => {
      const observed = await run(c.call);
      assert.equal(observed.verdict, c.verdict, observed.hops.join('\n'));
      assert.equal(observed.mtls, c.mtls);
      assert.equal(observed.outcome, c.outcome);
      assert.ok(observed.hops.some((h) => c.hop.test(h)), `hops: ${observed.hops.join(' | ')}`);
      const predicted = predict(runtime.ctx.mesh, [fixtureCall(c.call)]).calls[0];
      assert.equal(predicted.verdict, observed.verdict, 'engine and wire agree');
      assert.equal(predicted.mtls, observed.mtls);
    });
  }

  it('an ALLOW by principal admits frontend and refuses reviewer, with the verified identities on both sides', async () => {
    const { observations } = await replayCalls(runtime, { calls: [fixtureCall('frontend-to-cart'), fixtureCall('reviewer-to-cart')] });
    const [frontend, reviewer] = observations;
    assert.equal(frontend.status, 200);
    assert.equal(frontend.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/frontend');
    assert.equal(frontend.serverIdentity, 'spiffe://cluster.local/ns/shop/sa/cart');
    assert.equal(frontend.tlsVersion, 'TLSv1.3');
    assert.match(frontend.xfcc ?? '', /^By=spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart;Hash=[0-9a-f]{64};Subject="";URI=spiffe:\/\/cluster\.local\/ns\/shop\/sa\/frontend$/);
    // Envoy's Hash: SHA-256 of the DER client certificate the caller presented.
    const presented = new X509Certificate(runtime.ctx.identities.get('east/shop/frontend')!.certificate.certPem);
    assert.equal(/Hash=([0-9a-f]+)/.exec(frontend.xfcc ?? '')?.[1], createHash('sha256').update(presented.raw).digest('hex'));
    assert.equal(reviewer.status, 403);
    assert.equal(reviewer.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/reviewer');
    assert.ok(reviewer.steps?.some((s) => s.step === 'authorization'), 'the sidecar kept the engine steps of its denial');
  });

  it('crosses networks through the east-west gateway with per-cluster intermediates under one root', async () => {
    const observed = await run('frontend-to-payments-cross-network');
    assert.equal(observed.serverIdentity, 'spiffe://cluster.local/ns/shop/sa/payments');
    assert.equal(observed.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/frontend');
    assert.deepEqual(
      observed.hops.map((h) => h.split(' ').slice(0, 2).join(' ')),
      ['outbound east/shop/frontend', 'gateway net-west', 'inbound west/shop/payments:8080'],
    );
    const east = new X509Certificate(runtime.pki.intermediates.east.certPem);
    const west = new X509Certificate(runtime.pki.intermediates.west.certPem);
    const root = new X509Certificate(runtime.pki.root.certPem);
    const client = new X509Certificate(runtime.ctx.identities.get('east/shop/frontend')!.certificate.certPem);
    const server = new X509Certificate(runtime.ctx.identities.get('west/shop/payments')!.certificate.certPem);
    assert.ok(client.checkIssued(east) && !client.checkIssued(west), 'client certificate from the east intermediate');
    assert.ok(server.checkIssued(west) && !server.checkIssued(east), 'server certificate from the west intermediate');
    assert.ok(east.checkIssued(root) && west.checkIssued(root), 'both intermediates under the one root');
  });

  it('agrees with the engine and the expectations on every call of the fixture traffic, concurrently', async () => {
    const traffic = fixtureTraffic();
    const predicted = predict(fixtureMesh(), traffic.calls);
    const { observations } = await replayCalls(runtime, { calls: traffic.calls, concurrency: 8 });
    traffic.calls.forEach((call, i) => {
      const o = observations[i];
      assert.equal(o.verdict, predicted.calls[i].verdict, `${call.name}: ${o.hops.join(' | ')}`);
      if (call.expect?.verdict) assert.equal(o.verdict, call.expect.verdict, call.name);
      if (call.expect?.mtls !== undefined) assert.equal(o.mtls, call.expect.mtls, call.name);
    });
  });

  it('reports a call from an unknown workload as no-route instead of failing the replay', async () => {
    const { observations } = await replayCalls(runtime, { calls: [{ from: 'east/shop/ghost', to: 'cart:8080' }, fixtureCall('frontend-to-cart')] });
    assert.equal(observations[0].verdict, 'no-route');
    assert.match(observations[0].error ?? '', /ghost/);
    assert.equal(observations[1].verdict, 'allowed');
  });

  it('reports an unknown service as no-route from the sidecar', async () => {
    const { observations } = await replayCalls(runtime, { calls: [{ from: 'east/shop/frontend', to: 'nowhere.shop.svc.cluster.local:80' }] });
    assert.equal(observations[0].verdict, 'no-route');
    assert.equal(observations[0].status, 503);
    assert.match(observations[0].hops[0], /outbound east\/shop\/frontend no-route/);
  });
});
