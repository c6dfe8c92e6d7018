// HTTP serving on the inbound side: an AuthorizationPolicy decision per request, then the request to the app with XFCC.
import {
  Agent as HttpAgent,
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExplanationStep, RequestAttributes } from '../../src/policy/types';
import type { AccessEntry, AccessLog } from './accessLog';
import { HOP_BY_HOP } from './hopHeaders';
import type { InboundConnection, InboundPort } from './inboundPort';
import { xfccFor, type PeerIdentity } from './peer';
import { relayAnswer } from './relay';
import { INBOUND_KEEP_ALIVE_MS } from './upstreamPool';

/** How long the sidecar keeps an idle connection to its app (the app's own keep-alive timeout is longer). */
const APP_IDLE_MS = 30_000;

const XFCC = 'x-forwarded-client-cert';

/** One HTTP server per port, fed the port's established connections (plaintext or TLS) rather than listening itself. */
export class InboundHttp {
  private readonly connections = new WeakMap<Duplex, InboundConnection>();
  // Like Envoy's upstream pool: requests to the app reuse connections instead of dialing it for each one.
  // It closes idle connections itself, long before the app's keep-alive timeout, so the app never closes one in use.
  private readonly appConnections = new HttpAgent({ keepAlive: true, maxFreeSockets: 64, timeout: APP_IDLE_MS });
  private readonly server: HttpServer;

  constructor(
    private readonly inbound: InboundPort,
    /** The sidecar's own SPIFFE ID: XFCC's By field. */
    private readonly spiffeId: string,
  ) {
    // Clients pool their connections (UpstreamPool) and close them when idle, before this timeout would.
    this.server = createHttpServer({ keepAliveTimeout: INBOUND_KEEP_ALIVE_MS }, (req, res) => {
      const conn = this.connections.get(req.socket);
      if (conn) this.handle(conn, req, res);
      else res.destroy();
    });
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  /** Serves the requests an established connection carries. */
  serve(conn: InboundConnection, stream: Duplex): void {
    this.connections.set(stream, conn);
    this.server.emit('connection', stream);
  }

  close(): void {
    this.server.close();
    this.appConnections.destroy();
  }

  private handle(conn: InboundConnection, req: IncomingMessage, res: ServerResponse): void {
    const { ctx, planned, port, decisions } = this.inbound;
    const entry = nextRequestEntry(ctx.log, planned.workload.id, port, conn);
    const headers = flatHeaders(req.headers);
    const decision = decisions.authorize(requestAttributes(conn, port, req, headers));
    if (!decision.allowed) return denyRequest(entry, decision.steps, req, res);
    entry.xfcc = headersForApp(headers, conn.peer, this.spiffeId);
    this.forwardToApp(entry, req, res, headers);
  }

  /** Sends an authorized request on to the app over a pooled connection and relays its answer. */
  private forwardToApp(entry: AccessEntry, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
    const { ctx, planned, appPort } = this.inbound;
    const upstream = httpRequest(
      {
        host: planned.address,
        port: appPort,
        localAddress: planned.address,
        method: req.method,
        path: req.url,
        headers,
        agent: this.appConnections,
        timeout: ctx.upstreamTimeoutMs,
      },
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
  }
}

/** The entry of the connection's next request: the first one's, or a new one with what the connection showed. */
export function nextRequestEntry(log: AccessLog, proxy: string, port: number, conn: InboundConnection): AccessEntry {
  const index = ++conn.requests;
  if (index === 1) return conn.entry;
  const first = conn.entry;
  const entry = log.open('inbound', proxy, first.downstream, port, index);
  entry.mtls = first.mtls;
  entry.tlsVersion = first.tlsVersion;
  entry.cipher = first.cipher;
  entry.peerIdentity = first.peerIdentity;
  entry.sni = first.sni;
  return entry;
}

/** Request headers with one value each, as AuthorizationPolicy conditions read them (repeated ones joined). */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** What AuthorizationPolicy sees of a request: the verified peer of its connection and the request line and headers. */
export function requestAttributes(
  conn: InboundConnection,
  port: number,
  req: Pick<IncomingMessage, 'headers' | 'method' | 'url'>,
  headers: Record<string, string>,
): RequestAttributes {
  return {
    principal: conn.peer?.principal,
    namespace: conn.peer?.namespace,
    sourceIp: conn.sourceIp,
    port,
    host: req.headers.host,
    method: req.method,
    path: req.url,
    headers,
    http: true,
    sni: conn.sni,
  };
}

/** Envoy's 403 for a request AuthorizationPolicy denies; the connection closes after it. */
function denyRequest(entry: AccessEntry, steps: ExplanationStep[], req: IncomingMessage, res: ServerResponse): void {
  entry.decision = 'authz-denied';
  entry.status = 403;
  entry.steps = steps;
  entry.done = true;
  req.resume();
  res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('RBAC: access denied');
}

/**
 * Makes `headers` (in place) what the app receives: no hop-by-hop headers, and XFCC as Istio's SANITIZE_SET writes
 * it, so a caller cannot forge it and only a verified peer sets it. Returns the XFCC value sent, if any.
 */
export function headersForApp(headers: Record<string, string>, peer: PeerIdentity | undefined, spiffeId: string): string | undefined {
  delete headers[XFCC];
  for (const h of HOP_BY_HOP) delete headers[h];
  if (peer) headers[XFCC] = xfccFor(peer, spiffeId);
  return headers[XFCC];
}
