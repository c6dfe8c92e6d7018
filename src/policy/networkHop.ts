// NetworkPolicy for the packets of one call, including the east-west gateway hop between networks and the
// addresses a call leaving the cluster goes to.
import { EAST_WEST_PORT, eastWestGateway } from './eastWest';
import { externalAddresses } from './externalPeer';
import { meshIndex } from './meshIndex';
import { CLUSTER_WIDE_NETWORK_POLICY } from './meshPolicies';
import { clusterOf } from './meshQueries';
import { networkPolicyAllows, type L4Protocol } from './networkPolicy';
import type { Destination, ExplanationStep, Mesh, MeshPolicy, Workload } from './types';

/**
 * Same network: the sender's egress and the receiver's ingress for the target port. Across networks: the sender
 * dials the remote east-west gateway (an address outside its cluster, port 15443) and the receiver sees the
 * connection coming from its own cluster's east-west gateway pod. Without a pod endpoint, the sender's egress to
 * each address the call goes to (`dest`): the first decides, the others are named when they would differ.
 */
export function networkPolicyForCall(
  mesh: Mesh,
  source: Workload,
  endpoint: Workload | undefined,
  port: number,
  steps: ExplanationStep[],
  protocol: L4Protocol = 'TCP',
  dest?: Destination,
): boolean {
  if (mesh.otherNetworkPolicies?.length) unmodelledPolicies(mesh, endpoint ? [source, endpoint] : [source], steps);
  const sourceNetwork = clusterOf(mesh, source.cluster).network;
  if (endpoint && clusterOf(mesh, endpoint.cluster).network !== sourceNetwork) {
    const remote = clusterOf(mesh, endpoint.cluster);
    steps.push({
      step: 'route',
      detail: `cross-network hop: ${source.cluster} (${sourceNetwork}) -> east-west gateway of ${endpoint.cluster} (${remote.network}) port ${EAST_WEST_PORT}, SNI-routed mTLS to ${endpoint.id}`,
    });
    const egress = networkPolicyAllows(mesh, { workload: source }, { host: `the east-west gateway of ${endpoint.cluster}` }, EAST_WEST_PORT, 'TCP');
    steps.push(...egress.steps);
    if (!egress.allowed) return false;
    const gateway = eastWestGateway(mesh, endpoint.cluster);
    const ingress = networkPolicyAllows(mesh, gateway ? { workload: gateway } : {}, { workload: endpoint }, port, 'TCP');
    steps.push(...ingress.steps);
    return ingress.allowed;
  }
  if (!endpoint && dest) {
    const { addresses, note } = externalAddresses(dest);
    if (note) steps.push({ step: 'resolve', detail: note });
    const [first, ...others] = addresses.map((a) => ({ a, r: networkPolicyAllows(mesh, { workload: source }, a.peer, a.port, protocol) }));
    steps.push(...first.r.steps);
    const differing = others.filter((o) => o.r.allowed !== first.r.allowed).map((o) => `${o.a.peer.ip ?? o.a.peer.host}:${o.a.port}`);
    if (differing.length > 0)
      steps.push({
        step: 'network-policy',
        detail: `NetworkPolicy ${first.r.allowed ? 'denies' : 'allows'} the other endpoint(s) ${differing.join(', ')}: calls balanced to them ${first.r.allowed ? 'fail' : 'pass'}`,
      });
    return first.r.allowed;
  }
  const np = networkPolicyAllows(mesh, { workload: source }, endpoint ? { workload: endpoint } : {}, port, protocol);
  steps.push(...np.steps);
  return np.allowed;
}

/** Network policies of other APIs in the namespaces of the call's ends (or cluster-wide): said, not evaluated. */
function unmodelledPolicies(mesh: Mesh, ends: Workload[], steps: ExplanationStep[]): void {
  const others = mesh.otherNetworkPolicies ?? [];
  const index = meshIndex(mesh);
  const seen = new Set<MeshPolicy>();
  for (const w of ends) {
    const namespaced = index.byNamespace(others, w.cluster, w.namespace).filter((p) => !CLUSTER_WIDE_NETWORK_POLICY.test(p.resource.kind));
    const clusterWide = others.filter((p) => CLUSTER_WIDE_NETWORK_POLICY.test(p.resource.kind) && p.clusters.includes(w.cluster));
    for (const p of [...namespaced, ...clusterWide]) {
      if (seen.has(p)) continue;
      seen.add(p);
      steps.push({
        step: 'network-policy',
        ...p.source,
        detail: `${p.resource.apiVersion} ${p.resource.kind} applies here and is not modelled: decisions may differ`,
      });
    }
  }
}
