// A sidecar's pool of upstream connections, as Envoy keeps one: each mTLS connection verified once, at its handshake, then reused.
import { Agent, type ClientRequest, type ClientRequestArgs } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AccessEntry } from './accessLog';
import type { WorkloadIdentity } from './identity';
import type { PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { connectRoute, type Route } from './upstream';

/**
 * How long an idle pooled connection is kept. Shorter than the inbound's keep-alive timeout (INBOUND_KEEP_ALIVE_MS),
 * so it is always the client that closes an idle connection and never the server while a request is on its way.
 */
export const POOL_IDLE_MS = 60_000;
export const INBOUND_KEEP_ALIVE_MS = 2 * POOL_IDLE_MS;

/** What a pooled connection was established with, and how many requests it has carried. */
export interface PooledConnection {
  /** Local address:port: where the next hop logged this connection. */
  local: string;
  requests: number;
  mtls: boolean;
  tlsVersion?: string;
  cipher?: string;
  serverId?: string;
  sni?: string;
  /** The pool name it belongs to; when that is no longer the name in force for its route, it is not reused. */
  name: string;
  route: string;
}

/** http.request options that send over a pool: the route to take and the access entry of the request. */
export interface PooledRequestArgs extends ClientRequestArgs {
  route: Route;
  entry: AccessEntry;
  poolName: string;
}

export class UpstreamPool extends Agent {
  private readonly connections = new WeakMap<Duplex, PooledConnection>();
  /** Pool name in force per route (destination address, SNI): it changes when a certificate on either side does. */
  private readonly inForce = new Map<string, string>();

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly source: PlannedWorkload,
    private readonly identity: WorkloadIdentity | undefined,
  ) {
    super({ keepAlive: true, timeout: POOL_IDLE_MS, scheduling: 'fifo' });
  }

  /**
   * The name of the connections a request on `route` may reuse. It carries the serial numbers of both
   * certificates the connection was verified with: after a rotation (or a replaced, expired certificate) the next
   * request makes a new handshake that verifies the new certificate on the wire, and old connections close when idle.
   */
  nameFor(route: Route): string {
    const routeKey = `${route.dialHost}:${route.dialPort}|${route.sni ?? 'plaintext'}`;
    if (!route.mtls) return routeKey;
    const server = this.ctx.identities.get(route.endpoint.workload.id)?.certificate.serialNumber ?? '-';
    const name = `${routeKey}|${this.identity?.certificate.serialNumber ?? '-'}|${server}`;
    const previous = this.inForce.get(routeKey);
    if (previous !== name) {
      this.inForce.set(routeKey, name);
      if (previous) this.closeIdle(previous);
    }
    return name;
  }

  /** What a socket handed to a request was established with; undefined for a socket of another pool. */
  connectionOf(socket: Duplex): PooledConnection | undefined {
    return this.connections.get(socket);
  }

  /** Closes every idle connection of a pool name (after one of them turned out to be closed by its server). */
  closeIdle(name: string): void {
    for (const socket of this.freeSockets[name] ?? []) socket.destroy();
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const { route, entry, poolName } = options as PooledRequestArgs;
    // Node's Agent keeps these options as long as the connection: the first call's access entry is read here, once.
    delete (options as Partial<PooledRequestArgs>).entry;
    connectRoute(this.ctx, this.source, this.identity, route, entry).then(
      (stream) => {
        const routeKey = `${route.dialHost}:${route.dialPort}|${route.sni ?? 'plaintext'}`;
        this.connections.set(stream, {
          local: entry.upstream ?? '?',
          requests: 0,
          mtls: route.mtls,
          tlsVersion: entry.tlsVersion,
          cipher: entry.cipher,
          serverId: entry.peerIdentity,
          sni: entry.sni,
          name: poolName,
          route: routeKey,
        });
        callback?.(null, stream);
      },
      (err: Error) => callback?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }

  /** A connection whose certificates are no longer the ones in force is closed instead of going back to the pool. */
  override keepSocketAlive(socket: Duplex): boolean {
    const connection = this.connections.get(socket);
    if (connection?.mtls && this.inForce.get(connection.route) !== connection.name) return false;
    super.keepSocketAlive(socket);
    this.ctx.idle.parked(socket);
    return true;
  }

  override reuseSocket(socket: Duplex, req: ClientRequest): void {
    this.ctx.idle.taken(socket);
    super.reuseSocket(socket as Socket, req);
  }

  override getName(options?: ClientRequestArgs): string {
    return (options as PooledRequestArgs | undefined)?.poolName ?? super.getName(options);
  }
}
