// Opaque TCP serving on the inbound side: one AuthorizationPolicy decision for the connection, then bytes to the app.
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { RequestAttributes } from '../../src/policy/types';
import type { InboundConnection, InboundPort } from './inboundPort';
import { relayBothWays } from './listen';

export function serveTcp(inbound: InboundPort, conn: InboundConnection, stream: Duplex): void {
  const { entry } = conn;
  const { ctx, planned, appPort } = inbound;
  const decision = inbound.decisions.authorize(connectionAttributes(conn, inbound.port));
  if (!decision.allowed) {
    entry.decision = 'authz-denied';
    entry.steps = decision.steps;
    entry.done = true;
    stream.destroy();
    return;
  }
  const app = connect({ host: planned.address, port: appPort, localAddress: planned.address, noDelay: true });
  app.setTimeout(ctx.upstreamTimeoutMs, () => app.destroy());
  app.once('connect', () => {
    entry.decision = 'forwarded';
    entry.done = true;
    app.setTimeout(0);
  });
  app.on('error', (err) => {
    entry.decision ??= 'upstream-failed';
    entry.detail ??= `app: ${err.message}`;
    entry.done = true;
    stream.destroy();
  });
  stream.on('error', () => app.destroy());
  relayBothWays(stream, app);
}

/** What AuthorizationPolicy sees of an opaque TCP connection: its verified peer, source, port and SNI; no HTTP fields. */
export function connectionAttributes(conn: InboundConnection, port: number): RequestAttributes {
  return { principal: conn.peer?.principal, namespace: conn.peer?.namespace, sourceIp: conn.sourceIp, port, http: false, sni: conn.sni };
}
