// ZT0508: a source range in an allow-list that lies outside the trusted networks declared in ztn.yaml (allowedCidrs).
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath, stringMap } from '../../model/workloads';
import { policyAction, policyFields } from '../templates/authorizationPolicy';
import type { Rule } from '../types';
import { isAllowedSource, isOpenToWorld } from './cidr';
import { ALLOW_LIST_ANNOTATIONS } from './ingressWithoutAllowList';
import { ingressIpBlocks } from './networkPolicyPeers';

interface SourceRange {
  cidr: string;
  path: FieldPath;
  what: string;
}

function sourceRanges(r: Resource): SourceRange[] {
  switch (r.kind) {
    case 'NetworkPolicy':
      return ingressIpBlocks(r).map((b) => ({ cidr: b.cidr, path: b.path, what: 'ingress ipBlock' }));
    case 'AuthorizationPolicy':
      if (policyAction(r) !== 'ALLOW') return [];
      return policyFields(r)
        .filter((f) => f.section === 'source' && (f.name === 'ipBlocks' || f.name === 'remoteIpBlocks'))
        .flatMap((f) => f.values.map((cidr, i) => ({ cidr, path: [...f.valuesPath, i], what: f.name })));
    case 'Service': {
      const ranges = getPath(r.obj, ['spec', 'loadBalancerSourceRanges']);
      return Array.isArray(ranges)
        ? ranges.map((cidr, i) => ({ cidr: String(cidr), path: ['spec', 'loadBalancerSourceRanges', i], what: 'loadBalancerSourceRanges' }))
        : [];
    }
    case 'Ingress': {
      const annotations = stringMap(getPath(r.obj, ['metadata', 'annotations']));
      return ALLOW_LIST_ANNOTATIONS.filter((a) => annotations[a] !== undefined).flatMap((a) =>
        annotations[a].split(',').map((cidr) => ({ cidr: cidr.trim(), path: ['metadata', 'annotations', a], what: a })),
      );
    }
    default:
      return [];
  }
}

export const sourceOutsideAllowedCidrs: Rule = {
  meta: {
    id: 'ZT0508',
    pillar: 5,
    severity: 'warning',
    title: 'Source range outside allowedCidrs',
    description:
      'ztn.yaml allowedCidrs lists the networks the organisation trusts as traffic sources. An allow-list entry outside them (a home IP, a vendor range, a typo) grants access that nobody declared.',
    fixable: false,
    kinds: ['NetworkPolicy', 'AuthorizationPolicy', 'Service', 'Ingress'],
  },
  checkResource(r, ctx) {
    const allowed = ctx.config.allowedCidrs;
    if (allowed.length === 0) return;
    for (const s of sourceRanges(r)) {
      // Open-to-world entries have their own rules (ZT0501-ZT0504).
      if (s.cidr === '' || isOpenToWorld(s.cidr) || isAllowedSource(s.cidr, allowed)) continue;
      ctx.report({
        resource: r,
        path: s.path,
        message: `${s.what} ${s.cidr} is outside allowedCidrs (${allowed.join(', ')}); remove it or add the network to allowedCidrs in ztn.yaml`,
      });
    }
  },
};
