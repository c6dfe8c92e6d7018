// TLS termination on the inbound side: Node's own client-certificate verification, then the peer's SPIFFE identity.
import { constants as cryptoConstants } from 'node:crypto';
import type { Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import type { ExplanationStep } from '../../src/policy/types';
import { addressKey, type AccessEntry } from './accessLog';
import { normalizeIp } from './admission';
import type { WorkloadIdentity } from './identity';
import { refuseConnection, type InboundConnection, type InboundPort } from './inboundPort';
import { destroyOnError } from './listen';
import { peerIdentity, type PeerIdentity } from './peer';

/**
 * OpenSSL's errors for a first record that is not TLS at all (an HTTP request, a proxy CONNECT, any other
 * plaintext); it closes those without sending an alert.
 */
const NOT_TLS = new Set(['ERR_SSL_HTTP_REQUEST', 'ERR_SSL_HTTPS_PROXY_REQUEST', 'ERR_SSL_WRONG_VERSION_NUMBER']);

/**
 * No stateless session tickets (SSL_OP_NO_TICKET). The sidecars never resume a session, so a ticket that carries
 * the whole session, the client's certificate in it, encrypted twice per handshake, is work for nobody. TLS 1.3
 * still sends its two NewSessionTicket messages, holding only a session ID, and Node keeps no server-side session
 * cache: every connection makes a full handshake whose client certificate is verified on the wire, as the pool's
 * verified-once model says.
 */
export const INBOUND_SECURE_OPTIONS = cryptoConstants.SSL_OP_NO_TICKET;

/** A connection handed to TLS whose handshake has not completed yet. */
interface PendingHandshake extends InboundConnection {
  handshaken(): void;
}

const connKey = (socket: { remoteAddress?: string; remotePort?: number }) => addressKey(normalizeIp(socket.remoteAddress), socket.remotePort);

/**
 * A real tls.Server (fed accepted sockets) so client-certificate verification is Node's own, not ours; it verifies
 * the chain against the mesh root, and refusing here rather than inside Node keeps the reason. One per port, built
 * on the first TLS connection: most ports of a large sandbox are never called, and `up` stays fast.
 */
export class InboundTls {
  /** Handshakes waiting to complete, by downstream address: the TLS server reports them by TLS socket only. */
  private readonly pending = new Map<string, PendingHandshake>();
  private server: TlsServer | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly inbound: InboundPort,
    private readonly identity: WorkloadIdentity,
    /** Where a connection goes once its peer is verified. */
    private readonly established: (conn: InboundConnection, tls: TLSSocket) => void,
  ) {
    this.unsubscribe = identity.onRotate(() => this.server?.setSecureContext(this.context()));
  }

  /** Builds the TLS server context now rather than on the first connection. */
  prepare(): TlsServer {
    return (this.server ??= this.createServer());
  }

  /** Hands an accepted connection to the TLS server; what becomes of its handshake is logged on `entry`. */
  hand(entry: AccessEntry, sourceIp: string, socket: Socket): void {
    const pending = this.pending;
    const steps = this.inbound.modeSteps;
    // Reports a handshake that never completed; taken off once it has (it would only hold this connection's set-up).
    const onClose = () => {
      if (pending.delete(entry.downstream) && !entry.done) handshakeNeverCompleted(entry, socket.bytesRead, steps);
    };
    pending.set(entry.downstream, { entry, sourceIp, requests: 0, handshaken: () => socket.off('close', onClose) });
    socket.once('close', onClose);
    this.prepare().emit('connection', socket);
  }

  close(): void {
    this.unsubscribe();
  }

  private context() {
    return { ...this.identity.tlsOptions(), secureOptions: INBOUND_SECURE_OPTIONS };
  }

  private createServer(): TlsServer {
    const server = createTlsServer(
      { ...this.context(), requestCert: true, rejectUnauthorized: false, handshakeTimeout: this.inbound.ctx.upstreamTimeoutMs },
      (tls) => this.onHandshake(tls),
    );
    server.on('tlsClientError', (err: NodeJS.ErrnoException, tls) => this.onHandshakeError(err, tls));
    return server;
  }

  /** The handshake completed: the client certificate verified and carrying a SPIFFE ID, or the connection refused. */
  private onHandshake(tls: TLSSocket): void {
    const key = connKey(tls);
    const conn = this.pending.get(key);
    if (!conn) return void tls.destroy();
    this.pending.delete(key);
    conn.handshaken();
    const { entry } = conn;
    const steps = this.inbound.modeSteps;
    if (!tls.authorized)
      return refuseConnection(entry, tls, 'tls-failed', unverifiedClientDetail(!!tls.getPeerX509Certificate(), tls.authorizationError), steps);
    const peer = peerIdentity(tls);
    recordSession(entry, tls, peer);
    if (!peer) return refuseConnection(entry, tls, 'tls-failed', 'client certificate has no SPIFFE URI SAN', steps);
    tls.on('error', destroyOnError);
    this.established({ entry, sourceIp: conn.sourceIp, requests: 0, peer, sni: entry.sni }, tls);
  }

  private onHandshakeError(err: NodeJS.ErrnoException, tls: TLSSocket): void {
    const key = connKey(tls);
    const conn = this.pending.get(key);
    if (conn && NOT_TLS.has(err.code ?? '')) {
      this.pending.delete(key);
      return refuseConnection(conn.entry, tls, 'plaintext-refused', `STRICT mTLS on port ${this.inbound.port}: plaintext refused`, this.inbound.modeSteps);
    }
    if (conn) conn.entry.detail = `mTLS handshake failed: ${err.message}`;
    tls.destroy();
  }
}

/** Why a client certificate that did not verify is refused: none presented, or Node's reason for refusing it. */
export function unverifiedClientDetail(presented: boolean, authorizationError: Error | string | null | undefined): string {
  return presented ? `client certificate refused: ${String(authorizationError)}` : 'no client certificate: STRICT/PERMISSIVE mTLS needs one from the mesh';
}

/** What the verified session showed, on the connection's entry. */
function recordSession(entry: AccessEntry, tls: TLSSocket, peer: PeerIdentity | undefined): void {
  entry.mtls = true;
  entry.tlsVersion = tls.getProtocol() ?? undefined;
  entry.cipher = tls.getCipher()?.standardName;
  entry.peerIdentity = peer?.spiffeId;
  const sni = (tls as TLSSocket & { servername?: string | false }).servername;
  entry.sni = typeof sni === 'string' ? sni : undefined;
}

/** A connection that closed before its handshake completed: silent when it sent nothing, else a failed handshake. */
export function handshakeNeverCompleted(entry: AccessEntry, bytesRead: number, steps: ExplanationStep[]): void {
  entry.done = true;
  if (bytesRead === 0) {
    entry.detail = 'closed before sending anything';
    return;
  }
  entry.decision = 'tls-failed';
  // Node reports a refused client certificate only by closing; the client's side says more when it was the one to refuse.
  entry.detail ??= 'mTLS handshake did not complete: no client certificate, one the mesh trust bundle does not verify, or the client gave up';
  entry.steps = steps;
}
