// ZT0506: a NetworkPolicy whose podSelector matches no workload of its namespace, so it protects nothing.
import { parseLabelSelector, selectorLookup, workloadsMatching } from '../../model/selectors';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import type { Rule } from '../types';

export const networkPolicySelectsNothing: Rule = {
  meta: {
    id: 'ZT0506',
    pillar: 5,
    severity: 'warning',
    title: 'NetworkPolicy selects no workload',
    description:
      "A podSelector that matches none of the namespace's workloads (often a label typo) leaves the pods it was written for unprotected, while the policy suggests they are.",
    fixable: false,
    kinds: ['NetworkPolicy'],
  },
  checkResource(np, ctx) {
    const ns = namespaceOf(np);
    // Only judge namespaces whose workloads the workspace holds.
    if (!selectorLookup(ctx.index).podsByNamespace.has(ns)) return;
    const selector = parseLabelSelector(getPath(np.obj, ['spec', 'podSelector']) ?? {});
    if (!selector || workloadsMatching(ctx.index, ns, selector).length > 0) return;
    ctx.report({
      resource: np,
      path: ['spec', 'podSelector'],
      part: 'key',
      message: `podSelector of NetworkPolicy ${np.name} matches no workload in namespace ${ns}${selector.invalid ? ` (${selector.invalid})` : ''}; fix the labels so it selects the pods it should protect`,
    });
  },
};
