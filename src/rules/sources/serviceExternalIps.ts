// ZT0511: a Service with externalIPs, which captures traffic to those addresses cluster-wide (CVE-2020-8554).
import { removeListItems } from '../../fix/listItemRemoval';
import { CORE, isKind } from '../../model/kinds';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

export const serviceExternalIps: Rule = {
  meta: {
    id: 'ZT0511',
    pillar: 5,
    severity: 'warning',
    title: 'Service sets externalIPs',
    description:
      "Every node routes traffic for a Service's externalIPs to the Service, whoever owns those addresses: anyone allowed to create Services can intercept traffic meant for an external or internal IP (CVE-2020-8554), and the addresses bypass the gateway. Use a LoadBalancer or a gateway; clusters should block externalIPs with an admission policy.",
    fixable: true,
    fixNeedsReview: true,
    kinds: ['Service'],
  },
  checkResource(svc, ctx) {
    if (!isKind(svc, CORE, 'Service')) return;
    const ips = getPath(svc.obj, ['spec', 'externalIPs']);
    if (!Array.isArray(ips) || ips.length === 0) return;
    ctx.report({
      resource: svc,
      path: ['spec', 'externalIPs'],
      part: 'key',
      message: `Service ${svc.name} claims external IP ${ips.map(String).join(', ')} on every node, which intercepts traffic to those addresses; remove externalIPs and expose it through a LoadBalancer or a gateway`,
      fix: () => ({
        title: 'Remove externalIPs',
        safe: false,
        edits: removeListItems(
          svc,
          ['spec', 'externalIPs'],
          ips.map((_, i) => i),
        ),
      }),
    });
  },
};
