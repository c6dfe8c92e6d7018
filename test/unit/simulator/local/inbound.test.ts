// The inbound side's stages without sockets: filter chain choice, an unfinished handshake, the request the app and the policy see.
import assert from 'node:assert/strict';
import type { ExplanationStep } from '../../../../src/policy/types';
import { AccessLog, type AccessEntry } from '../../../../simulator/local/accessLog';
import { filterChainFor } from '../../../../simulator/local/inbound';
import { flatHeaders, headersForApp, nextRequestEntry, requestAttributes } from '../../../../simulator/local/inboundHttp';
import type { InboundConnection } from '../../../../simulator/local/inboundPort';
import { connectionAttributes } from '../../../../simulator/local/inboundTcp';
import { handshakeNeverCompleted, unverifiedClientDetail } from '../../../../simulator/local/inboundTls';
import type { PeerIdentity } from '../../../../simulator/local/peer';
import { TLS_HANDSHAKE_BYTE } from '../../../../simulator/local/sniff';

const PEER: PeerIdentity = {
  spiffeId: 'spiffe://cluster.local/ns/shop/sa/frontend',
  principal: 'cluster.local/ns/shop/sa/frontend',
  namespace: 'shop',
  certHash: 'ab12',
};
const SIDECAR = 'spiffe://cluster.local/ns/shop/sa/cart';

const entry = (): AccessEntry => ({ hop: 'inbound', proxy: 'c/shop/cart', downstream: '127.1.0.2:4000', port: 8080, done: false });

describe('sandbox inbound stages', () => {
  it('filterChainFor: STRICT has TLS only, DISABLE plaintext only, PERMISSIVE both', () => {
    const plaintext = 'G'.charCodeAt(0);
    assert.deepEqual(
      (['STRICT', 'PERMISSIVE', 'DISABLE'] as const).map((mode) => [mode, filterChainFor(mode, TLS_HANDSHAKE_BYTE), filterChainFor(mode, plaintext)]),
      [
        ['STRICT', 'tls', 'tls'],
        ['PERMISSIVE', 'tls', 'plaintext'],
        ['DISABLE', 'none', 'plaintext'],
      ],
    );
  });

  it("handshakeNeverCompleted: silent when the client sent nothing, a failed handshake with the mode's reasons otherwise", () => {
    const steps: ExplanationStep[] = [
      { step: 'peer-authentication', policy: 'PeerAuthentication istio-system/default', file: 'pa.yaml', line: 4, detail: 'STRICT' },
    ];
    const silent = entry();
    handshakeNeverCompleted(silent, 0, steps);
    assert.deepEqual(silent, { ...entry(), done: true, detail: 'closed before sending anything' });
    const failed = entry();
    handshakeNeverCompleted(failed, 517, steps);
    assert.equal(failed.decision, 'tls-failed');
    assert.match(failed.detail!, /^mTLS handshake did not complete/);
    assert.equal(failed.steps, steps);
    const explained = { ...entry(), detail: 'mTLS handshake failed: unexpected eof' };
    handshakeNeverCompleted(explained, 517, steps);
    assert.equal(explained.detail, 'mTLS handshake failed: unexpected eof', 'a reason the TLS server gave is kept');
  });

  it("unverifiedClientDetail: no certificate, or Node's reason for refusing the one presented", () => {
    assert.equal(unverifiedClientDetail(false, null), 'no client certificate: STRICT/PERMISSIVE mTLS needs one from the mesh');
    assert.equal(
      unverifiedClientDetail(true, new Error('UNABLE_TO_VERIFY_LEAF_SIGNATURE')),
      'client certificate refused: Error: UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
  });

  it("nextRequestEntry: the first request takes the accept entry, later ones a new entry with the connection's TLS facts", () => {
    const log = new AccessLog();
    const first = log.open('inbound', 'c/shop/cart', '127.1.0.2:4000', 8080);
    Object.assign(first, { mtls: true, tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', peerIdentity: PEER.spiffeId, sni: 'outbound_.8080_._.cart' });
    const conn: InboundConnection = { entry: first, sourceIp: '127.1.0.2', peer: PEER, requests: 0 };
    assert.equal(nextRequestEntry(log, 'c/shop/cart', 8080, conn), first);
    const second = nextRequestEntry(log, 'c/shop/cart', 8080, conn);
    assert.notEqual(second, first);
    assert.deepEqual(
      { ...second },
      {
        hop: 'inbound',
        proxy: 'c/shop/cart',
        downstream: '127.1.0.2:4000',
        port: 8080,
        done: false,
        mtls: true,
        tlsVersion: 'TLSv1.3',
        cipher: 'TLS_AES_128_GCM_SHA256',
        peerIdentity: PEER.spiffeId,
        sni: 'outbound_.8080_._.cart',
      },
    );
    assert.deepEqual(log.take('127.1.0.2:4000', 2), [second], "logged as the connection's second request");
  });

  it('requestAttributes: the verified peer and the request line; repeated headers joined', () => {
    const conn: InboundConnection = { entry: entry(), sourceIp: '127.1.0.2', peer: PEER, sni: 'cart', requests: 1 };
    const req = { headers: { host: 'cart:8080', 'x-team': ['a', 'b'] }, method: 'GET', url: '/items?x=1' };
    const headers = flatHeaders(req.headers);
    assert.deepEqual(headers, { host: 'cart:8080', 'x-team': 'a, b' });
    assert.deepEqual(requestAttributes(conn, 8080, req, headers), {
      principal: 'cluster.local/ns/shop/sa/frontend',
      namespace: 'shop',
      sourceIp: '127.1.0.2',
      port: 8080,
      host: 'cart:8080',
      method: 'GET',
      path: '/items?x=1',
      headers,
      http: true,
      sni: 'cart',
    });
    assert.deepEqual(connectionAttributes({ entry: entry(), sourceIp: '127.1.0.9', requests: 0 }, 5432), {
      principal: undefined,
      namespace: undefined,
      sourceIp: '127.1.0.9',
      port: 5432,
      http: false,
      sni: undefined,
    });
  });

  it("headersForApp: a forged XFCC never reaches the app; the verified peer's is set; hop-by-hop headers go", () => {
    const forged = { host: 'cart', connection: 'keep-alive', 'x-forwarded-client-cert': 'By=x;URI=spiffe://evil' };
    assert.equal(headersForApp(forged, undefined, SIDECAR), undefined);
    assert.deepEqual(forged, { host: 'cart' });
    const verified = { host: 'cart', 'x-forwarded-client-cert': 'By=x;URI=spiffe://evil' };
    const xfcc = headersForApp(verified, PEER, SIDECAR);
    assert.equal(xfcc, `By=${SIDECAR};Hash=ab12;Subject="";URI=${PEER.spiffeId}`);
    assert.deepEqual(verified, { host: 'cart', 'x-forwarded-client-cert': xfcc });
  });
});
