// NetworkPolicy where the CNI enforces it: at connection accept, from the connection's real source address.
import type { Socket } from 'node:net';
import { networkPolicyAllows } from '../../src/policy/index';
import type { AccessEntry } from './accessLog';
import type { Workload } from '../../src/policy/types';
import type { PlannedGateway, PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';

/** True when the connection may proceed; otherwise it is reset (as a CNI drop would end it) and logged. */
export function admitConnection(ctx: RuntimeContext, socket: Socket, target: PlannedWorkload, port: number, entry: AccessEntry): boolean {
  return admit(ctx, socket, { workload: target.workload, ip: target.address }, target.workload.id, port, entry);
}

/** The gateway pod is a NetworkPolicy peer too: the caller's egress to it is checked where it connects. */
export function admitAtGateway(ctx: RuntimeContext, socket: Socket, gateway: PlannedGateway, entry: AccessEntry): boolean {
  return admit(ctx, socket, { workload: gateway.workload, ip: gateway.address }, `gateway ${gateway.network}`, gateway.port, entry);
}

/** The workload behind a source address: a sandbox pod, or the gateway process standing for its Deployment. */
function workloadAt(ctx: RuntimeContext, ip: string): Workload | undefined {
  const pod = ctx.byAddress.get(ip);
  if (pod) return pod.workload;
  for (const gateway of ctx.gateways.values()) if (gateway.address === ip) return gateway.workload;
  return undefined;
}

function admit(ctx: RuntimeContext, socket: Socket, target: { workload?: Workload; ip: string }, label: string, port: number, entry: AccessEntry): boolean {
  const sourceIp = normalizeIp(socket.remoteAddress);
  const source = workloadAt(ctx, sourceIp);
  const verdict = networkPolicyAllows(ctx.mesh, { workload: source, ip: sourceIp }, target, port, 'TCP');
  if (verdict.allowed) return true;
  entry.decision = 'network-policy-denied';
  entry.detail = `NetworkPolicy denies ${source?.id ?? sourceIp} -> ${label}:${port}`;
  entry.steps = verdict.steps;
  entry.done = true;
  // A reset rather than a silent drop: the caller learns at once instead of waiting for its timeout.
  socket.resetAndDestroy();
  return false;
}

export function normalizeIp(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
