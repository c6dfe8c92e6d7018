// Reading Istio Gateway servers and telling ingress, egress and east-west gateways apart.
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath, stringMap } from '../../model/workloads';

export interface GatewayServer {
  index: number;
  path: FieldPath;
  server: Record<string, unknown>;
}

export function isIstioGateway(r: Resource): boolean {
  return r.kind === 'Gateway' && r.apiVersion.startsWith('networking.istio.io/');
}

export function gatewayServers(r: Resource): GatewayServer[] {
  const servers = getPath(r.obj, ['spec', 'servers']);
  if (!Array.isArray(servers)) return [];
  return servers.flatMap((server, index) =>
    server && typeof server === 'object' ? [{ index, path: ['spec', 'servers', index], server: server as Record<string, unknown> }] : [],
  );
}

export type GatewayRole = 'ingress' | 'egress' | 'east-west';

/**
 * What a Gateway is for, from its selector (the labels Istio's gateway charts use) and name. East-west
 * gateways carry only mTLS passthrough between clusters; egress gateways carry traffic out of the mesh.
 */
export function gatewayRole(r: Resource): GatewayRole {
  const selector = stringMap(getPath(r.obj, ['spec', 'selector']));
  const istio = selector.istio ?? selector.app ?? '';
  const hint = `${istio} ${r.name}`.toLowerCase();
  if (/eastwest|east-west|cross-network/.test(hint)) return 'east-west';
  const servers = gatewayServers(r);
  if (servers.length > 0 && servers.every((s) => getPath(s.server, ['tls', 'mode']) === 'AUTO_PASSTHROUGH')) return 'east-west';
  if (/egress/.test(hint)) return 'egress';
  return 'ingress';
}
