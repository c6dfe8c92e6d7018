// The sidecar's inbound side for one port: PeerAuthentication mode on the wire, AuthorizationPolicy with the verified peer, XFCC.
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { composedMtlsMode } from '../../src/policy/index';
import type { MtlsMode } from '../../src/policy/types';
import { addressKey } from './accessLog';
import { admitConnection, normalizeIp } from './admission';
import { DecisionCache } from './decisionCache';
import { InboundHttp } from './inboundHttp';
import { refuseConnection, type InboundConnection, type InboundPort } from './inboundPort';
import { serveTcp } from './inboundTcp';
import { InboundTls } from './inboundTls';
import { destroyOnError, listen } from './listen';
import type { PlannedPort, PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { looksLikeHttp, peekFirstChunk, TLS_HANDSHAKE_BYTE } from './sniff';

export interface Inbound {
  server: Server;
  mode: MtlsMode;
  /** Builds the TLS server context now rather than on the first connection. */
  prepareTls(): void;
}

/**
 * The stages of a connection: accept and admission (NetworkPolicy, then the filter chain the mode has for its
 * first record), TLS termination and the peer's identity (inboundTls.ts), then HTTP (inboundHttp.ts) or opaque TCP
 * (inboundTcp.ts) serving by the port's protocol.
 */
export async function startInbound(ctx: RuntimeContext, planned: PlannedWorkload, port: PlannedPort, appPort: number): Promise<Inbound> {
  const workload = planned.workload;
  const identity = ctx.identities.get(workload.id);
  if (!identity) throw new Error(`no identity for ${workload.id}`);
  // Policies do not change while the sandbox runs, so the composed mode is worked out once per port.
  const { mode, steps } = composedMtlsMode(ctx.mesh, workload, port.port);
  const inbound: InboundPort = {
    ctx,
    planned,
    port: port.port,
    protocol: port.protocol,
    appPort,
    mode,
    modeSteps: steps,
    decisions: new DecisionCache(ctx.mesh, workload),
  };
  const http = new InboundHttp(inbound, identity.spiffeId);
  const serve = (conn: InboundConnection, stream: Duplex) => void serveConnection(inbound, http, conn, stream);
  const tls = new InboundTls(inbound, identity, serve);
  const server = createServer({ noDelay: true }, (socket) => accept(inbound, tls, serve, socket));
  await listen(server, planned.address, port.port);
  server.on('close', () => {
    tls.close();
    http.close();
  });
  return {
    server,
    mode,
    prepareTls: () => {
      if (mode !== 'DISABLE') tls.prepare();
    },
  };
}

/** Which of the port's filter chains takes a connection, by the mode and the first byte the client sent. */
export type FilterChain = 'tls' | 'plaintext' | 'none';

/**
 * STRICT has a TLS filter chain only: every connection goes to TLS, and a plaintext client fails on its first record
 * there. DISABLE has no TLS filter chain: a TLS client never completes its handshake. PERMISSIVE has both.
 */
export function filterChainFor(mode: MtlsMode, firstByte: number): FilterChain {
  if (mode === 'STRICT') return 'tls';
  if (firstByte !== TLS_HANDSHAKE_BYTE) return 'plaintext';
  return mode === 'DISABLE' ? 'none' : 'tls';
}

/** Accept and admission: NetworkPolicy where the CNI enforces it, then the filter chain for the first record. */
function accept(inbound: InboundPort, tls: InboundTls, serve: (conn: InboundConnection, stream: Duplex) => void, socket: Socket): void {
  socket.on('error', destroyOnError);
  const { ctx, planned, port, mode } = inbound;
  const sourceIp = normalizeIp(socket.remoteAddress);
  const entry = ctx.log.open('inbound', planned.workload.id, addressKey(sourceIp, socket.remotePort), port);
  if (!admitConnection(ctx, socket, planned, port, entry)) return;
  // Under STRICT the connection goes to TLS at once, its first bytes never read here: a plaintext client is closed
  // without a byte back, as Envoy closes it when no filter chain matches (the TLS stage names it plaintext-refused).
  if (mode === 'STRICT') return tls.hand(entry, sourceIp, socket);
  void peekFirstChunk(socket, ctx.upstreamTimeoutMs).then((first) => {
    if (!first) {
      entry.detail = 'closed before sending anything';
      entry.done = true;
      return void socket.destroy();
    }
    const chain = filterChainFor(mode, first[0]);
    if (chain === 'none') return refuseConnection(entry, socket, 'tls-failed', `mTLS DISABLE on port ${port}: TLS not accepted`, inbound.modeSteps);
    if (chain === 'plaintext') {
      entry.mtls = false;
      return serve({ entry, sourceIp, requests: 0 }, socket);
    }
    tls.hand(entry, sourceIp, socket);
  });
}

/** Serving by the port's protocol; an undeclared one is sniffed from the first bytes, as Istio does. */
async function serveConnection(inbound: InboundPort, http: InboundHttp, conn: InboundConnection, stream: Duplex): Promise<void> {
  let protocol = inbound.protocol;
  if (protocol === 'sniff') {
    const first = await peekFirstChunk(stream, inbound.ctx.upstreamTimeoutMs);
    if (!first) {
      conn.entry.done = true;
      return void stream.destroy();
    }
    protocol = looksLikeHttp(first) ? 'http' : 'tcp';
  }
  if (protocol === 'http') http.serve(conn, stream);
  else serveTcp(inbound, conn, stream);
}
