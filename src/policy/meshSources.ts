// What the mesh builder's stages share: the clusters, the workspace's resources in file order, the namespaces met so far.
import type { ClusterConfig } from '../model/config';
import type { Resource } from '../model/types';
import type { Cluster, Namespace } from './types';

export interface MeshSources {
  /** Workspace root: policy sources name their files relative to it. */
  root: string;
  clusters: Cluster[];
  /** In file order (inFileOrder). */
  resources: Resource[];
  namespaces: NamespaceRegistry;
}

export function readClusters(configs: readonly ClusterConfig[]): Cluster[] {
  return configs.map((c) => ({
    name: c.name,
    network: c.network,
    trustDomain: c.trustDomain,
    trustDomainAliases: [...c.trustDomainAliases],
    meshID: c.meshID,
    rootNamespace: c.rootNamespace,
  }));
}

/** Deterministic order regardless of file system order: by file, then position in the file. */
export function inFileOrder(resources: Iterable<Resource>): Resource[] {
  return [...resources].sort((a, b) =>
    a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.docIndex - b.docIndex || (a.listIndex ?? 0) - (b.listIndex ?? 0),
  );
}

/** The clusters a resource is declared in; a resource no cluster's globs claim belongs to the first cluster. */
export function clustersOf(r: Resource, clusters: readonly Cluster[]): string[] {
  return r.clusters.length > 0 ? r.clusters : [clusters[0].name];
}

/**
 * Namespaces per cluster, in the order they were first met: declared by a Namespace object or only used by an
 * object that lives in one. Labels of several declarations merge.
 */
export class NamespaceRegistry {
  private readonly byKey = new Map<string, Namespace>();

  ensure(cluster: string, name: string, labels: Record<string, string> = {}): Namespace {
    const key = `${cluster}/${name}`;
    const existing = this.byKey.get(key);
    if (existing) {
      Object.assign(existing.labels, labels);
      return existing;
    }
    const ns: Namespace = { cluster, name, labels: { ...labels, 'kubernetes.io/metadata.name': name } };
    this.byKey.set(key, ns);
    return ns;
  }

  list(): Namespace[] {
    return [...this.byKey.values()];
  }
}
