// Services and ServiceEntry hosts of the mesh, one per cluster they are declared in.
import type { Resource } from '../model/types';
import { getPath, stringMap } from '../model/workloads';
import { namespaceOf } from '../model/workspace';
import { CLUSTER_DOMAIN } from './hosts';
import { readServicePorts } from './meshPorts';
import { clustersOf, type MeshSources } from './meshSources';
import { policySource } from './source';
import type { Service, ServiceEntryHost } from './types';

/** Every v1 Service but ExternalName ones (a DNS alias, not a mesh service with endpoints). */
export function readServices({ clusters, resources, namespaces }: MeshSources): Service[] {
  const services: Service[] = [];
  for (const r of resources) {
    if (r.kind !== 'Service' || r.apiVersion !== 'v1' || !r.name) continue;
    const spec = (r.obj.spec ?? {}) as Record<string, unknown>;
    if (spec.type === 'ExternalName') continue;
    const ns = namespaceOf(r);
    const ports = readServicePorts(spec.ports, 'Service');
    const selector = spec.selector && typeof spec.selector === 'object' ? stringMap(spec.selector) : undefined;
    for (const cluster of clustersOf(r, clusters)) {
      namespaces.ensure(cluster, ns);
      services.push({
        id: `${cluster}/${ns}/${r.name}`,
        cluster,
        namespace: ns,
        name: r.name,
        host: `${r.name}.${ns}.${CLUSTER_DOMAIN}`,
        // A Service without a selector has manually managed endpoints we cannot see: it selects no workload.
        selector: selector ?? {},
        ports,
        resource: r,
        ...(spec.clusterIP === 'None' ? { headless: true } : {}),
      });
    }
  }
  return services;
}

/** One entry per host and cluster of a ServiceEntry. */
export function readServiceEntry(r: Resource, clusters: string[], root: string): ServiceEntryHost[] {
  const spec = (r.obj.spec ?? {}) as Record<string, unknown>;
  const hosts = Array.isArray(spec.hosts) ? spec.hosts.map(String) : [];
  const ns = namespaceOf(r);
  const exportTo = Array.isArray(spec.exportTo) ? spec.exportTo.map((x) => (String(x) === '.' ? ns : String(x))) : ['*'];
  const ws = getPath(spec, ['workloadSelector', 'labels']);
  const out: ServiceEntryHost[] = [];
  for (const cluster of clusters) {
    for (const host of hosts) {
      out.push({
        cluster,
        namespace: ns,
        host: host.toLowerCase(),
        ports: readServicePorts(spec.ports, 'ServiceEntry'),
        location: spec.location === 'MESH_INTERNAL' ? 'MESH_INTERNAL' : 'MESH_EXTERNAL',
        addresses: Array.isArray(spec.addresses) ? spec.addresses.map(String) : [],
        exportTo,
        ...(ws && typeof ws === 'object' ? { workloadSelector: stringMap(ws) } : {}),
        resolution: typeof spec.resolution === 'string' ? spec.resolution : 'NONE',
        endpoints: readEndpoints(spec.endpoints),
        source: policySource(r, root, ns),
        resource: r,
      });
    }
  }
  return out;
}

function readEndpoints(value: unknown): ServiceEntryHost['endpoints'] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e) => typeof getPath(e, ['address']) === 'string')
    .map((e) => {
      const ports = getPath(e, ['ports']);
      const byName: Record<string, number> = {};
      if (ports && typeof ports === 'object') for (const [k, v] of Object.entries(ports as Record<string, unknown>)) if (typeof v === 'number') byName[k] = v;
      return { address: String(getPath(e, ['address'])), ports: byName };
    });
}
