// HTTP on the outbound side: the route for the request's destination, then the request on a pooled upstream connection.
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import type { AccessEntry, HopDecision } from './accessLog';
import { endToEnd, refuse, UNAVAILABLE, type OutboundReply, type OutboundRequest } from './outboundRequest';
import type { PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { routeTo, UpstreamError, type Route, type RouteResult } from './upstream';
import type { PooledConnection, PooledRequestArgs, UpstreamPool } from './upstreamPool';

/** Routes kept per sidecar; past this many targets the table starts over rather than grow. */
const MAX_ROUTES = 4096;

/** Routes looked up per target: policies do not change while the sandbox runs, so each target is resolved once. */
export class RouteCache {
  private readonly routes = new Map<string, RouteResult>();

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly source: PlannedWorkload,
    /** The source has a sidecar identity, and so may send mTLS. */
    private readonly withIdentity: boolean,
  ) {}

  get(target: string): RouteResult {
    let found = this.routes.get(target);
    if (!found) {
      if (this.routes.size >= MAX_ROUTES) this.routes.clear();
      found = routeTo(this.ctx, this.source, this.withIdentity, target);
      this.routes.set(target, found);
    }
    return found;
  }
}

/** Why a request failed before its answer: the connection's own decision, else a reset Envoy reports as such. */
export function upstreamFailure(err: NodeJS.ErrnoException): { decision: HopDecision; detail: string } {
  if (err instanceof UpstreamError) return { decision: err.decision, detail: err.detail };
  return { decision: 'upstream-failed', detail: `upstream connect error or disconnect/reset before headers: ${err.code ?? err.message}` };
}

/** The request's place on its pooled connection, and what that connection was established with. */
export function recordPooledConnection(entry: AccessEntry, route: Route, connection: PooledConnection): void {
  // How the next hop's entry for this request is found.
  entry.upstream = connection.local;
  entry.upstreamRequest = ++connection.requests;
  entry.target = `${route.dialHost}:${route.dialPort}`;
  entry.mtls = connection.mtls;
  entry.sni = connection.sni;
  entry.tlsVersion = connection.tlsVersion;
  entry.cipher = connection.cipher;
  entry.peerIdentity = connection.serverId;
}

/** One sidecar's HTTP forwarding: each request routed, then sent over the sidecar's upstream pool. */
export class OutboundHttp {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly routes: RouteCache,
    private readonly pool: UpstreamPool,
  ) {}

  /** Routes and sends one request; the outcome goes to `reply` and is logged on `entry`. Returns what abandons it. */
  forward(entry: AccessEntry, request: OutboundRequest, reply: OutboundReply): () => void {
    const { ctx, pool } = this;
    let current: ClientRequest | undefined;
    let abandoned = false;
    const abandon = () => {
      if (abandoned || entry.done) return;
      abandoned = true;
      entry.detail ??= 'the caller gave up before the answer';
      entry.done = true;
      current?.destroy();
    };
    if (!request.target) {
      refuse(entry, reply, 400, 'no destination: set the Host header');
      return abandon;
    }
    const routed = this.routes.get(request.target);
    if (!routed.ok) {
      entry.decision = routed.decision;
      refuse(entry, reply, UNAVAILABLE, routed.detail);
      return abandon;
    }
    const { route: to } = routed;
    const headers = endToEnd(request.headers);
    headers.host ??= `${to.destination.host}:${to.destination.port}`;
    const send = (mayRetry: boolean) => {
      entry.mtls = to.mtls;
      const args: PooledRequestArgs = {
        agent: pool,
        poolName: pool.nameFor(to),
        route: to,
        entry,
        host: to.dialHost,
        port: to.dialPort,
        method: request.method,
        path: request.path,
        headers,
        timeout: ctx.upstreamTimeoutMs,
      };
      let answered = false;
      const upstream = httpRequest(args, (upRes) => {
        answered = true;
        entry.status = upRes.statusCode;
        reply.answered(upRes);
      });
      current = upstream;
      upstream.on('socket', (socket: Socket) => {
        const connection = pool.connectionOf(socket);
        if (connection) recordPooledConnection(entry, to, connection);
      });
      upstream.on('timeout', () => upstream.destroy(new Error('upstream request timed out')));
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        if (abandoned) return;
        if (answered) return reply.broken();
        // A pooled connection its server closed while it sat idle (a listener that died): Node's documented
        // remedy is to send again on a fresh connection, which then fails or succeeds on its own merits.
        if (mayRetry && upstream.reusedSocket) {
          pool.closeIdle(args.poolName);
          return send(false);
        }
        const failure = upstreamFailure(err);
        entry.decision = failure.decision;
        refuse(entry, reply, UNAVAILABLE, failure.detail);
      });
      upstream.end(request.body);
    };
    send(true);
    return abandon;
  }
}
