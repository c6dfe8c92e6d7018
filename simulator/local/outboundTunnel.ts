// CONNECT on the outbound side: opaque TCP to the target over a connection of its own, mTLS or plaintext as routed.
import type { Socket } from 'node:net';
import type { AccessEntry } from './accessLog';
import type { WorkloadIdentity } from './identity';
import { relayBothWays } from './listen';
import { UNAVAILABLE } from './outboundRequest';
import type { PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import { openUpstream } from './upstream';

/** Connects the app's CONNECT to `target` and pipes both ways; the outcome is logged on `entry`. */
export function openTunnel(
  ctx: RuntimeContext,
  source: PlannedWorkload,
  identity: WorkloadIdentity | undefined,
  entry: AccessEntry,
  target: string | undefined,
  client: Socket,
  head: Buffer,
): void {
  if (!target) return refuseTunnel(entry, client, 400, 'no CONNECT target');
  void openUpstream(ctx, source, identity, target, entry).then((up) => {
    if (!up.ok) {
      entry.decision = up.decision;
      return refuseTunnel(entry, client, UNAVAILABLE, up.detail);
    }
    entry.decision = 'forwarded';
    entry.status = 200;
    entry.done = true;
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) up.stream.write(head);
    up.stream.on('error', () => client.destroy());
    client.on('error', () => up.stream.destroy());
    relayBothWays(up.stream, client);
  });
}

/** The answer to a CONNECT the sidecar refuses, written on the app's connection before it closes. */
export function tunnelRefusal(status: number, detail: string): string {
  return `HTTP/1.1 ${status} Service Unavailable\r\ncontent-type: text/plain\r\n\r\n${detail}`;
}

function refuseTunnel(entry: AccessEntry, client: Socket, status: number, detail: string): void {
  entry.status = status;
  entry.detail = detail;
  entry.done = true;
  client.end(tunnelRefusal(status, detail));
}
