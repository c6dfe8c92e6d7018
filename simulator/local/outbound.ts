// The sidecar's outbound side: the app's plaintext request (or CONNECT for TCP) leaves as the engine's chosen channel.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey, type AccessEntry } from './accessLog';
import { normalizeIp } from './admission';
import { destroyOnError, listen } from './listen';
import { OutboundHttp, RouteCache } from './outboundHttp';
import { refuse, targetOf, type OutboundReply, type OutboundRequest } from './outboundRequest';
import { openTunnel } from './outboundTunnel';
import { OUTBOUND_PORT, type PlannedWorkload } from './plan';
import { relayAnswer } from './relay';
import type { RuntimeContext } from './runtimeContext';
import { INBOUND_KEEP_ALIVE_MS, UpstreamPool } from './upstreamPool';

export { DESTINATION_HEADER } from './outboundRequest';

/** A request body the sidecar holds (to resend it once on a fresh connection); traffic calls send none. */
const MAX_BODY = 1024 * 1024;

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

/**
 * The stages of a request: its access entry by its place on the app's connection, routing and the local reply when
 * there is no route, then HTTP over the upstream pool (outboundHttp.ts) or a CONNECT tunnel (outboundTunnel.ts).
 */
export async function startOutbound(ctx: RuntimeContext, planned: PlannedWorkload): Promise<Outbound> {
  const identity = ctx.identities.get(planned.workload.id);
  const pool = new UpstreamPool(ctx, planned, identity);
  const http = new OutboundHttp(ctx, new RouteCache(ctx, planned, !!identity), pool);
  // Requests seen per app connection: the app's client keeps its connection to the sidecar open between calls.
  const requestsOn = new WeakMap<Socket, number>();
  const server = createHttpServer({ keepAliveTimeout: INBOUND_KEEP_ALIVE_MS }, (req, res) => {
    fromApp(http, appEntry(ctx, planned, requestsOn, req.socket), req, res);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', destroyOnError);
    openTunnel(ctx, planned, identity, appEntry(ctx, planned, requestsOn, client), targetOf(req), client, head);
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('close', () => pool.destroy());
  await listen(server, planned.address, OUTBOUND_PORT);
  return { server, send: (request, reply) => handedOver(planned, http, request, reply) };
}

/** The access entry of the next request on an app connection, by its place on that connection. */
function appEntry(ctx: RuntimeContext, planned: PlannedWorkload, requestsOn: WeakMap<Socket, number>, socket: Socket): AccessEntry {
  const index = (requestsOn.get(socket) ?? 0) + 1;
  requestsOn.set(socket, index);
  return ctx.log.open('outbound', planned.workload.id, addressKey(normalizeIp(socket.remoteAddress), socket.remotePort), OUTBOUND_PORT, index);
}

/** A request the app wrote to the outbound port, its body read first; the outcome goes back on the app's response. */
function fromApp(http: OutboundHttp, entry: AccessEntry, req: IncomingMessage, res: ServerResponse): void {
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
  const request = (body?: Buffer): OutboundRequest => ({
    target: targetOf(req),
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    headers: req.headers,
    body,
  });
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    // No body (every GET): nothing to wait for or to hold for a resend.
    req.resume();
    http.forward(entry, request(), reply);
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
    http.forward(entry, request(chunks.length === 0 ? undefined : Buffer.concat(chunks)), reply);
  });
}

/** A request handed over in process (the replay's calls); its entry is the caller's, not in the shared log. */
function handedOver(planned: PlannedWorkload, http: OutboundHttp, request: OutboundRequest, reply: OutboundReply): { entry: AccessEntry; abandon: () => void } {
  // The app's own connection to its sidecar is inside the pod: the hop names the pod's address without a port.
  const entry: AccessEntry = { hop: 'outbound', proxy: planned.workload.id, downstream: planned.address, port: OUTBOUND_PORT, done: false };
  const abandon = http.forward(entry, request, {
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
}
