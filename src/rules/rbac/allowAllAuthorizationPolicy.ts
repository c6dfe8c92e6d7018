// ZT0412: an ALLOW AuthorizationPolicy with a rule that matches every request.
import { getPath } from '../../model/workloads';
import { policyAction } from '../templates/authorizationPolicy';
import type { Rule } from '../types';

/** True for `{}`, or a rule whose from/to/when hold only empty entries: Istio matches it against anything. */
function matchesEverything(rule: unknown): boolean {
  if (!rule || typeof rule !== 'object') return rule === null;
  return Object.values(rule as Record<string, unknown>).every((v) => {
    if (v === null || v === undefined) return true;
    if (!Array.isArray(v)) return false;
    return v.every((entry) => {
      if (!entry || typeof entry !== 'object') return true;
      const inner = Object.values(entry as Record<string, unknown>);
      return inner.every((x) => x === null || (typeof x === 'object' && Object.keys(x as object).length === 0));
    });
  });
}

export const allowAllAuthorizationPolicy: Rule = {
  meta: {
    id: 'ZT0412',
    pillar: 4,
    severity: 'error',
    title: 'AuthorizationPolicy allows everything',
    description:
      'An ALLOW rule without conditions (rules: [{}]) matches every request from every caller, mTLS or not, and it also switches off the implicit deny that other ALLOW policies on the workload would give. Note that spec: {} is the opposite: it denies everything.',
    fixable: false,
    kinds: ['AuthorizationPolicy'],
  },
  checkResource(policy, ctx) {
    if (policyAction(policy) !== 'ALLOW') return;
    const rules = getPath(policy.obj, ['spec', 'rules']);
    if (!Array.isArray(rules)) return;
    rules.forEach((rule, i) => {
      if (!matchesEverything(rule)) return;
      ctx.report({
        resource: policy,
        path: ['spec', 'rules', i],
        message: `rule ${i} of ${policy.name} has no conditions and allows every request; name the callers (from.source.principals) and operations it should allow`,
      });
    });
  },
};
