// The east-west gateway of one network: routes mTLS by SNI to a local endpoint without terminating it (AUTO_PASSTHROUGH).
import { connect, createServer, type Server } from 'node:net';
import { getExtensionData, readTlsClientHello } from 'read-tls-client-hello';
import { resolveDestination } from '../../src/policy/index';
import { addressKey } from './accessLog';
import { admitAtGateway, normalizeIp } from './admission';
import { destroyOnError, listen, relayBothWays } from './listen';
import type { PlannedGateway } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { parseMeshSni, targetPortOn } from './upstream';

/** A closed connection's entry stays a while: the replay reads a refused connection's entry after it closed. */
const RELEASE_AFTER_CLOSE_MS = 30_000;

export async function startGateway(ctx: RuntimeContext, gateway: PlannedGateway): Promise<Server> {
  const proxy = `gateway ${gateway.network}`;
  const server = createServer({ noDelay: true }, (socket) => {
    socket.on('error', destroyOnError);
    // One entry per connection, read by every request a pooled mTLS connection carries through the gateway.
    const entry = ctx.log.openConnection('gateway', proxy, addressKey(normalizeIp(socket.remoteAddress), socket.remotePort), gateway.port);
    socket.once('close', () => setTimeout(() => ctx.log.release(entry), RELEASE_AFTER_CLOSE_MS).unref());
    const drop = (detail: string) => {
      entry.decision = 'no-route';
      entry.detail = detail;
      entry.done = true;
      socket.destroy();
    };
    if (!admitAtGateway(ctx, socket, gateway, entry)) return;
    socket.setTimeout(ctx.upstreamTimeoutMs, () => drop('no TLS ClientHello before the timeout'));
    readTlsClientHello(socket).then(
      (hello) => {
        socket.setTimeout(0);
        const sni = getExtensionData(hello, 'sni')?.serverName;
        entry.sni = sni;
        const target = parseMeshSni(sni);
        if (!target) return drop(`SNI '${sni ?? ''}' is not a mesh SNI (outbound_.PORT_._.HOST)`);
        const destination = resolveDestination(ctx.mesh, undefined, `${target.host}:${target.port}`);
        // AUTO_PASSTHROUGH only reaches endpoints of its own network.
        const endpoint = destination.workloads.find((w) => ctx.byId.get(w.id)?.network === gateway.network);
        const local = endpoint && ctx.byId.get(endpoint.id);
        if (destination.error || !endpoint || !local)
          return drop(destination.error ?? `no endpoint of ${target.host}:${target.port} on network ${gateway.network}`);
        const targetPort = targetPortOn(destination, endpoint);
        entry.target = `${local.address}:${targetPort}`;
        const upstream = connect({ host: local.address, port: targetPort, localAddress: gateway.address, noDelay: true });
        upstream.setTimeout(ctx.upstreamTimeoutMs, () => upstream.destroy());
        upstream.once('connect', () => {
          upstream.setTimeout(0);
          entry.upstream = `${upstream.localAddress}:${upstream.localPort}`;
          entry.decision = 'forwarded';
          entry.done = true;
          relayBothWays(socket, upstream);
        });
        upstream.on('error', (err) => {
          if (!entry.done) {
            entry.decision = 'upstream-failed';
            entry.detail = `${local.workload.id}: ${err.message}`;
            entry.done = true;
          }
          socket.destroy();
        });
        socket.on('error', () => upstream.destroy());
      },
      () => drop('not a TLS connection: the east-west gateway takes mTLS only'),
    );
  });
  await listen(server, gateway.address, gateway.port);
  return server;
}
