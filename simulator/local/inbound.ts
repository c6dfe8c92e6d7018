// The sidecar's inbound side for one port: PeerAuthentication mode on the wire, AuthorizationPolicy with the verified peer, XFCC.
import { Agent as HttpAgent, request as httpRequest, createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { constants as cryptoConstants } from 'node:crypto';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { composedMtlsMode } from '../../src/policy/index';
import type { MtlsMode, RequestAttributes } from '../../src/policy/types';
import { addressKey, type AccessEntry } from './accessLog';
import { admitConnection, normalizeIp } from './admission';
import { DecisionCache } from './decisionCache';
import { HOP_BY_HOP } from './hopHeaders';
import { destroyOnError, listen } from './listen';
import { peerIdentity, xfccFor, type PeerIdentity } from './peer';
import { relayAnswer } from './relay';
import type { PlannedPort, PlannedWorkload } from './plan';
import { INBOUND_KEEP_ALIVE_MS } from './upstreamPool';
import type { RuntimeContext } from './runtimeContext';
import { looksLikeHttp, peekFirstChunk, TLS_HANDSHAKE_BYTE } from './sniff';

/**
 * OpenSSL's errors for a first record that is not TLS at all (an HTTP request, a proxy CONNECT, any other
 * plaintext); it closes those without sending an alert.
 */
const NOT_TLS = new Set(['ERR_SSL_HTTP_REQUEST', 'ERR_SSL_HTTPS_PROXY_REQUEST', 'ERR_SSL_WRONG_VERSION_NUMBER']);

/**
 * No stateless session tickets (SSL_OP_NO_TICKET). The sidecars never resume a session, so a ticket that carries
 * the whole session, the client's certificate in it, encrypted twice per handshake, was work for nobody: a tenth of
 * a new connection's time. TLS 1.3 still sends its two NewSessionTicket messages, holding only a session ID, and
 * Node keeps no server-side session cache: every connection makes a full handshake whose client certificate is
 * verified on the wire, as the pool's verified-once model says.
 */
export const INBOUND_SECURE_OPTIONS = cryptoConstants.SSL_OP_NO_TICKET;

/** How long the sidecar keeps an idle connection to its app (the app's own keep-alive timeout is longer). */
const APP_IDLE_MS = 30_000;

interface Connection {
  /** The entry of the connection's first request, which also holds what was decided at accept. */
  entry: AccessEntry;
  sourceIp: string;
  peer?: PeerIdentity;
  sni?: string;
  /** Requests received so far: pooled connections from other sidecars carry many. */
  requests: number;
}

export interface Inbound {
  server: Server;
  mode: MtlsMode;
  /** Builds the TLS server context now rather than on the first connection (a millisecond or two each). */
  prepareTls(): void;
}

export async function startInbound(ctx: RuntimeContext, planned: PlannedWorkload, port: PlannedPort, appPort: number): Promise<Inbound> {
  const workload = planned.workload;
  const identity = ctx.identities.get(workload.id);
  if (!identity) throw new Error(`no identity for ${workload.id}`);
  // Policies do not change while the sandbox runs, so the composed mode is worked out once per port.
  const { mode, steps: modeSteps } = composedMtlsMode(ctx.mesh, workload, port.port);
  const connections = new WeakMap<Duplex, Connection>();
  // Like Envoy's upstream pool: requests to the app reuse connections instead of dialing it for each one.
  // It closes idle connections itself, long before the app's keep-alive timeout, so the app never closes one in use.
  const appConnections = new HttpAgent({ keepAlive: true, maxFreeSockets: 64, timeout: APP_IDLE_MS });

  // Clients pool their connections (UpstreamPool) and close them when idle, before this timeout would.
  const http = createHttpServer({ keepAliveTimeout: INBOUND_KEEP_ALIVE_MS }, (req, res) => {
    const conn = connections.get(req.socket);
    if (conn) handleRequest(conn, req, res);
    else res.destroy();
  });
  http.on('clientError', (_err, socket) => socket.destroy());
  const decisions = new DecisionCache(ctx.mesh, workload);

  /** The entry of the connection's next request: the first one's, or a new one with what the connection showed. */
  const entryForNextRequest = (conn: Connection): AccessEntry => {
    const index = ++conn.requests;
    if (index === 1) return conn.entry;
    const first = conn.entry;
    const entry = ctx.log.open('inbound', workload.id, first.downstream, port.port, index);
    entry.mtls = first.mtls;
    entry.tlsVersion = first.tlsVersion;
    entry.cipher = first.cipher;
    entry.peerIdentity = first.peerIdentity;
    entry.sni = first.sni;
    return entry;
  };

  const handleRequest = (conn: Connection, req: IncomingMessage, res: ServerResponse) => {
    const entry = entryForNextRequest(conn);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const attrs: RequestAttributes = {
      principal: conn.peer?.principal,
      namespace: conn.peer?.namespace,
      sourceIp: conn.sourceIp,
      port: port.port,
      host: req.headers.host,
      method: req.method,
      path: req.url,
      headers,
      http: true,
      sni: conn.sni,
    };
    const decision = decisions.authorize(attrs);
    if (!decision.allowed) {
      entry.decision = 'authz-denied';
      entry.status = 403;
      entry.steps = decision.steps;
      entry.done = true;
      req.resume();
      res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('RBAC: access denied');
      return;
    }
    // SANITIZE_SET, as Istio's sidecar does: a caller cannot forge the header, only the verified peer sets it.
    delete headers['x-forwarded-client-cert'];
    for (const h of HOP_BY_HOP) delete headers[h];
    if (conn.peer) headers['x-forwarded-client-cert'] = xfccFor(conn.peer, identity.spiffeId);
    entry.xfcc = headers['x-forwarded-client-cert'];
    const upstream = httpRequest(
      { host: planned.address, port: appPort, localAddress: planned.address, method: req.method, path: req.url, headers, agent: appConnections, timeout: ctx.upstreamTimeoutMs },
      (appRes) => {
        entry.status = appRes.statusCode;
        relayAnswer(appRes, res, () => {
          entry.decision = 'forwarded';
          entry.done = true;
        });
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('app timed out')));
    upstream.on('error', (err) => {
      entry.decision = 'upstream-failed';
      entry.detail = `app: ${err.message}`;
      entry.done = true;
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('upstream connect error');
      else res.destroy();
    });
    // A request without a body (every GET) ends at once rather than through a pipe.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      req.resume();
      upstream.end();
    } else req.pipe(upstream);
  };

  const serveTcp = (conn: Connection, stream: Duplex) => {
    const { entry } = conn;
    const decision = decisions.authorize({ principal: conn.peer?.principal, namespace: conn.peer?.namespace, sourceIp: conn.sourceIp, port: port.port, http: false, sni: conn.sni });
    if (!decision.allowed) {
      entry.decision = 'authz-denied';
      entry.steps = decision.steps;
      entry.done = true;
      stream.destroy();
      return;
    }
    const app = connect({ host: planned.address, port: appPort, localAddress: planned.address, noDelay: true });
    app.setTimeout(ctx.upstreamTimeoutMs, () => app.destroy());
    app.once('connect', () => {
      entry.decision = 'forwarded';
      entry.done = true;
      app.setTimeout(0);
    });
    app.on('error', (err) => {
      entry.decision ??= 'upstream-failed';
      entry.detail ??= `app: ${err.message}`;
      entry.done = true;
      stream.destroy();
    });
    stream.on('error', () => app.destroy());
    stream.pipe(app).pipe(stream);
  };

  const serve = async (conn: Connection, stream: Duplex) => {
    let protocol = port.protocol;
    if (protocol === 'sniff') {
      const first = await peekFirstChunk(stream, ctx.upstreamTimeoutMs);
      if (!first) {
        conn.entry.done = true;
        return void stream.destroy();
      }
      protocol = looksLikeHttp(first) ? 'http' : 'tcp';
    }
    if (protocol === 'http') {
      connections.set(stream, conn);
      http.emit('connection', stream);
    } else serveTcp(conn, stream);
  };

  const refuse = (entry: AccessEntry, socket: Socket, decision: 'plaintext-refused' | 'tls-failed', detail: string) => {
    entry.decision = decision;
    entry.detail = detail;
    entry.steps = modeSteps;
    entry.done = true;
    socket.destroy();
  };

  // Handshakes waiting to complete, by downstream address: the TLS server reports them by TLS socket only.
  const pending = new Map<string, Connection & { handshaken(): void }>();
  const connKey = (socket: { remoteAddress?: string; remotePort?: number }) => addressKey(normalizeIp(socket.remoteAddress), socket.remotePort);
  const serverContext = () => ({ ...identity.tlsOptions(), secureOptions: INBOUND_SECURE_OPTIONS });
  // A real tls.Server (fed accepted sockets) so client-certificate verification is Node's own, not ours; it
  // verifies the chain against the mesh root, and refusing here rather than inside Node keeps the reason.
  const makeTlsServer = () => {
    const server = createTlsServer({ ...serverContext(), requestCert: true, rejectUnauthorized: false, handshakeTimeout: ctx.upstreamTimeoutMs }, (tls) => {
      const conn = pending.get(connKey(tls));
      if (!conn) return void tls.destroy();
      pending.delete(connKey(tls));
      conn.handshaken();
      const { entry } = conn;
      if (!tls.authorized) {
        const presented = !!tls.getPeerX509Certificate();
        entry.decision = 'tls-failed';
        entry.detail = presented ? `client certificate refused: ${String(tls.authorizationError)}` : 'no client certificate: STRICT/PERMISSIVE mTLS needs one from the mesh';
        entry.steps = modeSteps;
        entry.done = true;
        return void tls.destroy();
      }
      const peer = peerIdentity(tls);
      entry.mtls = true;
      entry.tlsVersion = tls.getProtocol() ?? undefined;
      entry.cipher = tls.getCipher()?.standardName;
      entry.peerIdentity = peer?.spiffeId;
      const sni = (tls as TLSSocket & { servername?: string | false }).servername;
      entry.sni = typeof sni === 'string' ? sni : undefined;
      if (!peer) {
        entry.decision = 'tls-failed';
        entry.detail = 'client certificate has no SPIFFE URI SAN';
        entry.steps = modeSteps;
        entry.done = true;
        return void tls.destroy();
      }
      tls.on('error', destroyOnError);
      void serve({ entry, sourceIp: conn.sourceIp, requests: 0, peer, sni: entry.sni }, tls);
    });
    server.on('tlsClientError', (err: NodeJS.ErrnoException, tls) => {
      const conn = pending.get(connKey(tls));
      if (conn && NOT_TLS.has(err.code ?? '')) {
        pending.delete(connKey(tls));
        refuse(conn.entry, tls, 'plaintext-refused', `STRICT mTLS on port ${port.port}: plaintext refused`);
        return;
      }
      if (conn) conn.entry.detail = `mTLS handshake failed: ${err.message}`;
      tls.destroy();
    });
    return server;
  };
  // Built on the first TLS connection: a server context costs a millisecond or two, and most ports of a large
  // sandbox are never called; `up` stays fast.
  let tlsServer: ReturnType<typeof createTlsServer> | undefined;
  const unsubscribe = identity.onRotate(() => tlsServer?.setSecureContext(serverContext()));

  /** Hands an accepted connection to the TLS server; what becomes of its handshake is logged on `entry`. */
  const handToTls = (entry: AccessEntry, sourceIp: string, socket: Socket) => {
    // Reports a handshake that never completed; taken off once it has (it would only hold this connection's set-up).
    const onClose = () => {
      if (!pending.delete(entry.downstream) || entry.done) return;
      entry.done = true;
      if (socket.bytesRead === 0) {
        entry.detail = 'closed before sending anything';
        return;
      }
      entry.decision = 'tls-failed';
      // Node reports a refused client certificate only by closing; the client's side says more when it was the one to refuse.
      entry.detail ??= 'mTLS handshake did not complete: no client certificate, one the mesh trust bundle does not verify, or the client gave up';
      entry.steps = modeSteps;
    };
    pending.set(entry.downstream, { entry, sourceIp, requests: 0, handshaken: () => socket.off('close', onClose) });
    socket.once('close', onClose);
    tlsServer ??= makeTlsServer();
    tlsServer.emit('connection', socket);
  };

  const server = createServer({ noDelay: true }, (socket) => {
    socket.on('error', destroyOnError);
    const sourceIp = normalizeIp(socket.remoteAddress);
    const entry = ctx.log.open('inbound', workload.id, addressKey(sourceIp, socket.remotePort), port.port);
    if (!admitConnection(ctx, socket, planned, port.port, entry)) return;
    // STRICT has a TLS filter chain only: the connection goes to TLS at once, its first bytes never read here. A
    // plaintext client fails on its first record and is closed without a byte back, as Envoy closes it when no
    // filter chain matches (the tlsClientError handler names it plaintext-refused).
    if (mode === 'STRICT') return handToTls(entry, sourceIp, socket);
    void peekFirstChunk(socket, ctx.upstreamTimeoutMs).then((first) => {
      if (!first) {
        entry.detail = 'closed before sending anything';
        entry.done = true;
        return void socket.destroy();
      }
      const isTls = first[0] === TLS_HANDSHAKE_BYTE;
      // DISABLE has no TLS filter chain: a TLS client never completes its handshake.
      if (mode === 'DISABLE' && isTls) return refuse(entry, socket, 'tls-failed', `mTLS DISABLE on port ${port.port}: TLS not accepted`);
      if (!isTls) {
        entry.mtls = false;
        return void serve({ entry, sourceIp, requests: 0 }, socket);
      }
      handToTls(entry, sourceIp, socket);
    });
  });
  await listen(server, planned.address, port.port);
  server.on('close', () => {
    unsubscribe();
    http.close();
    appConnections.destroy();
  });
  return {
    server,
    mode,
    prepareTls: () => {
      if (mode !== 'DISABLE') tlsServer ??= makeTlsServer();
    },
  };
}
