// ZT0510: a container port bound on the node's address (hostPort), outside Services, gateways and often NetworkPolicies.
import { getPath } from '../../model/workloads';
import { containerName, podView, POD_KINDS } from '../templates/podSecurityStandards';
import type { Rule } from '../types';

export const hostPortBinding: Rule = {
  meta: {
    id: 'ZT0510',
    pillar: 5,
    severity: 'warning',
    title: 'Container binds a host port',
    description:
      "A hostPort publishes the container on its node's address. Traffic to it skips Services and the ingress gateway, many CNI plugins do not apply NetworkPolicies to it, and it ties the pod to nodes where the port is free. The baseline Pod Security level forbids it.",
    fixable: false,
    kinds: POD_KINDS,
  },
  checkResource(r, ctx) {
    const pod = podView(r);
    if (!pod) return;
    for (const c of pod.containers) {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        const hostPort = getPath(p, ['hostPort']);
        if (typeof hostPort !== 'number' || hostPort === 0) return;
        ctx.report({
          resource: r,
          path: [...c.path, 'ports', i, 'hostPort'],
          message: `container ${containerName(c)} of ${r.kind} ${r.name} listens on port ${hostPort} of its node's address, outside Services and the gateway; remove hostPort and expose it through a Service`,
        });
      });
    }
  },
};
