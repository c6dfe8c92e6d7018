// Which endpoint a client reaches: the first in deterministic order that its sidecar can actually route to.
import { clientTls, type ClientTlsDecision } from './clientTls';
import { hasNetworkGateway } from './eastWest';
import { clusterOf, resolveTargetPort } from './meshQueries';
import type { Destination, Mesh, Workload } from './types';

export interface EndpointChoice {
  endpoint?: Workload;
  tls: ClientTlsDecision;
  targetPort: number;
  /** Why earlier endpoints were passed over. */
  skipped: string[];
}

export function targetPortOn(dest: Destination, endpoint: Workload): number {
  if (!dest.service) return dest.targetPort;
  const sp = dest.service.ports.find((p) => p.port === dest.port);
  return (sp && resolveTargetPort(sp, endpoint)) ?? dest.targetPort;
}

/**
 * Like istiod's EDS for this client: endpoints on another network are replaced by that network's east-west
 * gateway, which only exists for networks with a gateway and only carries Istio mTLS (SNI routing). Endpoints a
 * client cannot reach that way are skipped. `endpoint` is undefined for destinations outside the mesh.
 */
export function chooseEndpoint(mesh: Mesh, source: Workload, client: Workload, dest: Destination, subset: string | undefined): EndpointChoice {
  const sourceNetwork = clusterOf(mesh, source.cluster).network;
  const skipped: string[] = [];
  if (dest.workloads.length === 0) return { tls: clientTls(mesh, client, dest, undefined, subset), targetPort: dest.targetPort, skipped };
  for (const candidate of dest.workloads) {
    const targetPort = targetPortOn(dest, candidate);
    const tls = clientTls(mesh, client, { ...dest, targetPort }, candidate, subset);
    const network = clusterOf(mesh, candidate.cluster).network;
    if (network !== sourceNetwork) {
      if (!hasNetworkGateway(mesh, candidate.cluster, network)) {
        skipped.push(
          `${candidate.id} is on network ${network}, which has no east-west gateway in the manifests (no istio=eastwestgateway workload or topology.istio.io/network Service): istiod drops its endpoints`,
        );
        continue;
      }
      if (!tls.mtls) {
        skipped.push(
          `${candidate.id} is on network ${network}: reachable only with Istio mTLS through the east-west gateway, and this client would send ${tls.mode}`,
        );
        continue;
      }
    }
    return { endpoint: candidate, tls, targetPort, skipped };
  }
  return { tls: clientTls(mesh, client, dest, undefined, subset), targetPort: dest.targetPort, skipped };
}
