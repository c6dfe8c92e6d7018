// The mesh model: clusters, namespaces, workloads, services and mesh policies read from the workspace index.
import type { WorkspaceIndex } from '../model/workspace';
import { getPath, stringMap } from '../model/workloads';
import { dnsCaptureClusters } from './dnsProxy';
import { readPolicies, registerPolicyNamespaces } from './meshPolicies';
import { collectMeshProblems } from './meshProblems';
import { readServices } from './meshServices';
import { clustersOf, inFileOrder, NamespaceRegistry, readClusters, type MeshSources } from './meshSources';
import { readWorkloads } from './meshWorkloads';
import { pathNormalizationByCluster } from './pathNormalization';
import type { Mesh } from './types';

/**
 * Stages in order: namespaces come first because their labels decide sidecar injection, workloads and services
 * then add the namespaces they live in, and the problems are collected once every root namespace is known.
 */
export function buildMesh(index: WorkspaceIndex): Mesh {
  const sources: MeshSources = {
    root: index.config.root,
    clusters: readClusters(index.config.clusters),
    resources: inFileOrder(index.resources),
    namespaces: new NamespaceRegistry(),
  };
  registerDeclaredNamespaces(sources);
  const workloads = readWorkloads(sources);
  const services = readServices(sources);
  const policies = readPolicies(sources);
  registerPolicyNamespaces(policies, sources);
  const mesh: Mesh = {
    root: sources.root,
    clusters: sources.clusters,
    namespaces: sources.namespaces.list(),
    workloads,
    services,
    serviceEntries: policies.serviceEntries,
    peerAuthentications: policies.peerAuthentications,
    destinationRules: policies.destinationRules,
    authorizationPolicies: policies.authorizationPolicies,
    networkPolicies: policies.networkPolicies,
    otherNetworkPolicies: policies.otherNetworkPolicies,
    virtualServices: policies.virtualServices,
    sidecars: policies.sidecars,
    requestAuthentications: policies.requestAuthentications,
    dnsCaptureClusters: dnsCaptureClusters(sources),
    problems: [],
  };
  const pathNormalization = pathNormalizationByCluster(sources);
  if (pathNormalization) mesh.pathNormalization = pathNormalization;
  collectMeshProblems(mesh);
  return mesh;
}

/** Namespace objects with their labels, then each cluster's root namespace, declared or not. */
export function registerDeclaredNamespaces({ clusters, resources, namespaces }: MeshSources): void {
  for (const r of resources) {
    if (r.kind === 'Namespace' && r.apiVersion === 'v1' && r.name) {
      for (const c of clustersOf(r, clusters)) namespaces.ensure(c, r.name, stringMap(getPath(r.obj, ['metadata', 'labels'])));
    }
  }
  for (const c of clusters) namespaces.ensure(c.name, c.rootNamespace);
}
