// Reading curl's result inside a kind pod as an observed verdict: one row per thing the wire can show.
import { strict as assert } from 'node:assert';
import type { CallResult } from '../../../../src/policy/types';
import { agrees, CURL_MARKER, observeCurl, withAccessLog, type CurlOutcome, type KindObservation } from '../../../../simulator/kind/observation';
import { matchCall, parseInboundLog, type InboundLogEntry } from '../../../../simulator/kind/accessLog';
import type { Workload } from '../../../../src/policy/types';

const ok = (body: string, status = 200, seconds = '0.010') => `${body}\n${CURL_MARKER} ${status} ${seconds}\n`;
const ECHO = 'Request served by payments-1\n\nPOST /charge HTTP/1.1\n\nHost: payments\n';

describe('kind engine: observations from curl', () => {
  const rows: [string, Partial<CurlOutcome> & { code?: number }, { verdict: string; outcome: string; mtls?: boolean; status?: number }][] = [
    [
      'echo with XFCC: allowed over mTLS',
      { stdout: ok(`${ECHO}X-Forwarded-Client-Cert: By=spiffe://a;URI=spiffe://b\n`) },
      { verdict: 'allowed', outcome: 'ok', mtls: true, status: 200 },
    ],
    ['echo without XFCC: allowed in plaintext', { stdout: ok(ECHO) }, { verdict: 'allowed', outcome: 'ok', mtls: false, status: 200 }],
    ['tcp call answered: allowed, mTLS not observable', { stdout: ok(ECHO), protocol: 'tcp' }, { verdict: 'allowed', outcome: 'ok', status: 200 }],
    ['403 RBAC from the sidecar', { stdout: ok('RBAC: access denied', 403) }, { verdict: 'denied-by-authorization', outcome: 'http-error', status: 403 }],
    [
      '503 reset before headers: peer authentication',
      { stdout: ok('upstream connect error or disconnect/reset before headers. reset reason: connection termination', 503) },
      { verdict: 'rejected-by-peer-authentication', outcome: 'http-error', status: 503 },
    ],
    [
      '503 connection timeout: dropped by a NetworkPolicy',
      { stdout: ok('upstream connect error or disconnect/reset before headers. reset reason: connection timeout', 503) },
      { verdict: 'denied-by-network-policy', outcome: 'http-error', status: 503 },
    ],
    ['404 from the proxy: no route', { stdout: ok('', 404) }, { verdict: 'no-route', outcome: 'http-error', status: 404 }],
    [
      'curl 56 connection reset: plaintext refused',
      { code: 56, stderr: 'curl: (56) Recv failure: Connection reset by peer' },
      { verdict: 'rejected-by-peer-authentication', outcome: 'reset' },
    ],
    [
      'curl 28 timeout: packets dropped',
      { code: 28, stderr: 'curl: (28) Connection timed out after 10001 milliseconds' },
      { verdict: 'denied-by-network-policy', outcome: 'timeout' },
    ],
    [
      'tcp closed after the proxy connect timeout',
      { code: 52, protocol: 'tcp', stdout: `\n${CURL_MARKER} 000 10.004\n`, stderr: 'curl: (52) Empty reply from server' },
      { verdict: 'denied-by-network-policy', outcome: 'timeout' },
    ],
    ['curl 6 unknown host: no route', { code: 6, stderr: 'curl: (6) Could not resolve host: nowhere' }, { verdict: 'no-route', outcome: 'refused' }],
    ['curl 7 refused: no route', { code: 7, stderr: 'curl: (7) Failed to connect' }, { verdict: 'no-route', outcome: 'refused' }],
  ];
  for (const [name, input, want] of rows) {
    it(name, () => {
      const o = observeCurl({ exitCode: input.code ?? 0, stdout: input.stdout ?? '', stderr: input.stderr ?? '', protocol: input.protocol ?? 'http' });
      assert.equal(o.verdict, want.verdict);
      assert.equal(o.outcome, want.outcome);
      assert.equal(o.mtls, want.mtls ?? false);
      assert.equal(o.mtlsObserved, want.mtls !== undefined);
      assert.ok(o.hops.length > 0);
      assert.equal(o.status, want.status);
      assert.equal(o.allowed, want.verdict === 'allowed');
      if (input.stderr) assert.equal(o.error, input.stderr);
    });
  }

  it('reads both identities from the XFCC header', () => {
    const o = observeCurl({
      exitCode: 0,
      stdout: ok(
        `${ECHO}X-Forwarded-Client-Cert: By=spiffe://cluster.local/ns/shop/sa/payments;Hash=ab;Subject="";URI=spiffe://cluster.local/ns/shop/sa/cart\n`,
      ),
      stderr: '',
      protocol: 'http',
    });
    assert.equal(o.serverIdentity, 'spiffe://cluster.local/ns/shop/sa/payments');
    assert.equal(o.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/cart');
    assert.equal(o.latencyMs, 10);
  });

  it('agrees only when the verdict matches and, where the wire shows it, mTLS too', () => {
    const prediction = { verdict: 'allowed', mtls: true, allowed: true } as CallResult;
    const seen = (o: Partial<KindObservation>): KindObservation => ({
      outcome: 'ok',
      verdict: 'allowed',
      allowed: true,
      mtls: true,
      mtlsObserved: true,
      hops: [],
      ...o,
    });
    assert.equal(agrees(prediction, seen({})), true);
    assert.equal(agrees(prediction, seen({ mtls: false })), false);
    assert.equal(agrees(prediction, seen({ mtls: false, mtlsObserved: false })), true);
    assert.equal(agrees(prediction, seen({ outcome: 'http-error', verdict: 'denied-by-authorization', allowed: false })), false);
  });

  it("reads the destination sidecar's inbound access log and ties lines to calls", () => {
    const workload = { id: 'east/shop/redis' } as Workload;
    const line = (o: Record<string, string>) =>
      JSON.stringify({
        start_time: '2026-01-02T03:04:05.100Z',
        upstream_cluster: 'inbound|6379||',
        downstream_local_address: '10.10.0.9:6379',
        downstream_peer_uri_san: '-',
        downstream_tls_version: '-',
        ztn_call: '-',
        response_flags: '-',
        ...o,
      });
    const log = [
      '2026-01-02T03:04:05.000Z info Envoy proxy is ready',
      line({ upstream_cluster: 'outbound|6379||redis.shop.svc.cluster.local' }),
      line({ downstream_peer_uri_san: 'spiffe://cluster.local/ns/shop/sa/catalog', downstream_tls_version: 'TLSv1.3' }),
      line({
        start_time: '2026-01-02T03:04:06.000Z',
        downstream_peer_uri_san: 'spiffe://cluster.local/ns/shop/sa/cart',
        downstream_tls_version: 'TLSv1.3',
        downstream_tls_cipher: 'TLS_AES_256_GCM_SHA384',
      }),
      line({
        downstream_local_address: '10.10.0.9:8080',
        ztn_call: 'run1-0',
        downstream_peer_uri_san: 'spiffe://cluster.local/ns/shop/sa/frontend',
        downstream_tls_version: 'TLSv1.3',
      }),
      '{not json',
    ].join('\n');
    const entries = parseInboundLog(workload, log);
    assert.equal(entries.length, 3);
    const claimed = new Set<InboundLogEntry>();
    const started = Date.parse('2026-01-02T03:04:05Z');
    assert.equal(
      matchCall(entries, claimed, { id: 'run1-0', protocol: 'http', port: 8080, startedAt: started })?.peer,
      'spiffe://cluster.local/ns/shop/sa/frontend',
    );
    const tcp = matchCall(entries, claimed, {
      id: 'run1-1',
      protocol: 'tcp',
      port: 6379,
      startedAt: started,
      source: 'spiffe://cluster.local/ns/shop/sa/cart',
    });
    assert.equal(tcp?.cipher, 'TLS_AES_256_GCM_SHA384');
    // Claimed lines are not matched twice.
    assert.equal(
      matchCall(entries, claimed, { id: 'run1-2', protocol: 'tcp', port: 6379, startedAt: started, source: 'spiffe://cluster.local/ns/shop/sa/cart' }),
      undefined,
    );

    const tcpSeen = observeCurl({ exitCode: 0, stdout: ok(ECHO), stderr: '', protocol: 'tcp' });
    const enriched = withAccessLog(tcpSeen, tcp);
    assert.deepEqual(
      [enriched.mtls, enriched.mtlsObserved, enriched.tlsVersion, enriched.clientIdentity],
      [true, true, 'TLSv1.3', 'spiffe://cluster.local/ns/shop/sa/cart'],
    );
    assert.match(enriched.hops[1], /^inbound east\/shop\/redis:6379 mTLS TLSv1\.3 from spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart$/);
    assert.match(withAccessLog(tcpSeen, undefined).hops[1], /mTLS not observable/);
  });
});
