// NetworkPolicy for the packets of one call, including the east-west gateway hop between networks.
import { EAST_WEST_PORT, eastWestGateway } from './eastWest';
import { clusterOf } from './meshQueries';
import { networkPolicyAllows } from './networkPolicy';
import type { ExplanationStep, Mesh, Workload } from './types';

/**
 * Same network: the sender's egress and the receiver's ingress for the target port. Across networks: the sender
 * dials the remote east-west gateway (an address outside its cluster, port 15443) and the receiver sees the
 * connection coming from its own cluster's east-west gateway pod.
 */
export function networkPolicyForCall(mesh: Mesh, source: Workload, endpoint: Workload | undefined, port: number, steps: ExplanationStep[]): boolean {
  const sourceNetwork = clusterOf(mesh, source.cluster).network;
  if (endpoint && clusterOf(mesh, endpoint.cluster).network !== sourceNetwork) {
    const remote = clusterOf(mesh, endpoint.cluster);
    steps.push({ step: 'route', detail: `cross-network hop: ${source.cluster} (${sourceNetwork}) -> east-west gateway of ${endpoint.cluster} (${remote.network}) port ${EAST_WEST_PORT}, SNI-routed mTLS to ${endpoint.id}` });
    const egress = networkPolicyAllows(mesh, { workload: source }, {}, EAST_WEST_PORT, 'TCP');
    steps.push(...egress.steps);
    if (!egress.allowed) return false;
    const gateway = eastWestGateway(mesh, endpoint.cluster);
    const ingress = networkPolicyAllows(mesh, gateway ? { workload: gateway } : {}, { workload: endpoint }, port, 'TCP');
    steps.push(...ingress.steps);
    return ingress.allowed;
  }
  const np = networkPolicyAllows(mesh, { workload: source }, endpoint ? { workload: endpoint } : {}, port, 'TCP');
  steps.push(...np.steps);
  return np.allowed;
}
