// The sidecar's outbound side: the app's plaintext request (or CONNECT for TCP) leaves as the engine's chosen channel.
import { createServer as createHttpServer, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey, type AccessEntry } from './accessLog';
import { normalizeIp } from './admission';
import { HOP_BY_HOP } from './hopHeaders';
import { destroyOnError, listen } from './listen';
import { relayAnswer } from './relay';
import { OUTBOUND_PORT, type PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { openUpstream, routeTo, UpstreamError, type RouteResult } from './upstream';
import { INBOUND_KEEP_ALIVE_MS, UpstreamPool, type PooledRequestArgs } from './upstreamPool';

/**
 * Without iptables there is no original destination to recover, so the app names it: the Host header
 * (or the CONNECT target), or this header when the target is a workload reference rather than a host.
 */
export const DESTINATION_HEADER = 'x-ztn-destination';

const STATUS_FOR: Record<string, number> = { 'no-route': 503, 'upstream-failed': 503, 'tls-failed': 503 };

function targetOf(req: IncomingMessage): string | undefined {
  const explicit = req.headers[DESTINATION_HEADER];
  if (typeof explicit === 'string' && explicit) return explicit;
  return req.method === 'CONNECT' ? req.url : req.headers.host;
}

/** Routes looked up per target: policies do not change while the sandbox runs, so each target is resolved once. */
const MAX_ROUTES = 4096;
/** A request body the sidecar holds (to resend it once on a fresh connection); traffic calls send none. */
const MAX_BODY = 1024 * 1024;

/** A request the sidecar sends on: from its app's connection, or handed over in process by the replay. */
export interface OutboundRequest {
  /** Host[:port] or workload reference the app named; undefined when it named none. */
  target: string | undefined;
  method: string;
  path: string;
  /** End-to-end headers as the app sent them, names in lower case. */
  headers: IncomingHttpHeaders;
  /** Read in full before sending: resent once on a fresh connection when a pooled one turns out closed. */
  body?: Buffer;
}

/** Where the outcome of an OutboundRequest goes. */
export interface OutboundReply {
  /** The destination answered; the answer's body is still to be read. */
  answered(answer: IncomingMessage): void;
  /** The sidecar itself refused or failed the request (Envoy's local reply). */
  refused(status: number, detail: string): void;
  /** The connection broke after the answer had begun. */
  broken(): void;
}

/** The sidecar's outbound side: its listener for the app, and the same path for a request handed over in process. */
export interface Outbound {
  server: Server;
  /**
   * Sends `request` as if the app had written it to the outbound port: the replay's calls leave from the
   * sidecar like this, without a loopback HTTP exchange between app and sidecar. Returns the hop's access entry
   * (not in the shared log: the caller holds it) and a function that abandons the request.
   */
  send(request: OutboundRequest, reply: OutboundReply): { entry: AccessEntry; abandon: () => void };
}

/** What a request from the app carries on: everything but hop-by-hop headers and the sandbox's destination header. */
function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (k !== DESTINATION_HEADER && !HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
  return out;
}

/** The sidecar's own answer to a request it does not send on (Envoy's local reply), logged on `entry`. */
function refuse(entry: AccessEntry, reply: OutboundReply, status: number, detail: string): void {
  entry.status = status;
  entry.detail = detail;
  entry.done = true;
  reply.refused(status, detail);
}

export async function startOutbound(ctx: RuntimeContext, planned: PlannedWorkload): Promise<Outbound> {
  const identity = ctx.identities.get(planned.workload.id);
  const routes = new Map<string, RouteResult>();
  const route = (target: string): RouteResult => {
    let found = routes.get(target);
    if (!found) {
      if (routes.size >= MAX_ROUTES) routes.clear();
      found = routeTo(ctx, planned, !!identity, target);
      routes.set(target, found);
    }
    return found;
  };
  const pool = new UpstreamPool(ctx, planned, identity);
  // Requests seen per app connection: the app's client keeps its connection to the sidecar open between calls.
  const requestsOn = new WeakMap<Socket, number>();

  /** Routes and sends one request on a pooled connection; the outcome goes to `reply`, and is logged on `entry`. */
  const forward = (entry: AccessEntry, request: OutboundRequest, reply: OutboundReply): (() => void) => {
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
    const routed = route(request.target);
    if (!routed.ok) {
      entry.decision = routed.decision;
      refuse(entry, reply, STATUS_FOR[routed.decision] ?? 503, routed.detail);
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
        if (!connection) return;
        // The request's place on the connection: how the next hop's entry for it is found.
        entry.upstream = connection.local;
        entry.upstreamRequest = ++connection.requests;
        entry.target = `${to.dialHost}:${to.dialPort}`;
        entry.mtls = connection.mtls;
        entry.sni = connection.sni;
        entry.tlsVersion = connection.tlsVersion;
        entry.cipher = connection.cipher;
        entry.peerIdentity = connection.serverId;
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
        if (err instanceof UpstreamError) {
          entry.decision = err.decision;
          return refuse(entry, reply, STATUS_FOR[err.decision] ?? 503, err.detail);
        }
        entry.decision = 'upstream-failed';
        refuse(entry, reply, 503, `upstream connect error or disconnect/reset before headers: ${err.code ?? err.message}`);
      });
      upstream.end(request.body);
    };
    send(true);
    return abandon;
  };

  const server = createHttpServer({ keepAliveTimeout: INBOUND_KEEP_ALIVE_MS }, (req, res) => {
    const index = (requestsOn.get(req.socket) ?? 0) + 1;
    requestsOn.set(req.socket, index);
    const entry = ctx.log.open('outbound', planned.workload.id, addressKey(normalizeIp(req.socket.remoteAddress), req.socket.remotePort), OUTBOUND_PORT, index);
    const reply: OutboundReply = {
      answered: (answer) =>
        relayAnswer(answer, res, () => {
          entry.decision = 'forwarded';
          entry.done = true;
        }),
      refused: (status, detail) => {
        req.resume();
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(detail);
        else res.destroy();
      },
      broken: () => res.destroy(),
    };
    const request = (body?: Buffer): OutboundRequest => ({ target: targetOf(req), method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      // No body (every GET): nothing to wait for or to hold for a resend.
      req.resume();
      forward(entry, request(), reply);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return refuse(entry, reply, 413, `request body over ${MAX_BODY} bytes`);
      forward(entry, request(chunks.length === 0 ? undefined : Buffer.concat(chunks)), reply);
    });
  });

  const send: Outbound['send'] = (request, reply) => {
    // The app's own connection to its sidecar is inside the pod: the hop names the pod's address without a port.
    const entry: AccessEntry = { hop: 'outbound', proxy: planned.workload.id, downstream: planned.address, port: OUTBOUND_PORT, done: false };
    const abandon = forward(entry, request, {
      ...reply,
      answered: (answer) => {
        answer.once('end', () => {
          entry.decision = 'forwarded';
          entry.done = true;
        });
        reply.answered(answer);
      },
    });
    return { entry, abandon };
  };

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', destroyOnError);
    const index = (requestsOn.get(client) ?? 0) + 1;
    requestsOn.set(client, index);
    const entry = ctx.log.open('outbound', planned.workload.id, addressKey(normalizeIp(client.remoteAddress), client.remotePort), OUTBOUND_PORT, index);
    const target = targetOf(req);
    const refuseTunnel = (status: number, detail: string) => {
      entry.status = status;
      entry.detail = detail;
      entry.done = true;
      client.end(`HTTP/1.1 ${status} Service Unavailable\r\ncontent-type: text/plain\r\n\r\n${detail}`);
    };
    if (!target) return refuseTunnel(400, 'no CONNECT target');
    void openUpstream(ctx, planned, identity, target, entry).then((up) => {
      if (!up.ok) {
        entry.decision = up.decision;
        return refuseTunnel(STATUS_FOR[up.decision] ?? 503, up.detail);
      }
      entry.decision = 'forwarded';
      entry.status = 200;
      entry.done = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) up.stream.write(head);
      up.stream.on('error', () => client.destroy());
      client.on('error', () => up.stream.destroy());
      up.stream.pipe(client).pipe(up.stream);
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('close', () => pool.destroy());
  await listen(server, planned.address, OUTBOUND_PORT);
  return { server, send };
}
