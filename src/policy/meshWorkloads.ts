// Workloads of the mesh: one per top-level controller and cluster, with its identity, sidecar and declared ports.
import type { Resource } from '../model/types';
import { containersOf, getPath, isWorkload, podTemplate, stringMap } from '../model/workloads';
import { namespaceOf } from '../model/workspace';
import { sidecarInjected } from './injection';
import { containerPorts } from './meshPorts';
import { clustersOf, type MeshSources } from './meshSources';
import type { Workload } from './types';

/** Every workload object whose controller is not in the manifests too, once per cluster it is declared in. */
export function readWorkloads({ clusters, resources, namespaces }: MeshSources): Workload[] {
  const workloads: Workload[] = [];
  const workloadKeys = new Set(resources.filter(isWorkload).map((r) => `${namespaceOf(r)}/${r.kind}/${r.name}`));
  const seen = new Set<string>();
  for (const r of resources) {
    if (!isWorkload(r) || !r.name) continue;
    const owner = topLevelOwner(r, workloadKeys);
    if (!owner) continue; // its controller is in the manifests and stands for it
    const ns = namespaceOf(r);
    for (const clusterName of clustersOf(r, clusters)) {
      const cluster = clusters.find((c) => c.name === clusterName) ?? clusters[0];
      const id = `${cluster.name}/${ns}/${owner.name}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const nsModel = namespaces.ensure(cluster.name, ns);
      const tpl = podTemplate(r);
      if (!tpl) continue;
      const sa = String(tpl.spec.serviceAccountName ?? tpl.spec.serviceAccount ?? 'default');
      workloads.push({
        id,
        cluster: cluster.name,
        namespace: ns,
        name: owner.name,
        kind: owner.kind,
        labels: tpl.labels,
        serviceAccount: sa,
        spiffeId: `spiffe://${cluster.trustDomain}/ns/${ns}/sa/${sa}`,
        sidecar: sidecarInjected(
          nsModel.labels,
          tpl.labels,
          tpl.annotations,
          tpl.spec,
          containersOf(r).map((c) => String(c.container.name ?? '')),
          ns,
        ),
        ports: containerPorts(r),
        ...podIps(r),
        resource: r,
      });
    }
  }
  return workloads;
}

/**
 * The top-level owner a workload is reported as (Deployment, not its ReplicaSet or pods). Undefined when
 * the owner is itself in the manifests, so it is counted once.
 */
export function topLevelOwner(r: Resource, workloadKeys: Set<string>): { kind: string; name: string } | undefined {
  const refs = getPath(r.obj, ['metadata', 'ownerReferences']);
  if (!Array.isArray(refs)) return { kind: r.kind, name: r.name };
  const ref = (refs.find((x) => x && typeof x === 'object' && (x as Record<string, unknown>).controller === true) ?? refs[0]) as
    Record<string, unknown> | undefined;
  if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return { kind: r.kind, name: r.name };
  if (workloadKeys.has(`${namespaceOf(r)}/${ref.kind}/${ref.name}`)) return undefined;
  if (ref.kind === 'ReplicaSet') {
    // Deployment pods are owned by "<deployment>-<pod-template-hash>".
    const hash = stringMap(getPath(r.obj, ['metadata', 'labels']))['pod-template-hash'];
    if (hash && ref.name.endsWith(`-${hash}`)) {
      const deployment = ref.name.slice(0, -hash.length - 1);
      if (workloadKeys.has(`${namespaceOf(r)}/Deployment/${deployment}`)) return undefined;
      return { kind: 'Deployment', name: deployment };
    }
  }
  if (ref.kind === 'Job' && /-\d{8,}$/.test(ref.name)) return { kind: 'CronJob', name: ref.name.replace(/-\d{8,}$/, '') };
  return { kind: ref.kind, name: ref.name };
}

/** A bare Pod's status.podIPs (or podIP), as a dump of a running cluster has them; controllers' pods have none. */
function podIps(r: Resource): { ips?: string[] } {
  if (r.kind !== 'Pod') return {};
  const list = getPath(r.obj, ['status', 'podIPs']);
  const ips = Array.isArray(list) ? list.map((e) => getPath(e, ['ip'])).filter((ip): ip is string => typeof ip === 'string') : [];
  const single = getPath(r.obj, ['status', 'podIP']);
  if (ips.length === 0 && typeof single === 'string') ips.push(single);
  return ips.length > 0 ? { ips } : {};
}
