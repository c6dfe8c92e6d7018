// ZT0103: an AuthorizationPolicy that matches on JWT claims or request principals where no RequestAuthentication validates tokens.
import { selectorMatches, workloadsMatchingLabels, parseLabelSelector } from '../../model/selectors';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { rootNamespaceOf } from '../mtls/meshMtls';
import { policyFields, policySelectorLabels } from '../templates/authorizationPolicy';
import { inNamespace } from '../templates/kindLookup';
import type { Rule } from '../types';

const JWT_FIELDS = new Set(['requestPrincipals', 'notRequestPrincipals']);

function isJwtField(section: string, name: string): boolean {
  return (section === 'source' && JWT_FIELDS.has(name)) || (section === 'when' && (name.startsWith('request.auth.') || name === 'request.auth'));
}

/** True when RequestAuthentication `ra` applies to (some of) the workloads `policy` selects. */
function appliesTo(index: WorkspaceIndex, ra: Resource, policy: Resource): boolean {
  const raSelector = parseLabelSelector(getPath(ra.obj, ['spec', 'selector']));
  if (!raSelector || Object.keys(raSelector.matchLabels).length === 0) return true;
  const policyLabels = policySelectorLabels(policy);
  if (!policyLabels) return false;
  if (selectorMatches(raSelector, policyLabels)) return true;
  return workloadsMatchingLabels(index, namespaceOf(policy), policyLabels).some((w) => selectorMatches(raSelector, w.labels));
}

export const jwtRuleWithoutRequestAuthentication: Rule = {
  meta: {
    id: 'ZT0103',
    pillar: 1,
    severity: 'error',
    title: 'JWT-based rule without RequestAuthentication',
    description:
      'requestPrincipals and request.auth.* conditions are only populated from tokens that a RequestAuthentication validated. Without one for the workload they are always empty: ALLOW rules on them never match and DENY rules never fire.',
    fixable: false,
    kinds: ['AuthorizationPolicy'],
  },
  checkResource(policy, ctx) {
    const field = policyFields(policy).find((f) => isJwtField(f.section, f.name));
    if (!field) return;
    const ns = namespaceOf(policy);
    const roots = new Set(policy.clusters.map((c) => rootNamespaceOf(ctx.index, c)));
    const covered =
      inNamespace(ctx.index, 'RequestAuthentication', ns).some((ra) => appliesTo(ctx.index, ra, policy)) ||
      [...roots].some((root) => inNamespace(ctx.index, 'RequestAuthentication', root).some((ra) => !getPath(ra.obj, ['spec', 'selector'])));
    if (covered) return;
    ctx.report({
      resource: policy,
      path: field.path,
      part: 'key',
      message: `${field.name} needs a validated JWT, but no RequestAuthentication applies to the workloads of ${policy.name}; add a RequestAuthentication with jwtRules for them`,
    });
  },
};
