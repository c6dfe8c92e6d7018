// The Sidecar resource a client proxy uses: which hosts it imports (egress.hosts) and its outboundTrafficPolicy.
import { getPath, stringMap } from '../model/workloads';
import { hostMatches } from './hosts';
import { matchLabelsSubset } from './labelSelector';
import { clusterOf } from './meshQueries';
import { meshIndex } from './meshIndex';
import type { Mesh, MeshPolicy, Workload } from './types';

/**
 * Istio's precedence: a Sidecar in the client's namespace whose workloadSelector picks it, else the namespace's
 * Sidecar without selector, else the root namespace's Sidecar without selector. None: everything is imported
 * and outbound traffic to unknown hosts is allowed (mesh default ALLOW_ANY).
 */
export function sidecarFor(mesh: Mesh, client: Workload): MeshPolicy | undefined {
  if (mesh.sidecars.length === 0) return undefined;
  const index = meshIndex(mesh);
  const own = index.byNamespace(mesh.sidecars, client.cluster, client.namespace);
  const selector = (s: MeshPolicy) => getPath(s.resource.obj, ['spec', 'workloadSelector', 'labels']);
  const bySelector = own.find((s) => selector(s) !== undefined && matchLabelsSubset(stringMap(selector(s)), client.labels));
  if (bySelector) return bySelector;
  const nsWide = own.find((s) => selector(s) === undefined);
  if (nsWide) return nsWide;
  const root = clusterOf(mesh, client.cluster).rootNamespace;
  return index.byNamespace(mesh.sidecars, client.cluster, root).find((s) => selector(s) === undefined);
}

/** outboundTrafficPolicy.mode of the client's Sidecar (REGISTRY_ONLY blackholes unknown hosts). */
export function registryOnly(sidecar: MeshPolicy | undefined): boolean {
  return getPath(sidecar?.resource.obj, ['spec', 'outboundTrafficPolicy', 'mode']) === 'REGISTRY_ONLY';
}

/**
 * Whether `egress[].hosts` import a service host living in `namespace` ("ns/host", "*" or "." for the
 * namespace, "~" for none; host may be "*" or a wildcard). A Sidecar without egress imports everything.
 */
export function importsHost(sidecar: MeshPolicy | undefined, namespace: string, host: string): boolean {
  const egress = getPath(sidecar?.resource.obj, ['spec', 'egress']);
  if (!sidecar || !Array.isArray(egress) || egress.length === 0) return true;
  for (const listener of egress) {
    const hosts = getPath(listener, ['hosts']);
    if (!Array.isArray(hosts)) continue;
    for (const h of hosts.map(String)) {
      const slash = h.indexOf('/');
      if (slash < 0) continue;
      const ns = h.slice(0, slash);
      const name = h.slice(slash + 1);
      const nsOk = ns === '*' || ns === namespace || (ns === '.' && namespace === sidecar.namespace);
      if (nsOk && hostMatches(name, host)) return true;
    }
  }
  return false;
}
