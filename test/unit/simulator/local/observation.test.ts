// How the access-log chain of one call becomes an observed verdict, outcome and fault.
import assert from 'node:assert/strict';
import type { AccessEntry } from '../../../../simulator/local/accessLog';
import { observe, type ClientOutcome, type FaultContext } from '../../../../simulator/local/observation';

const noFaults: FaultContext = { killed: new Set(), expiredIdentities: new Set() };
const echo = { workload: 'c/ns/b', port: 8080, source: '127.1.0.2', protocol: 'http' as const, xfcc: 'By=spiffe://x;URI=spiffe://y' };

function hop(partial: Partial<AccessEntry>): AccessEntry {
  return { hop: 'inbound', proxy: 'c/ns/b', downstream: '127.1.0.1:5000', port: 8080, done: true, ...partial };
}

describe('sandbox observation', () => {
  const cases: {
    name: string;
    client: Partial<ClientOutcome>;
    hops: Partial<AccessEntry>[];
    verdict: string;
    outcome: string;
    mtls: boolean;
    fault?: string;
  }[] = [
    {
      name: 'an echo through mTLS is allowed',
      client: { status: 200, echo },
      hops: [
        { hop: 'outbound', decision: 'forwarded', mtls: true, peerIdentity: 'spiffe://server', tlsVersion: 'TLSv1.3' },
        { decision: 'forwarded', mtls: true, peerIdentity: 'spiffe://client' },
      ],
      verdict: 'allowed',
      outcome: 'ok',
      mtls: true,
    },
    {
      name: 'a NetworkPolicy reset at accept',
      client: { status: 503 },
      hops: [{ hop: 'outbound', decision: 'upstream-failed', mtls: true }, { decision: 'network-policy-denied' }],
      verdict: 'denied-by-network-policy',
      outcome: 'reset',
      mtls: true,
    },
    {
      name: 'plaintext refused by STRICT',
      client: { error: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) },
      hops: [{ hop: 'client', decision: 'forwarded', mtls: false }, { decision: 'plaintext-refused' }],
      verdict: 'rejected-by-peer-authentication',
      outcome: 'reset',
      mtls: false,
    },
    {
      name: 'a 403 from the inbound authorization',
      client: { status: 403 },
      hops: [
        { hop: 'outbound', decision: 'forwarded', mtls: true },
        { decision: 'authz-denied', mtls: true },
      ],
      verdict: 'denied-by-authorization',
      outcome: 'http-error',
      mtls: true,
    },
    {
      name: 'no route from the outbound',
      client: { status: 503 },
      hops: [{ hop: 'outbound', decision: 'no-route', detail: 'no Service' }],
      verdict: 'no-route',
      outcome: 'http-error',
      mtls: false,
    },
    {
      name: 'a client-side handshake failure',
      client: { status: 503 },
      hops: [{ hop: 'outbound', decision: 'tls-failed', mtls: true, detail: 'wrong version number' }],
      verdict: 'rejected-by-peer-authentication',
      outcome: 'tls-failed',
      mtls: true,
    },
    { name: 'a timeout', client: { timedOut: true }, hops: [], verdict: 'no-route', outcome: 'timeout', mtls: false, fault: 'timeout' },
    {
      name: 'port exhaustion at the client',
      client: { error: Object.assign(new Error('bind'), { code: 'EADDRINUSE' }) },
      hops: [],
      verdict: 'no-route',
      outcome: 'reset',
      mtls: false,
      fault: 'port-exhaustion',
    },
    {
      name: 'an expired certificate',
      client: { status: 503 },
      hops: [{ hop: 'outbound', decision: 'tls-failed', mtls: true, detail: 'CERT_HAS_EXPIRED: certificate has expired' }],
      verdict: 'rejected-by-peer-authentication',
      outcome: 'tls-failed',
      mtls: true,
      fault: 'certificate-expired',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const o = observe({ latencyMs: 1.23456, ...c.client }, c.hops.map(hop), noFaults, []);
      assert.equal(o.verdict, c.verdict);
      assert.equal(o.outcome, c.outcome);
      assert.equal(o.mtls, c.mtls);
      assert.equal(o.fault, c.fault);
      assert.equal(o.allowed, c.verdict === 'allowed');
      assert.equal(o.latencyMs, 1.235);
      assert.equal(o.hops.length, c.hops.length);
    });
  }

  it('names the listener-died fault only for a listener that was stopped', () => {
    const refused = [hop({ hop: 'outbound', decision: 'upstream-failed', detail: 'ECONNREFUSED: connect', target: '127.1.0.2:8080' })];
    const killed = observe({ latencyMs: 1, status: 503 }, refused, { killed: new Set(['127.1.0.2:8080']), expiredIdentities: new Set() }, []);
    assert.equal(killed.fault, 'listener-died');
    assert.equal(killed.outcome, 'refused');
    assert.equal(observe({ latencyMs: 1, status: 503 }, refused, noFaults, []).fault, undefined);
  });

  it('reports identities, TLS and XFCC from the hops and the app', () => {
    const o = observe(
      { latencyMs: 2, status: 200, echo },
      [
        hop({ hop: 'outbound', decision: 'forwarded', mtls: true, peerIdentity: 'spiffe://server', tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256' }),
        hop({ decision: 'forwarded', mtls: true, peerIdentity: 'spiffe://client' }),
      ],
      noFaults,
      [],
    );
    assert.deepEqual(
      { client: o.clientIdentity, server: o.serverIdentity, tls: o.tlsVersion, cipher: o.cipher, xfcc: o.xfcc, error: o.error },
      { client: 'spiffe://client', server: 'spiffe://server', tls: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', xfcc: echo.xfcc, error: undefined },
    );
  });

  it('names both ends when both refused a handshake', () => {
    const o = observe(
      { latencyMs: 1, status: 503 },
      [
        hop({ hop: 'outbound', decision: 'tls-failed', detail: 'socket hang up' }),
        hop({ decision: 'tls-failed', detail: 'client certificate refused: CERT_HAS_EXPIRED' }),
      ],
      noFaults,
      [],
    );
    assert.equal(o.error, 'outbound: socket hang up; inbound: client certificate refused: CERT_HAS_EXPIRED');
    assert.equal(o.fault, 'certificate-expired');
  });
});
