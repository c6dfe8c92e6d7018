// The kind cluster config of each cluster: pinned node image, distinct subnets, API server on loopback only.
import { stringify } from 'yaml';
import { clusterSubnets, type KindCluster } from './clusters';
import { KIND_NODE_IMAGE } from './versions';

export function kindClusterConfig(cluster: KindCluster): string {
  const config = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name: cluster.kindName,
    networking: {
      // Reachable from this machine only; other clusters use the control-plane container's address instead.
      apiServerAddress: '127.0.0.1',
      ...clusterSubnets(cluster.index),
    },
    nodes: [{ role: 'control-plane', image: KIND_NODE_IMAGE }],
  };
  return `# kind cluster for ztn.yaml cluster '${cluster.name}' (network ${cluster.config.network})\n${stringify(config)}`;
}
