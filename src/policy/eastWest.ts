// Multi-network hops: endpoints on another network are reached through that network's east-west gateway.
import type { Mesh, Workload } from './types';

/** The port Istio's east-west gateway exposes for cross-network mTLS (AUTO_PASSTHROUGH, routed by SNI). */
export const EAST_WEST_PORT = 15443;

/** The east-west gateway workload of a cluster, when its manifests include one (label istio=eastwestgateway). */
export function eastWestGateway(mesh: Mesh, cluster: string): Workload | undefined {
  return mesh.workloads.find((w) => w.cluster === cluster && w.labels.istio === 'eastwestgateway');
}

/**
 * Whether istiod knows a gateway for the network of `cluster`: an east-west gateway workload, or a Service
 * labeled topology.istio.io/network=<network> (how istiod discovers network gateways). Without one, istiod drops
 * that network's endpoints for clients on other networks.
 */
export function hasNetworkGateway(mesh: Mesh, cluster: string, network: string): boolean {
  if (eastWestGateway(mesh, cluster)) return true;
  return mesh.services.some(
    (s) =>
      s.cluster === cluster &&
      String((s.resource.obj.metadata as { labels?: Record<string, unknown> } | undefined)?.labels?.['topology.istio.io/network'] ?? '') === network,
  );
}
