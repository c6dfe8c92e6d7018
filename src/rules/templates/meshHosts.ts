// Which DestinationRule hosts are services inside the mesh (where Istio would use mutual TLS by itself).
import { ofKinds } from '../../model/kinds';
import { getPath } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { perKinds } from './perKinds';

interface MeshHostLookup {
  services: Set<string>;
  external: Set<string>;
}

const lookup = perKinds(['Service', 'ServiceEntry'], (index: WorkspaceIndex): MeshHostLookup => {
  const found: MeshHostLookup = { services: new Set(), external: new Set() };
  for (const svc of ofKinds(index, 'Service')) {
    const ns = namespaceOf(svc);
    for (const host of [`${svc.name}.${ns}`, `${svc.name}.${ns}.svc`, `${svc.name}.${ns}.svc.cluster.local`]) found.services.add(host);
  }
  for (const se of ofKinds(index, 'ServiceEntry')) {
    if (getPath(se.obj, ['spec', 'location']) === 'MESH_INTERNAL') continue;
    const hosts = getPath(se.obj, ['spec', 'hosts']);
    if (Array.isArray(hosts)) for (const h of hosts) found.external.add(String(h));
  }
  return found;
});

/**
 * True when `host` (as written in a DestinationRule of `namespace`) names an in-mesh Kubernetes service:
 * a short name, a *.svc or *.svc.cluster.local name, or a Service of the workspace; hosts that a
 * MESH_EXTERNAL ServiceEntry declares are outside.
 */
export function isMeshHost(index: WorkspaceIndex, host: string, namespace: string): boolean {
  const l = lookup(index);
  if (l.external.has(host)) return false;
  if (!host.includes('.')) return !l.external.has(`${host}.${namespace}.svc.cluster.local`);
  if (host.endsWith('.svc') || host.endsWith('.svc.cluster.local')) return true;
  return l.services.has(host);
}
