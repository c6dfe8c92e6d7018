// ZT0509: a NodePort Service, which opens its ports on every node's address, outside any gateway.
import { replaceString } from '../../fix/replaceScalar';
import { CORE, isKind } from '../../model/kinds';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

export const nodePortService: Rule = {
  meta: {
    id: 'ZT0509',
    pillar: 5,
    severity: 'warning',
    title: 'NodePort Service',
    description:
      "A NodePort Service listens on every node's address, on ports outside the ingress gateway, its TLS, its authorization and its source allow-lists; node addresses are often reachable from much more of the network than the gateway is. Expose workloads through a gateway, or a LoadBalancer with loadBalancerSourceRanges.",
    fixable: true,
    fixNeedsReview: true,
    kinds: ['Service'],
  },
  checkResource(svc, ctx) {
    if (!isKind(svc, CORE, 'Service') || getPath(svc.obj, ['spec', 'type']) !== 'NodePort') return;
    const ports = getPath(svc.obj, ['spec', 'ports']);
    const list = Array.isArray(ports) ? ports : [];
    const nodePorts = list.map((p) => getPath(p, ['nodePort'])).filter((n) => n !== undefined && n !== null);
    const which = nodePorts.length > 0 ? `node port ${nodePorts.map(String).join(', ')}` : 'a node port for each of its ports';
    ctx.report({
      resource: svc,
      path: ['spec', 'type'],
      message: `Service ${svc.name} opens ${which} on every node's address, outside the gateway; use type ClusterIP behind an ingress gateway (or a LoadBalancer with loadBalancerSourceRanges)`,
      // A fixed nodePort is invalid on a ClusterIP Service: then the ports need a human edit too.
      fix:
        nodePorts.length === 0
          ? () => ({ title: 'Make it a ClusterIP Service', safe: false, edits: replaceString(svc, ['spec', 'type'], 'ClusterIP') })
          : undefined,
    });
  },
};
