// Reading curl's result inside a kind pod as an observed verdict: one row per thing the wire can show.
import { strict as assert } from 'node:assert';
import type { CallResult } from '../../../simulator/types';
import { agrees, CURL_MARKER, observeCurl, type CurlOutcome } from '../../../src/sandbox/kind/observation';

const ok = (body: string, status = 200, seconds = '0.010') => `${body}\n${CURL_MARKER} ${status} ${seconds}\n`;
const ECHO = 'Request served by payments-1\n\nPOST /charge HTTP/1.1\n\nHost: payments\n';

describe('kind engine: observations from curl', () => {
  const rows: [string, Partial<CurlOutcome>, { verdict: string; outcome: string; mtls?: boolean; status?: number }][] = [
    ['echo with XFCC: allowed over mTLS', { stdout: ok(`${ECHO}X-Forwarded-Client-Cert: By=spiffe://a;URI=spiffe://b\n`) }, { verdict: 'allowed', outcome: 'ok', mtls: true, status: 200 }],
    ['echo without XFCC: allowed in plaintext', { stdout: ok(ECHO) }, { verdict: 'allowed', outcome: 'ok', mtls: false, status: 200 }],
    ['tcp call answered: allowed, mTLS not observable', { stdout: ok(ECHO), protocol: 'tcp' }, { verdict: 'allowed', outcome: 'ok', status: 200 }],
    ['403 RBAC from the sidecar', { stdout: ok('RBAC: access denied', 403) }, { verdict: 'denied-by-authorization', outcome: 'http-error', status: 403 }],
    ['503 reset before headers: peer authentication', { stdout: ok('upstream connect error or disconnect/reset before headers. reset reason: connection termination', 503) }, { verdict: 'rejected-by-peer-authentication', outcome: 'http-error', status: 503 }],
    ['503 connection timeout: dropped by a NetworkPolicy', { stdout: ok('upstream connect error or disconnect/reset before headers. reset reason: connection timeout', 503) }, { verdict: 'denied-by-network-policy', outcome: 'http-error', status: 503 }],
    ['404 from the proxy: no route', { stdout: ok('', 404) }, { verdict: 'no-route', outcome: 'http-error', status: 404 }],
    ['curl 56 connection reset: plaintext refused', { code: 56, stderr: 'curl: (56) Recv failure: Connection reset by peer' }, { verdict: 'rejected-by-peer-authentication', outcome: 'reset' }],
    ['curl 28 timeout: packets dropped', { code: 28, stderr: 'curl: (28) Connection timed out after 10001 milliseconds' }, { verdict: 'denied-by-network-policy', outcome: 'timeout' }],
    ['tcp closed after the proxy connect timeout', { code: 52, protocol: 'tcp', stdout: `\n${CURL_MARKER} 000 10.004\n`, stderr: 'curl: (52) Empty reply from server' }, { verdict: 'denied-by-network-policy', outcome: 'timeout' }],
    ['curl 6 unknown host: no route', { code: 6, stderr: 'curl: (6) Could not resolve host: nowhere' }, { verdict: 'no-route', outcome: 'refused' }],
    ['curl 7 refused: no route', { code: 7, stderr: 'curl: (7) Failed to connect' }, { verdict: 'no-route', outcome: 'refused' }],
  ];
  for (const [name, input, want] of rows) {
    it(name, () => {
      const o = observeCurl({ exitCode: input.code ?? 0, stdout: input.stdout ?? '', stderr: input.stderr ?? '', protocol: input.protocol ?? 'http', ...({} as object) } as CurlOutcome & { code?: number });
      assert.equal(o.verdict, want.verdict);
      assert.equal(o.outcome, want.outcome);
      assert.equal(o.mtls, want.mtls);
      assert.equal(o.status, want.status);
      assert.equal(o.allowed, want.verdict === 'allowed');
      if (input.stderr) assert.equal(o.error, input.stderr);
    });
  }

  it('reads both identities from the XFCC header', () => {
    const o = observeCurl({ exitCode: 0, stdout: ok(`${ECHO}X-Forwarded-Client-Cert: By=spiffe://cluster.local/ns/shop/sa/payments;Hash=ab;Subject="";URI=spiffe://cluster.local/ns/shop/sa/cart\n`), stderr: '', protocol: 'http' });
    assert.equal(o.serverIdentity, 'spiffe://cluster.local/ns/shop/sa/payments');
    assert.equal(o.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/cart');
    assert.equal(o.latencyMs, 10);
  });

  it('agrees only when the verdict matches and, where the wire shows it, mTLS too', () => {
    const prediction = { verdict: 'allowed', mtls: true, allowed: true } as CallResult;
    assert.equal(agrees(prediction, { outcome: 'ok', verdict: 'allowed', allowed: true, mtls: true, evidence: '' }), true);
    assert.equal(agrees(prediction, { outcome: 'ok', verdict: 'allowed', allowed: true, mtls: false, evidence: '' }), false);
    assert.equal(agrees(prediction, { outcome: 'ok', verdict: 'allowed', allowed: true, evidence: '' }), true);
    assert.equal(agrees(prediction, { outcome: 'http-error', verdict: 'denied-by-authorization', allowed: false, evidence: '' }), false);
  });
});
