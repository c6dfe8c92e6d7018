// The outbound's mTLS handshake: the server's chain verified against the mesh root by OpenSSL, then its SPIFFE ID
// checked against the destination's service accounts (read from the leaf alone, see handshake in upstream.ts).
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { createServer, TLSSocket, type Server } from 'node:tls';
import { WorkloadIdentity } from '../../../../simulator/local/identity';
import { createSandboxPki, issueWorkloadCert, type SandboxPki } from '../../../../simulator/shared/pki';
import type { RuntimeContext } from '../../../../simulator/local/runtimeContext';
import { handshake } from '../../../../simulator/local/upstream';

const SERVER_ID = 'spiffe://cluster.local/ns/shop/sa/cart';
const CLIENT_ID = 'spiffe://cluster.local/ns/shop/sa/frontend';

describe('sidecar mTLS handshake: the server identity', function () {
  this.timeout(20_000);
  let pki: SandboxPki;
  let client: WorkloadIdentity;
  const servers: Server[] = [];
  const ctx = { upstreamTimeoutMs: 5_000, stats: { mtlsHandshakes: 0 } } as unknown as RuntimeContext;

  before(async () => {
    pki = await createSandboxPki({ clusters: ['east'] });
    client = new WorkloadIdentity(CLIENT_ID, pki.intermediates.east, { lifetimeMs: 3_600_000, rootPem: pki.root.certPem });
    await client.start();
  });
  after(() => {
    client.stop();
    for (const s of servers) s.close();
  });

  /** A mutual-TLS server presenting a certificate for `spiffeId` issued under `issuer`'s root; resolves its port. */
  async function serverAs(spiffeId: string, issuer = pki): Promise<number> {
    const cert = await issueWorkloadCert(issuer.intermediates.east, spiffeId, 3_600_000);
    const server = createServer({ key: cert.keyPem, cert: cert.chainPem, ca: issuer.root.certPem, requestCert: true, rejectUnauthorized: false }, (s) =>
      s.end(),
    );
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as { port: number }).port;
  }

  async function dial(port: number): Promise<Socket> {
    const raw = connect({ host: '127.0.0.1', port });
    await new Promise((r, j) => raw.once('connect', r).once('error', j));
    return raw;
  }

  it('accepts a server whose SPIFFE ID is expected, and leaves the connection with Node’s own getPeerCertificate', async () => {
    const { tls, serverId } = await handshake(
      ctx,
      await dial(await serverAs(SERVER_ID)),
      client,
      'outbound_.8080_._.cart.shop.svc.cluster.local',
      new Set([SERVER_ID]),
    );
    try {
      assert.equal(serverId, SERVER_ID);
      assert.equal(tls.getPeerCertificate, TLSSocket.prototype.getPeerCertificate);
      // The detailed chain is still there for whoever asks after the handshake: leaf, intermediate, root.
      const chain = tls.getPeerCertificate(true);
      assert.match(chain.subjectaltname ?? '', /URI:spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart/);
      assert.ok(chain.issuerCertificate?.issuerCertificate, 'the chain up to the root');
    } finally {
      tls.destroy();
    }
  });

  it('refuses a server of the mesh whose SPIFFE ID is not one the destination runs as', async () => {
    const port = await serverAs('spiffe://cluster.local/ns/shop/sa/reviews');
    await assert.rejects(
      handshake(ctx, await dial(port), client, 'outbound_.8080_._.cart.shop.svc.cluster.local', new Set([SERVER_ID])),
      /server identity spiffe:\/\/cluster\.local\/ns\/shop\/sa\/reviews is not one of spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart/,
    );
  });

  it('refuses a server with the expected SPIFFE ID under another root: the chain is still verified', async () => {
    const other = await createSandboxPki({ clusters: ['east'] });
    await assert.rejects(
      handshake(ctx, await dial(await serverAs(SERVER_ID, other)), client, 'outbound_.8080_._.cart.shop.svc.cluster.local', new Set([SERVER_ID])),
      { code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' },
    );
  });
});
