// Questions the engine asks of a built mesh: a cluster by name, a namespace's labels, a Service's endpoints and ports.
import { matchLabelsSubset } from './labelSelector';
import { meshIndex } from './meshIndex';
import type { Cluster, Mesh, Service, ServicePort, Workload } from './types';

/** Workloads in `cluster` a Service's selector picks (none for selector-less Services). */
export function serviceEndpoints(mesh: Mesh, service: Service): Workload[] {
  if (Object.keys(service.selector).length === 0) return [];
  return meshIndex(mesh).memo('service-endpoints', service, () =>
    mesh.workloads.filter((w) => w.cluster === service.cluster && w.namespace === service.namespace && matchLabelsSubset(service.selector, w.labels)),
  );
}

/** The numeric port a Service port's targetPort means on one endpoint (named ports resolve per workload). */
export function resolveTargetPort(port: ServicePort, workload: Workload): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  const named = workload.ports.find((p) => p.name === port.targetPort && p.protocol === port.protocol);
  return named?.port;
}

export function clusterOf(mesh: Mesh, name: string): Cluster {
  return mesh.clusters.find((c) => c.name === name) ?? mesh.clusters[0];
}

export function namespaceLabels(mesh: Mesh, cluster: string, namespace: string): Record<string, string> {
  return meshIndex(mesh).namespaceByKey.get(`${cluster}/${namespace}`)?.labels ?? { 'kubernetes.io/metadata.name': namespace };
}
