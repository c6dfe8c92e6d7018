// The kind clusters of a workspace: names, contexts and per-cluster settings derived from ztn.yaml.
import { SandboxError } from '../shared/errors';
import type { ClusterConfig, WorkspaceConfig } from '../../src/model/config';

/** Prefix of every kind cluster this engine creates, so `down` never deletes a cluster the user made. */
export const KIND_NAME_PREFIX = 'ztn-';

export interface KindCluster {
  /** Name in ztn.yaml; also Istio's clusterName and the remote secret's name. */
  name: string;
  /** 0-based position in ztn.yaml; picks the cluster's subnets and address pool. */
  index: number;
  kindName: string;
  /** kubeconfig context kind writes for it. */
  context: string;
  /** Docker container of the control-plane node; its address on the kind network is how other clusters reach the API server. */
  controlPlane: string;
  config: ClusterConfig;
}

/** The workspace or machine cannot host a kind sandbox (names, network): the user's to fix, reported as such. */
export class KindSetupError extends SandboxError {}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function kindClusters(config: WorkspaceConfig): KindCluster[] {
  if (config.clusters.length > 80) throw new KindSetupError(`the kind engine supports at most 80 clusters (ztn.yaml has ${config.clusters.length})`);
  return config.clusters.map((c, index) => {
    const kindName = `${KIND_NAME_PREFIX}${c.name}`;
    // kind names become docker container names and DNS labels; say so here rather than fail inside kind.
    if (!DNS_LABEL.test(c.name) || kindName.length > 50) {
      throw new KindSetupError(
        `cluster name '${c.name}' in ${config.file ?? 'ztn.yaml'} cannot name a kind cluster: use lowercase letters, digits and '-' (at most ${50 - KIND_NAME_PREFIX.length} characters)`,
      );
    }
    return { name: c.name, index, kindName, context: `kind-${kindName}`, controlPlane: `${kindName}-control-plane`, config: c };
  });
}

/** Pod and Service ranges per cluster, distinct so that addresses never collide across the mesh. */
export function clusterSubnets(index: number): { podSubnet: string; serviceSubnet: string } {
  return { podSubnet: `10.${10 + index}.0.0/16`, serviceSubnet: `10.${100 + index}.0.0/16` };
}
