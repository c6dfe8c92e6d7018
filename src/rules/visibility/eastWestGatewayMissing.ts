// ZT1006: a cluster on its own network with no east-west gateway, so other networks cannot reach (or observe) its services.
import { ofKinds } from '../../model/kinds';
import { appendDocument } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import { gatewayRole, gatewayServers, isIstioGateway } from '../templates/istioGateway';
import { perRun } from '../templates/perRun';
import type { Rule } from '../types';
import { clusterViews, isMultiNetwork } from './clusterAnchors';

/** Clusters holding a Gateway that exposes port 15443 in AUTO_PASSTHROUGH mode (Istio's cross-network gateway). */
const clustersWithEastWest = perRun((index) => {
  const out = new Set<string>();
  for (const g of ofKinds(index, 'Gateway')) {
    if (!isIstioGateway(g) || gatewayRole(g) !== 'east-west') continue;
    const passthrough = gatewayServers(g).some((s) => getPath(s.server, ['tls', 'mode']) === 'AUTO_PASSTHROUGH');
    if (passthrough) for (const c of g.clusters) out.add(c);
  }
  return out;
});

export const eastWestGatewayMissing: Rule = {
  meta: {
    id: 'ZT1006',
    pillar: 10,
    severity: 'error',
    title: 'East-west gateway missing',
    description:
      'Clusters on different networks reach each other only through an east-west gateway: a Gateway selecting `istio: eastwestgateway` that exposes port 15443 with `tls.mode: AUTO_PASSTHROUGH`. Without it, services of that cluster are unreachable from the other networks, failover does not work, and cross-cluster traffic never shows up in the mesh telemetry.',
    fixable: true,
  },
  checkWorkspace(ctx) {
    if (!isMultiNetwork(ctx.config.clusters)) return;
    const present = clustersWithEastWest(ctx.index);
    for (const view of clusterViews(ctx.index)) {
      if (present.has(view.cluster.name) || !view.usesIstio) continue;
      const anchor = view.anchor ?? ctx.index.resources.find((r) => r.clusters.length === 1 && r.clusters[0] === view.cluster.name);
      if (!anchor || !ctx.wants(anchor)) continue;
      const root = view.cluster.rootNamespace;
      ctx.report({
        resource: anchor,
        path: ['metadata', 'name'],
        message: `cluster ${view.cluster.name} (network ${view.cluster.network}) has no east-west gateway; expose its services on port 15443 with an AUTO_PASSTHROUGH Gateway in ${root}`,
        fix: () => ({
          title: 'Add the cross-network Gateway',
          safe: true,
          edits: [
            appendDocument(anchor.file, {
              apiVersion: 'networking.istio.io/v1',
              kind: 'Gateway',
              metadata: { name: 'cross-network-gateway', namespace: root },
              spec: {
                selector: { istio: 'eastwestgateway' },
                servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }],
              },
            }),
          ],
        }),
      });
    }
  },
};
