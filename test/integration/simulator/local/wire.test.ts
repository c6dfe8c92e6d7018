// The local sandbox on real sockets: each zero-trust behaviour seen on the wire, and agreeing with the policy engine.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { DESTINATION_HEADER } from '../../../../simulator/local/outbound';
import { OUTBOUND_PORT } from '../../../../simulator/local/plan';
import type { EchoReport } from '../../../../simulator/local/echoReport';
import { replayCalls } from '../../../../simulator/local/replay';
import type { SandboxRuntime } from '../../../../simulator/local/runtime';
import type { SandboxObservation } from '../../../../src/policy/types';
import type { Verdict } from '../../../../src/policy/types';
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
    {
      call: 'plaintext-to-cart',
      verdict: 'rejected-by-peer-authentication',
      mtls: false,
      outcome: 'reset',
      hop: /inbound east\/shop\/cart:8080 plaintext-refused.*STRICT/,
    },
    {
      call: 'mtls-to-legacy-without-sidecar',
      verdict: 'rejected-by-peer-authentication',
      mtls: true,
      outcome: 'tls-failed',
      hop: /outbound east\/shop\/frontend tls-failed/,
    },
    { call: 'frontend-to-cart', verdict: 'allowed', mtls: true, outcome: 'ok', hop: /inbound east\/shop\/cart:8080 forwarded \(mTLS\)/ },
    {
      call: 'reviewer-to-cart',
      verdict: 'denied-by-authorization',
      mtls: true,
      outcome: 'http-error',
      hop: /inbound east\/shop\/cart:8080 authz-denied \(mTLS\)/,
    },
    { call: 'catalog-products', verdict: 'allowed', mtls: true, outcome: 'ok', hop: /inbound east\/shop\/catalog:9090 forwarded/ },
    { call: 'catalog-admin', verdict: 'denied-by-authorization', mtls: true, outcome: 'http-error', hop: /inbound east\/shop\/catalog:9090 authz-denied/ },
    { call: 'cart-to-redis', verdict: 'allowed', mtls: true, outcome: 'ok', hop: /inbound east\/shop\/redis:6379 forwarded \(mTLS\)/ },
    {
      call: 'frontend-to-redis',
      verdict: 'denied-by-network-policy',
      mtls: true,
      outcome: 'reset',
      hop: /inbound east\/shop\/redis:6379 network-policy-denied/,
    },
    { call: 'frontend-to-payments-cross-network', verdict: 'allowed', mtls: true, outcome: 'ok', hop: /gateway net-west forwarded/ },
  ];
  for (const c of cases) {
    it(`${c.call}: ${c.verdict} (${c.mtls ? 'mTLS' : 'plaintext'}), as the engine predicts`, async () => {
      const observed = await run(c.call);
      assert.equal(observed.verdict, c.verdict, observed.hops.join('\n'));
      assert.equal(observed.mtls, c.mtls);
      assert.equal(observed.outcome, c.outcome);
      assert.ok(
        observed.hops.some((h) => c.hop.test(h)),
        `hops: ${observed.hops.join(' | ')}`,
      );
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
    assert.match(
      frontend.xfcc ?? '',
      /^By=spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart;Hash=[0-9a-f]{64};Subject="";URI=spiffe:\/\/cluster\.local\/ns\/shop\/sa\/frontend$/,
    );
    // Envoy's Hash: SHA-256 of the DER client certificate the caller presented.
    const presented = new X509Certificate(runtime.ctx.identities.get('east/shop/frontend')!.certificate.certPem);
    assert.equal(/Hash=([0-9a-f]+)/.exec(frontend.xfcc ?? '')?.[1], createHash('sha256').update(presented.raw).digest('hex'));
    assert.equal(reviewer.status, 403);
    assert.equal(reviewer.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/reviewer');
    assert.ok(
      reviewer.steps?.some((s) => s.step === 'authorization'),
      'the sidecar kept the engine steps of its denial',
    );
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

  /** Writes `payload` (if any) to `to` from `from`'s address, and returns what came back before the close and the hop's log entries. */
  const probe = async (from: string, to: string, port: number, payload?: string) => {
    const source = runtime.ctx.byId.get(from)!.address;
    const target = runtime.ctx.byId.get(to)!.address;
    const { received, key } = await new Promise<{ received: Buffer; key: string }>((resolve, reject) => {
      let localPort = 0;
      const socket = connect({ host: target, port, localAddress: source }, () => {
        localPort = socket.localPort!;
        if (payload === undefined) socket.end();
        else socket.write(payload);
      });
      const chunks: Buffer[] = [];
      socket.on('data', (d: Buffer) => chunks.push(d));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ received: Buffer.concat(chunks), key: `${source}:${localPort}` }));
      setTimeout(() => reject(new Error('no close within 3 s')), 3_000).unref();
    });
    return { received, entries: await runtime.ctx.log.settle(key, 1, 1_000) };
  };

  it('a STRICT port closes a plaintext client without a byte back, HTTP or not, and logs it as plaintext-refused', async () => {
    for (const payload of ['GET / HTTP/1.1\r\nhost: cart\r\n\r\n', 'DELETE /x HTTP/1.1\r\n\r\n', 'CONNECT cart:8080 HTTP/1.1\r\n\r\n', 'ztn-ping\n']) {
      const { received, entries } = await probe('east/shop/frontend', 'east/shop/cart', 8080, payload);
      assert.equal(received.length, 0, `${JSON.stringify(payload)}: nothing back, as Envoy closes when no filter chain matches`);
      assert.equal(entries.length, 1);
      assert.equal(entries[0].decision, 'plaintext-refused', JSON.stringify(payload));
      assert.match(entries[0].detail ?? '', /STRICT mTLS on port 8080: plaintext refused/);
      assert.ok(entries[0].steps?.length, 'the engine steps of the port mode are kept');
    }
  });

  it('a connection to a STRICT port that closes before sending anything is logged as such, not as a failed handshake', async () => {
    const { received, entries } = await probe('east/shop/frontend', 'east/shop/cart', 8080);
    assert.equal(received.length, 0);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].decision, undefined);
    assert.equal(entries[0].detail, 'closed before sending anything');
  });

  it('a client that offers the session of an earlier connection still makes a full handshake, its certificate verified again', async () => {
    const frontend = runtime.ctx.byId.get('east/shop/frontend')!.address;
    const cart = runtime.ctx.byId.get('east/shop/cart')!.address;
    const identity = runtime.ctx.identities.get('east/shop/frontend')!;
    const connectOnce = (session?: Buffer) =>
      new Promise<{ reused: boolean; authorized: boolean; sessions: Buffer[] }>((resolve, reject) => {
        const sessions: Buffer[] = [];
        const raw = connect({ host: cart, port: 8080, localAddress: frontend });
        const tls = tlsConnect({
          socket: raw,
          secureContext: identity.secureContext,
          servername: 'outbound_.8080_._.cart.shop.svc.cluster.local',
          session,
          checkServerIdentity: () => undefined,
        });
        tls.on('session', (s: Buffer) => sessions.push(s));
        tls.once('error', reject);
        tls.once('secureConnect', () => {
          const reused = tls.isSessionReused();
          // The server's session messages follow its handshake: read them before closing.
          tls.write('GET /api/items HTTP/1.1\r\nhost: cart.shop.svc.cluster.local:8080\r\nconnection: close\r\n\r\n');
          tls.resume();
          tls.once('end', () => resolve({ reused, authorized: tls.authorized, sessions }));
        });
      });
    const first = await connectOnce();
    assert.ok(first.sessions.length > 0, 'TLS 1.3 session messages were sent');
    assert.equal(first.reused, false);
    const again = await connectOnce(first.sessions[first.sessions.length - 1]);
    assert.equal(again.reused, false, 'no session is resumed: the inbound keeps none and issues no stateless tickets');
    assert.equal(again.authorized, true);
  });

  it('an app request to the outbound listener sees what the replay sees when it hands the call to the sidecar', async () => {
    const viaListener = (from: string, to: string, path = '/') =>
      new Promise<{ status?: number; echo?: EchoReport }>((resolve, reject) => {
        const address = runtime.ctx.byId.get(from)!.address;
        const req = httpRequest(
          { host: address, port: OUTBOUND_PORT, localAddress: address, path, headers: { host: to, [DESTINATION_HEADER]: to, connection: 'close' } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode, echo: res.statusCode === 200 ? (JSON.parse(body) as EchoReport) : undefined }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    for (const name of ['frontend-to-cart', 'reviewer-to-cart', 'catalog-products', 'catalog-admin', 'frontend-to-payments-cross-network']) {
      const call = fixtureCall(name);
      const handed = await run(name);
      const app = await viaListener(call.from, call.to, call.path);
      assert.equal(app.status, handed.status ?? 200, name);
      assert.equal(app.echo?.xfcc, handed.xfcc, `${name}: the same verified client certificate reaches the app`);
    }
    const unknown = await viaListener('east/shop/frontend', 'nowhere.shop.svc.cluster.local:80');
    assert.equal(unknown.status, 503);
  });
});
