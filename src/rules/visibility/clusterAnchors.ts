// Per-cluster views of the workspace for multicluster checks, and where a "missing" finding points.
import { ofKinds } from '../../model/kinds';
import type { ClusterConfig } from '../../model/config';
import type { Resource } from '../../model/types';
import type { WorkspaceIndex } from '../../model/workspace';
import { meshConfigs, type MeshConfigSource } from '../templates/meshConfig';
import { perRun } from '../templates/perRun';

export interface ClusterView {
  cluster: ClusterConfig;
  /** The Namespace object of the cluster's root namespace (istio-system), if declared. */
  rootNamespace?: Resource;
  meshConfigs: MeshConfigSource[];
  /** Whether the cluster runs Istio (an Istio object or its root namespace): the mesh checks only apply there. */
  usesIstio: boolean;
  /** The object a finding about something the cluster lacks points at. */
  anchor?: Resource;
}

/** Objects that belong to this cluster only are better anchors than shared ones (common/**). */
function preferOwn<T extends { resource: Resource } | Resource>(items: T[], cluster: string): T | undefined {
  const res = (t: T) => ('resource' in t ? t.resource : t) as Resource;
  return items.find((t) => res(t).clusters.length === 1 && res(t).clusters[0] === cluster) ?? items[0];
}

export const clusterViews: (index: WorkspaceIndex) => ClusterView[] = perRun((index) => {
  const mesh = meshConfigs(index);
  const namespaces = ofKinds(index, 'Namespace');
  const istioClusters = new Set<string>();
  const clusterCount = index.config.clusters.length;
  for (const r of index.resources) {
    if (!r.apiVersion.includes('istio.io/')) continue;
    for (const c of r.clusters) istioClusters.add(c);
    if (istioClusters.size >= clusterCount) break; // every cluster already runs Istio
  }
  return index.config.clusters.map((cluster) => {
    const rootNamespace = preferOwn(
      namespaces.filter((n) => n.name === cluster.rootNamespace && n.clusters.includes(cluster.name)),
      cluster.name,
    );
    const own = mesh.filter((m) => m.resource.clusters.includes(cluster.name));
    const anchor = preferOwn(own, cluster.name)?.resource ?? rootNamespace;
    return { cluster, rootNamespace, meshConfigs: own, usesIstio: istioClusters.has(cluster.name) || own.length > 0 || rootNamespace !== undefined, anchor };
  });
});

/** True when the clusters of ztn.yaml sit on more than one network, so cross-network settings matter. */
export function isMultiNetwork(clusters: readonly ClusterConfig[]): boolean {
  return new Set(clusters.map((c) => c.network)).size > 1;
}
