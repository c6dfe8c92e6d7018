// ZT0207: portLevelMtls on a PeerAuthentication without a workload selector, which Istio ignores.
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { isNamespaceWide } from './meshMtls';

export const portLevelMtlsWithoutSelector: Rule = {
  meta: {
    id: 'ZT0207',
    pillar: 2,
    severity: 'warning',
    title: 'portLevelMtls without a selector is ignored',
    description:
      'Istio applies port-level mTLS settings only to PeerAuthentications that select workloads; on a namespace- or mesh-wide policy they are silently ignored, so the port runs with the policy-level mode instead of the one written.',
    fixable: false,
    kinds: ['PeerAuthentication'],
  },
  checkResource(pa, ctx) {
    const ports = getPath(pa.obj, ['spec', 'portLevelMtls']);
    if (!ports || typeof ports !== 'object' || Object.keys(ports).length === 0 || !isNamespaceWide(pa)) return;
    ctx.report({
      resource: pa,
      path: ['spec', 'portLevelMtls'],
      part: 'key',
      message:
        'portLevelMtls only applies with a workload selector and is ignored here; move it into a PeerAuthentication with spec.selector.matchLabels for the workload that owns the port',
    });
  },
};
