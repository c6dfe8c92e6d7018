// ZT1003: in a multi-network mesh, the root namespace lacks (or mislabels) topology.istio.io/network.
import { replaceString } from '../../fix/replaceScalar';
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { clusterViews, isMultiNetwork } from './clusterAnchors';

const NETWORK_LABEL = 'topology.istio.io/network';

export const missingNetworkLabel: Rule = {
  meta: {
    id: 'ZT1003',
    pillar: 10,
    severity: 'error',
    title: 'Root namespace has no network label',
    description:
      "In a mesh spanning several networks, istiod learns which network a cluster's workloads are on from the `topology.istio.io/network` label of its root namespace (istio-system). Without it (or with the wrong value) endpoints are assumed directly reachable, cross-network calls fail or bypass the east-west gateway, and telemetry attributes traffic to the wrong network.",
    fixable: true,
  },
  checkWorkspace(ctx) {
    if (!isMultiNetwork(ctx.config.clusters)) return;
    for (const view of clusterViews(ctx.index)) {
      const ns = view.rootNamespace;
      if (!ns || !ctx.wants(ns)) continue;
      const wanted = view.cluster.network;
      const path = ['metadata', 'labels', NETWORK_LABEL];
      const label = getPath(ns.obj, path);
      if (label === wanted) continue;
      ctx.report({
        resource: ns,
        path: label === undefined ? ['metadata', 'name'] : path,
        message:
          label === undefined
            ? `namespace ${ns.name} of cluster ${view.cluster.name} has no ${NETWORK_LABEL} label; label it ${wanted} as ztn.yaml declares`
            : `namespace ${ns.name} of cluster ${view.cluster.name} is labelled network ${String(label)}, but ztn.yaml puts the cluster on ${wanted}`,
        fix: () => ({
          title: `Label the namespace with network ${wanted}`,
          safe: true,
          edits: typeof label === 'string' ? replaceString(ns, path, wanted) : setField(ns, path, wanted),
        }),
      });
    }
  },
};
