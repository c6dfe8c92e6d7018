// The sidecar's outbound side: the app's plaintext request (or CONNECT for TCP) leaves as the engine's chosen channel.
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey, type AccessEntry } from './accessLog';
import { normalizeIp } from './admission';
import { listen } from './listen';
import { OUTBOUND_PORT, type PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { openUpstream } from './upstream';

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

export async function startOutbound(ctx: RuntimeContext, planned: PlannedWorkload): Promise<Server> {
  const identity = ctx.identities.get(planned.workload.id);
  const open = (socket: Socket, port: number): AccessEntry =>
    ctx.log.open('outbound', planned.workload.id, addressKey(normalizeIp(socket.remoteAddress), socket.remotePort), port);

  const server = createHttpServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    const entry = open(req.socket, OUTBOUND_PORT);
    const target = targetOf(req);
    const fail = (status: number, detail: string) => {
      entry.status = status;
      entry.detail = detail;
      entry.done = true;
      req.resume();
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(detail);
      else res.destroy();
    };
    if (!target) return fail(400, 'no destination: set the Host header');
    void openUpstream(ctx, planned, identity, target, entry).then((up) => {
      if (!up.ok) {
        entry.decision = up.decision;
        return fail(STATUS_FOR[up.decision] ?? 503, up.detail);
      }
      const headers: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(req.headers)) if (k !== DESTINATION_HEADER && k !== 'connection' && v !== undefined) headers[k] = v;
      headers.host ??= `${up.destination.host}:${up.destination.port}`;
      headers.connection = 'close';
      const upstream = httpRequest({ createConnection: () => up.stream as Socket, method: req.method, path: req.url, headers }, (upRes) => {
        entry.status = upRes.statusCode;
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.on('end', () => {
          entry.decision = 'forwarded';
          entry.done = true;
        });
      });
      upstream.setTimeout(ctx.upstreamTimeoutMs, () => upstream.destroy(new Error('upstream request timed out')));
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        entry.decision = 'upstream-failed';
        fail(503, `upstream connect error or disconnect/reset before headers: ${err.code ?? err.message}`);
      });
      req.pipe(upstream);
    });
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    const entry = open(client, OUTBOUND_PORT);
    const target = targetOf(req);
    const refuse = (status: number, detail: string) => {
      entry.status = status;
      entry.detail = detail;
      entry.done = true;
      client.end(`HTTP/1.1 ${status} Service Unavailable\r\ncontent-type: text/plain\r\n\r\n${detail}`);
    };
    if (!target) return refuse(400, 'no CONNECT target');
    void openUpstream(ctx, planned, identity, target, entry).then((up) => {
      if (!up.ok) {
        entry.decision = up.decision;
        return refuse(STATUS_FOR[up.decision] ?? 503, up.detail);
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
  await listen(server, planned.address, OUTBOUND_PORT);
  return server;
}
