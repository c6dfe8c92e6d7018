// ZT0507: a NetworkPolicy ingress rule without `from`, which admits every source (in and outside the cluster).
import type { Rule } from '../types';
import { ingressRules } from './networkPolicyPeers';

export const ingressRuleFromAnywhere: Rule = {
  meta: {
    id: 'ZT0507',
    pillar: 5,
    severity: 'warning',
    title: 'NetworkPolicy ingress rule allows any source',
    description:
      'An ingress rule with no `from` (or an empty one) matches all sources: every pod of every namespace and every external address. Name the callers with podSelector/namespaceSelector peers.',
    fixable: false,
    kinds: ['NetworkPolicy'],
  },
  checkResource(np, ctx) {
    for (const { index, rule } of ingressRules(np)) {
      const from = rule.from;
      if (Array.isArray(from) && from.length > 0) continue;
      const ports = Array.isArray(rule.ports) && rule.ports.length > 0 ? ' on its ports' : '';
      ctx.report({
        resource: np,
        path: from === undefined ? ['spec', 'ingress', index] : ['spec', 'ingress', index, 'from'],
        part: from === undefined ? 'value' : 'key',
        message: `ingress rule ${index} of ${np.name} has no "from" and admits every source${ports}; list the allowed peers`,
      });
    }
  },
};
