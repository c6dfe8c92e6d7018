// How a sidecar reaches a destination: resolve it, pick plaintext or mTLS as the engine says, go direct or via the east-west gateway.
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import type { Duplex } from 'node:stream';
import { hasNetworkGateway } from '../../src/policy/eastWest';
import { clientTls, resolveDestination, resolveTargetPort } from '../../src/policy/index';
import type { Destination, Workload } from '../../src/policy/types';
import type { AccessEntry, HopDecision } from './accessLog';
import type { WorkloadIdentity } from './identity';
import { spiffeIdFromSan } from './peer';
import type { PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { destroyOnError } from './listen';

export type UpstreamResult = { ok: true; stream: Duplex; destination: Destination } | { ok: false; decision: HopDecision; detail: string };

/** Istio's SNI for mesh mTLS, which the east-west gateway routes on: outbound_.PORT_._.HOST */
export function meshSni(port: number, host: string): string {
  return `outbound_.${port}_._.${host}`;
}

/** Parses a mesh SNI back into port and host; undefined for anything else. */
export function parseMeshSni(sni: string | undefined): { port: number; host: string } | undefined {
  const m = /^outbound_\.(\d+)_\.[^_]*_\.(.+)$/.exec(sni ?? '');
  return m ? { port: Number(m[1]), host: m[2] } : undefined;
}

/** The port a Service port reaches on this endpoint (named target ports resolve per workload). */
export function targetPortOn(destination: Destination, endpoint: Workload): number {
  const sp = destination.service?.ports.find((p) => p.port === destination.port);
  return (sp && resolveTargetPort(sp, endpoint)) ?? destination.targetPort;
}

export function connectRaw(ctx: RuntimeContext, from: string, host: string, port: number, entry: AccessEntry): Promise<Socket> {
  return new Promise((resolve, reject) => {
    entry.target = `${host}:${port}`;
    entry.upstreamRequest = 1;
    // Nagle plus delayed ACKs would add ~40 ms to every request written in more than one segment.
    const socket = connect({ host, port, localAddress: from, noDelay: true });
    // The kernel picks the source port when connect() is issued; record it at once so that a connection the
    // destination resets during accept (NetworkPolicy) can still be matched to the destination's log entry.
    process.nextTick(() => {
      if (socket.localPort) entry.upstream = `${socket.localAddress ?? from}:${socket.localPort}`;
    });
    const onTimeout = () => socket.destroy(Object.assign(new Error(`connect to ${host}:${port} timed out`), { code: 'ETIMEDOUT' }));
    socket.setTimeout(ctx.upstreamTimeoutMs, onTimeout);
    socket.once('error', reject);
    socket.once('connect', () => {
      // Pooled connections stay open while idle; the connect timeout must not cut them later.
      socket.setTimeout(0, onTimeout);
      socket.off('error', reject);
      socket.on('error', destroyOnError);
      entry.upstream = `${socket.localAddress}:${socket.localPort}`;
      resolve(socket);
    });
  });
}

/** Istio checks the server's SAN against the destination's service accounts, not a DNS name; `seen` keeps the ID. */
function serverIdentityCheck(expected: Set<string>, seen: { id: string }): NonNullable<ConnectionOptions['checkServerIdentity']> {
  return (_host, cert) => {
    const id = spiffeIdFromSan(cert.subjectaltname);
    seen.id = id ?? '';
    return id && expected.has(id) ? undefined : new Error(`server identity ${id ?? '(none)'} is not one of ${[...expected].join(', ')}`);
  };
}

/** The server's leaf certificate alone, for a connection's identity check (see leafForIdentityCheck). */
function leafCertificate(this: TLSSocket): PeerCertificate {
  return TLSSocket.prototype.getPeerCertificate.call(this, false);
}

/**
 * Node hands checkServerIdentity the server's whole chain as JS objects (getPeerCertificate(true)), many times the
 * work of the leaf alone on every new connection. Istio's check reads the leaf's SAN only, and OpenSSL has verified the chain to the mesh root before Node asks;
 * so until `tls` (a client socket whose handshake has not completed) is connected, its getPeerCertificate gives the
 * leaf. Taken off once the handshake is done.
 */
export function leafForIdentityCheck(tls: TLSSocket): void {
  (tls as { getPeerCertificate(detailed?: boolean): PeerCertificate }).getPeerCertificate = leafCertificate;
  tls.once('secureConnect', () => delete (tls as Partial<Pick<TLSSocket, 'getPeerCertificate'>>).getPeerCertificate);
}

/** Resolves with the TLS socket and the server's verified SPIFFE ID (read once, while Node checks the server's identity). */
export function handshake(
  ctx: RuntimeContext,
  raw: Socket,
  identity: WorkloadIdentity,
  sni: string,
  expected: Set<string>,
): Promise<{ tls: TLSSocket; serverId: string }> {
  return new Promise((resolve, reject) => {
    // Node keeps the connect options as long as the connection: the check is made outside this function's scope,
    // so that it does not keep this scope (the promise, the socket before TLS) alive with it.
    const seen = { id: '' };
    const tls = tlsConnect({
      socket: raw,
      secureContext: identity.secureContext,
      servername: sni,
      rejectUnauthorized: true,
      checkServerIdentity: serverIdentityCheck(expected, seen),
    });
    leafForIdentityCheck(tls);
    const onTimeout = () => tls.destroy(Object.assign(new Error('mTLS handshake timed out'), { code: 'ETIMEDOUT' }));
    tls.setTimeout(ctx.upstreamTimeoutMs, onTimeout);
    tls.once('error', reject);
    tls.once('secureConnect', () => {
      tls.setTimeout(0, onTimeout);
      tls.off('error', reject);
      tls.on('error', destroyOnError);
      ctx.stats.mtlsHandshakes++;
      resolve({ tls, serverId: seen.id });
    });
  });
}

function describe(err: NodeJS.ErrnoException): string {
  return err.code ? `${err.code}: ${err.message}` : err.message;
}

/** Where a call to one target goes from one source, as the engine decides it; the same for every call while the sandbox runs. */
export interface Route {
  /** The destination, with targetPort set for the chosen endpoint. */
  destination: Destination;
  endpoint: PlannedWorkload;
  /** The client sends mTLS (it has a mesh identity and the engine says so). */
  mtls: boolean;
  sni?: string;
  /** Where the connection goes: the endpoint itself, or its network's east-west gateway. */
  dialHost: string;
  dialPort: number;
  /** SPIFFE IDs the server may present (the destination's service accounts). */
  expectedIds: Set<string>;
}

export type RouteResult = { ok: true; route: Route } | { ok: false; decision: 'no-route'; detail: string };

/** Picks the endpoint and channel for a call from `source` (with a sidecar when `withIdentity`) to `target`. */
export function routeTo(ctx: RuntimeContext, source: PlannedWorkload, withIdentity: boolean, target: string): RouteResult {
  const from: Workload = source.workload;
  const destination = resolveDestination(ctx.mesh, from, target);
  if (destination.error) return { ok: false, decision: 'no-route', detail: destination.error };
  if (destination.external)
    return { ok: false, decision: 'no-route', detail: `${destination.host} is outside the mesh; the local sandbox runs no external hosts` };
  // Like Istio's EDS for this client: endpoints in deterministic order, minus those on another network that
  // only an mTLS connection through the east-west gateway could reach when this client would not send mTLS.
  let chosen: { planned: PlannedWorkload; targetPort: number; mtls: boolean } | undefined;
  const skipped: string[] = [];
  for (const endpoint of destination.workloads) {
    const planned = ctx.byId.get(endpoint.id);
    if (!planned) {
      skipped.push(`${endpoint.id} is not running`);
      continue;
    }
    const targetPort = targetPortOn(destination, endpoint);
    const channel = withIdentity ? clientTls(ctx.mesh, from, { ...destination, targetPort }, endpoint) : { mtls: false };
    if (planned.network !== source.network && !hasNetworkGateway(ctx.mesh, endpoint.cluster, planned.network)) {
      skipped.push(`${endpoint.id} is on network ${planned.network}, which has no east-west gateway in the manifests: istiod drops its endpoints`);
      continue;
    }
    if (planned.network !== source.network && !channel.mtls) {
      skipped.push(`${endpoint.id} is on network ${planned.network}, reachable only with mTLS through its east-west gateway`);
      continue;
    }
    chosen = { planned, targetPort, mtls: channel.mtls };
    break;
  }
  if (!chosen)
    return {
      ok: false,
      decision: 'no-route',
      detail: `no reachable endpoint for ${destination.host}:${destination.port}${skipped.length ? ` (${skipped.join('; ')})` : ''}`,
    };
  const { planned } = chosen;
  const crossNetwork = planned.network !== source.network;
  const gateway = crossNetwork ? ctx.gateways.get(planned.network) : undefined;
  if (crossNetwork && !gateway) return { ok: false, decision: 'no-route', detail: `no east-west gateway for network ${planned.network}` };
  destination.targetPort = chosen.targetPort;
  const mtls = chosen.mtls && withIdentity;
  return {
    ok: true,
    route: {
      destination,
      endpoint: planned,
      mtls,
      ...(mtls ? { sni: meshSni(destination.port, destination.host) } : {}),
      dialHost: gateway ? gateway.address : planned.address,
      dialPort: gateway ? gateway.port : destination.targetPort,
      expectedIds: new Set(destination.workloads.map((w) => w.spiffeId)),
    },
  };
}

/** A connection that failed, with the hop decision it stands for. */
export class UpstreamError extends Error {
  constructor(
    readonly decision: 'upstream-failed' | 'tls-failed',
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * Dials a route from `source` and, for mTLS, completes the handshake that verifies the server's identity;
 * records on `entry` what the client sent and saw. Rejects with UpstreamError.
 */
export async function connectRoute(
  ctx: RuntimeContext,
  source: PlannedWorkload,
  identity: WorkloadIdentity | undefined,
  route: Route,
  entry: AccessEntry,
): Promise<Duplex> {
  // What the client sends, known before the first byte: a refused connection still says which channel it tried.
  entry.mtls = route.mtls;
  let raw: Socket;
  try {
    raw = await connectRaw(ctx, source.address, route.dialHost, route.dialPort, entry);
  } catch (err) {
    throw new UpstreamError('upstream-failed', describe(err as NodeJS.ErrnoException));
  }
  if (!route.mtls || !identity || !route.sni) return raw;
  entry.sni = route.sni;
  try {
    const { tls, serverId } = await handshake(ctx, raw, identity, route.sni, route.expectedIds);
    entry.tlsVersion = tls.getProtocol() ?? undefined;
    entry.cipher = tls.getCipher()?.standardName;
    entry.peerIdentity = serverId;
    return tls;
  } catch (err) {
    raw.destroy();
    throw new UpstreamError('tls-failed', describe(err as NodeJS.ErrnoException));
  }
}

/** Opens a connection of its own for one call (opaque TCP, or a naked client) from `source` to `target`. */
export async function openUpstream(
  ctx: RuntimeContext,
  source: PlannedWorkload,
  identity: WorkloadIdentity | undefined,
  target: string,
  entry: AccessEntry,
): Promise<UpstreamResult> {
  const routed = routeTo(ctx, source, !!identity, target);
  if (!routed.ok) return routed;
  try {
    return { ok: true, stream: await connectRoute(ctx, source, identity, routed.route, entry), destination: routed.route.destination };
  } catch (err) {
    if (err instanceof UpstreamError) return { ok: false, decision: err.decision, detail: err.detail };
    throw err;
  }
}
