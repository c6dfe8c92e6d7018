// The mesh's policies by kind: Istio security and networking objects and Kubernetes NetworkPolicy.
import type { Resource } from '../model/types';
import { getPath } from '../model/workloads';
import { namespaceOf } from '../model/workspace';
import { readServiceEntry } from './meshServices';
import { clustersOf, type MeshSources } from './meshSources';
import { policySource } from './source';
import type { Mesh, MeshPolicy } from './types';

export type MeshPolicies = Pick<
  Mesh,
  | 'serviceEntries'
  | 'peerAuthentications'
  | 'destinationRules'
  | 'authorizationPolicies'
  | 'networkPolicies'
  | 'otherNetworkPolicies'
  | 'virtualServices'
  | 'sidecars'
  | 'requestAuthentications'
>;

const SECURITY_VERSIONS = new Set(['security.istio.io/v1', 'security.istio.io/v1beta1']);

/** Network policy kinds of other APIs that apply to every namespace (Calico, Cilium, the AdminNetworkPolicy API). */
export const CLUSTER_WIDE_NETWORK_POLICY = /^(Global|CiliumClusterwide|Admin|BaselineAdmin|Cluster)NetworkPolicy$/;

/** Each policy object in the list of its kind, in file order; other kinds are not policies. */
export function readPolicies({ root, clusters, resources }: MeshSources): MeshPolicies {
  const out: MeshPolicies = {
    serviceEntries: [],
    peerAuthentications: [],
    destinationRules: [],
    authorizationPolicies: [],
    networkPolicies: [],
    otherNetworkPolicies: [],
    virtualServices: [],
    sidecars: [],
    requestAuthentications: [],
  };
  for (const r of resources) {
    const group = r.apiVersion.split('/')[0];
    const policy = (): MeshPolicy => meshPolicy(r, clustersOf(r, clusters), root);
    // Only security.istio.io v1 and v1beta1 are served by Istio 1.28's CRDs; other groups' AuthorizationPolicy (Linkerd's policy.linkerd.io) are not Istio's.
    if (group === 'security.istio.io' && SECURITY_VERSIONS.has(r.apiVersion)) {
      if (r.kind === 'PeerAuthentication') out.peerAuthentications.push(policy());
      else if (r.kind === 'AuthorizationPolicy') out.authorizationPolicies.push(policy());
      else if (r.kind === 'RequestAuthentication') out.requestAuthentications.push(policy());
    } else if (group === 'networking.istio.io') {
      if (r.kind === 'DestinationRule') out.destinationRules.push(policy());
      else if (r.kind === 'VirtualService') out.virtualServices.push(policy());
      else if (r.kind === 'Sidecar') out.sidecars.push(policy());
      else if (r.kind === 'ServiceEntry') out.serviceEntries.push(...readServiceEntry(r, clustersOf(r, clusters), root));
    } else if (group === 'networking.k8s.io' && r.kind === 'NetworkPolicy') {
      out.networkPolicies.push(policy());
    } else if (/NetworkPolicy$/.test(r.kind)) {
      // Only networking.k8s.io's kind is a Kubernetes NetworkPolicy; Calico's, Cilium's and the admin policies differ.
      const p = policy();
      out.otherNetworkPolicies!.push(CLUSTER_WIDE_NETWORK_POLICY.test(r.kind) ? { ...p, source: policySource(r, root, '') } : p);
    }
  }
  return out;
}

/** Namespaces that PeerAuthentications, AuthorizationPolicies, DestinationRules and NetworkPolicies live in are in the model too. */
export function registerPolicyNamespaces(policies: MeshPolicies, { namespaces }: MeshSources): void {
  for (const list of [policies.peerAuthentications, policies.authorizationPolicies, policies.destinationRules, policies.networkPolicies]) {
    for (const p of list) for (const c of p.clusters) namespaces.ensure(c, p.namespace);
  }
}

function meshPolicy(r: Resource, clusters: string[], root: string): MeshPolicy {
  const namespace = namespaceOf(r);
  return { resource: r, clusters, namespace, name: r.name, source: policySource(r, root, namespace), created: createdAt(r) };
}

function createdAt(r: Resource): number {
  const ts = getPath(r.obj, ['metadata', 'creationTimestamp']);
  const ms = typeof ts === 'string' ? Date.parse(ts) : ts instanceof Date ? ts.getTime() : NaN;
  // Objects without a timestamp are not created yet: applying them makes them the newest.
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}
