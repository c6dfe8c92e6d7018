// ZT0209: Istio annotations that exclude ports or address ranges from the sidecar's traffic capture, so that traffic skips mTLS and policy.
import { podView, POD_KINDS } from '../templates/podSecurityStandards';
import type { Rule } from '../types';

const EXCLUSIONS: Record<string, string> = {
  'traffic.sidecar.istio.io/excludeInboundPorts': 'inbound connections to port',
  'traffic.sidecar.istio.io/excludeOutboundPorts': 'outbound connections to port',
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': 'outbound connections to',
};

export const trafficCaptureExclusion: Rule = {
  meta: {
    id: 'ZT0209',
    pillar: 2,
    severity: 'warning',
    title: 'Traffic excluded from the sidecar',
    description:
      "traffic.sidecar.istio.io/excludeInboundPorts, excludeOutboundPorts and excludeOutboundIPRanges tell the sidecar's iptables rules to let that traffic pass untouched: it is plaintext, carries no workload identity, and no AuthorizationPolicy, PeerAuthentication or egress control applies to it. A STRICT namespace is then STRICT except on those ports.",
    fixable: false,
    kinds: POD_KINDS,
  },
  checkResource(r, ctx) {
    const pod = podView(r);
    if (!pod) return;
    for (const [key, what] of Object.entries(EXCLUSIONS)) {
      const value = pod.tpl.annotations[key];
      if (value === undefined || value.trim() === '') continue;
      ctx.report({
        resource: r,
        path: [...pod.tpl.metadataPath, 'annotations', key],
        message: `pods of ${r.kind} ${r.name} let ${what} ${value.slice(0, 200)} bypass the sidecar (no mTLS, no authorization policy); remove ${key} and give that traffic a mesh route`,
      });
    }
  },
};
