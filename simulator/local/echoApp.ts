// The workload's application: an echo server that reports what reached it, including X-Forwarded-Client-Cert.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { addressKey } from './accessLog';
import { admitConnection, normalizeIp } from './admission';
import type { EchoReport } from './echoReport';
import { destroyOnError, listen } from './listen';
import type { PlannedPort, PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { looksLikeHttp, peekFirstChunk } from './sniff';

const MAX_BODY = 64 * 1024;

export interface EchoApp {
  server: Server;
  /** Port the app listens on: the declared port without a sidecar, an ephemeral one behind it. */
  port: number;
}

/**
 * Starts the app for one declared port. Without a sidecar it listens on the declared port itself and the
 * CNI's NetworkPolicy check runs here; behind a sidecar it takes connections from its own pod address only.
 */
export async function startEchoApp(ctx: RuntimeContext, planned: PlannedWorkload, port: PlannedPort, exposed: boolean): Promise<EchoApp> {
  // Idle connections are closed by the sidecar's pool (APP_IDLE_MS) well before this, never by the app while the
  // sidecar is sending on them: the race that otherwise resets a pooled request.
  // Requests per connection of an exposed app: a sidecar's pool sends many on one, each logged as its own.
  const requestsOn = new WeakMap<Socket, number>();
  const http = createHttpServer({ keepAliveTimeout: 120_000 }, (req, res) => {
    const index = requestsOn.get(req.socket);
    if (index !== undefined) {
      requestsOn.set(req.socket, index + 1);
      if (index + 1 > 1) {
        const entry = ctx.log.open('app', planned.workload.id, addressKey(normalizeIp(req.socket.remoteAddress), req.socket.remotePort), port.port, index + 1);
        entry.decision = 'forwarded';
        entry.done = true;
      }
    }
    answerHttp(planned, port.port, req, res);
  });
  http.on('clientError', (_err, socket) => socket.destroy());
  const server = createTcpServer({ noDelay: true }, (socket) => {
    socket.on('error', destroyOnError);
    const source = normalizeIp(socket.remoteAddress);
    if (exposed) {
      const entry = ctx.log.open('app', planned.workload.id, addressKey(source, socket.remotePort), port.port);
      if (!admitConnection(ctx, socket, planned, port.port, entry)) return;
      entry.decision = 'forwarded';
      entry.done = true;
      requestsOn.set(socket, 0);
    } else if (source !== planned.address) {
      // Only the pod's own sidecar reaches the app, as iptables redirection guarantees in a real pod.
      socket.resetAndDestroy();
      return;
    }
    void dispatch(socket);
  });
  const dispatch = async (socket: Socket) => {
    let protocol = port.protocol;
    if (protocol === 'sniff') {
      const first = await peekFirstChunk(socket, ctx.upstreamTimeoutMs);
      if (!first) return void socket.destroy();
      protocol = looksLikeHttp(first) ? 'http' : 'tcp';
    }
    if (protocol === 'http') http.emit('connection', socket);
    else answerTcp(planned, port.port, socket);
  };
  const bound = await listen(server, planned.address, exposed ? port.port : 0);
  server.on('close', () => http.close());
  return { server, port: bound };
}

function answerHttp(planned: PlannedWorkload, port: number, req: IncomingMessage, res: ServerResponse): void {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) req.destroy();
  });
  req.on('end', () => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const xfcc = headers['x-forwarded-client-cert'];
    const report: EchoReport = {
      workload: planned.workload.id,
      port,
      source: normalizeIp(req.socket.remoteAddress),
      protocol: 'http',
      method: req.method,
      path: req.url,
      ...(xfcc ? { xfcc } : {}),
      headers,
    };
    const body = JSON.stringify(report);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}

/** Opaque TCP: one JSON line describing the connection, then the bytes echoed back. */
function answerTcp(planned: PlannedWorkload, port: number, socket: Socket): void {
  const report: EchoReport = { workload: planned.workload.id, port, source: normalizeIp(socket.remoteAddress), protocol: 'tcp' };
  socket.write(JSON.stringify(report) + '\n');
  socket.pipe(socket);
}
