// ZT0505: an application namespace without a default-deny ingress NetworkPolicy.
import { ofKinds } from '../../model/kinds';
import { isEmptySelector, parseLabelSelector } from '../../model/selectors';
import { getPath } from '../../model/workloads';
import type { Resource } from '../../model/types';
import { coverageKey, markCovered } from '../templates/coverageKey';
import { namespaceCoverageRule } from '../templates/namespaceCoverage';
import { policyTypes } from './networkPolicyPeers';

/** podSelector {} with Ingress in policyTypes and no ingress rules: nothing may connect unless another policy allows it. */
export function isDefaultDenyIngress(np: Resource): boolean {
  const selector = parseLabelSelector(getPath(np.obj, ['spec', 'podSelector']) ?? {});
  const ingress = getPath(np.obj, ['spec', 'ingress']);
  const noRules = ingress === undefined || ingress === null || (Array.isArray(ingress) && ingress.length === 0);
  return !!selector && isEmptySelector(selector) && policyTypes(np).includes('Ingress') && noRules;
}

export const namespaceWithoutDefaultDeny = namespaceCoverageRule({
  meta: {
    id: 'ZT0505',
    pillar: 5,
    severity: 'warning',
    title: 'Namespace without default-deny NetworkPolicy',
    description:
      'Pods accept connections from anywhere in the cluster until a NetworkPolicy selects them. A default-deny ingress policy (podSelector: {}, policyTypes: [Ingress], no rules) makes every allowed connection an explicit decision.',
    fixable: true,
    fixNeedsReview: true,
  },
  coverageKinds: ['NetworkPolicy'],
  coverage(index) {
    const covered = new Set<string>();
    for (const np of ofKinds(index, 'NetworkPolicy')) if (isDefaultDenyIngress(np)) markCovered(covered, np);
    return (namespace, cluster) => covered.has(coverageKey(namespace, cluster));
  },
  message: (ns, clusters) =>
    `namespace ${ns} has no default-deny ingress NetworkPolicy${clusters.length ? ` in cluster ${clusters.join(', ')}` : ''}; add one (podSelector: {}, policyTypes: [Ingress]) and allow the expected callers explicitly`,
  fixDocument: (namespace) => ({
    title: `Add a default-deny ingress NetworkPolicy to ${namespace}`,
    // Not safe: every connection into the namespace stops until allow policies exist.
    safe: false,
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-ingress', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    },
  }),
});
