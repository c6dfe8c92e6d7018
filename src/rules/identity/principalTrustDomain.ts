// ZT0104: AuthorizationPolicy principals whose trust domain no cluster of ztn.yaml has, so they can never match.
import { replaceString } from '../../fix/replaceScalar';
import { policyFields } from '../templates/authorizationPolicy';
import type { Rule } from '../types';

const PRINCIPAL_FIELDS = new Set(['principals', 'notPrincipals']);

/** Trust domain of a principal "<td>/ns/<ns>/sa/<sa>"; undefined for wildcard patterns and other shapes. */
export function principalTrustDomain(principal: string): string | undefined {
  if (principal.startsWith('*') || principal.startsWith('spiffe://')) return undefined;
  const at = principal.indexOf('/ns/');
  return at > 0 ? principal.slice(0, at) : undefined;
}

export const principalTrustDomainRule: Rule = {
  meta: {
    id: 'ZT0104',
    pillar: 1,
    severity: 'error',
    title: 'Principal has an unknown trust domain',
    description:
      'Istio principals are "<trust domain>/ns/<namespace>/sa/<service account>". A principal whose trust domain is neither a cluster\'s trustDomain nor one of its trustDomainAliases (ztn.yaml) matches no workload: an ALLOW rule silently allows nothing, a DENY rule denies nothing.',
    fixable: true,
    kinds: ['AuthorizationPolicy'],
  },
  checkResource(policy, ctx) {
    const clusters = ctx.config.clusters.filter((c) => policy.clusters.includes(c.name));
    const scope = clusters.length > 0 ? clusters : ctx.config.clusters;
    // Calls from every cluster of the mesh reach this policy, so any cluster's trust domain is a real identity.
    const known = new Set(ctx.config.clusters.flatMap((c) => [c.trustDomain, ...c.trustDomainAliases]));
    const primary = [...new Set(scope.map((c) => c.trustDomain))];
    for (const field of policyFields(policy)) {
      const principal = field.section === 'source' && PRINCIPAL_FIELDS.has(field.name);
      const condition = field.section === 'when' && field.name === 'source.principal';
      if (!principal && !condition) continue;
      field.values.forEach((value, i) => {
        const td = principalTrustDomain(value);
        if (td === undefined || known.has(td)) return;
        const valuePath = [...field.valuesPath, i];
        const fixed = `${primary[0]}${value.slice(td.length)}`;
        ctx.report({
          resource: policy,
          path: valuePath,
          message: `principal ${value} has trust domain ${td}, which no cluster uses (${[...known].join(', ')}); it matches nothing: use ${fixed} or add ${td} to trustDomainAliases`,
          // Only unambiguous when the clusters the policy is deployed to share one trust domain.
          fix:
            primary.length === 1 ? () => ({ title: `Use trust domain ${primary[0]}`, safe: true, edits: replaceString(policy, valuePath, fixed) }) : undefined,
        });
      });
    }
  },
};
