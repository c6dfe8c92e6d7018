// Binds a server to one loopback address and port, turning bind errors into messages that name the address.
import type { Server, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export class ListenError extends Error {}

const openConnections = new WeakMap<Server, Set<Socket>>();

/** Listens and resolves with the bound port (useful with port 0). */
export function listen(server: Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE' ? 'already in use' : err.code === 'EADDRNOTAVAIL' ? 'address not available (is 127.0.0.0/8 routed to lo?)' : err.message;
      reject(new ListenError(`cannot listen on ${address}:${port}: ${why}`));
    };
    server.once('error', onError);
    const sockets = new Set<Socket>();
    openConnections.set(server, sockets);
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    server.listen({ host: address, port, backlog: 1024 }, () => {
      server.off('error', onError);
      const bound = server.address();
      resolve(typeof bound === 'object' && bound ? bound.port : port);
    });
  });
}

/** Connections a server listening through `listen` has accepted and not yet closed. */
export function openConnectionCount(server: Server): number {
  return openConnections.get(server)?.size ?? 0;
}

/** Stops accepting, cuts every open connection, and resolves once the port is free. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    for (const socket of openConnections.get(server) ?? []) socket.destroy();
  });
}

/**
 * The error listener an established connection keeps (`socket.on('error', destroyOnError)`): one function for all,
 * where a closure per connection would keep its set-up (the promise, the first call's access entry) alive as long
 * as the pooled connection.
 */
export function destroyOnError(this: Duplex): void {
  this.destroy();
}

/**
 * Relays bytes both ways, as Envoy's TCP proxy does. When either side closes, the other is ended (what it was sent
 * is flushed) and then closed: a pipe alone leaves the source paused once its destination is gone, and a paused
 * socket never reads the peer's FIN or reset, so its descriptor stayed open for good.
 */
export function relayBothWays(a: Duplex, b: Duplex): void {
  a.pipe(b).pipe(a);
  a.once('close', () => closeAfterFlush(b));
  b.once('close', () => closeAfterFlush(a));
}

function closeAfterFlush(stream: Duplex): void {
  if (stream.destroyed) return;
  stream.end(() => stream.destroy());
}
