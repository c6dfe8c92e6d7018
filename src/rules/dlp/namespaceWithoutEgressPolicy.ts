// ZT0802: an application namespace whose pods have no egress NetworkPolicy, so they may open connections anywhere.
import { ofKinds } from '../../model/kinds';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { namespaceCoverageRule } from '../templates/namespaceCoverage';
import { perKinds } from '../templates/perKinds';
import { allowsAllEgress } from './egressAllowAllRule';

function isEmptySelector(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.keys(v).length === 0;
}

/** Namespace/cluster pairs that have a NetworkPolicy restricting egress of every pod; kept until a NetworkPolicy changes. */
const egressCovered = perKinds(['NetworkPolicy'], (index) => {
  const covered = new Set<string>();
  for (const np of ofKinds(index, 'NetworkPolicy')) {
    const types = getPath(np.obj, ['spec', 'policyTypes']);
    const restrictsEgress = Array.isArray(types) ? types.includes('Egress') : getPath(np.obj, ['spec', 'egress']) !== undefined;
    // An allow-all rule (`egress: [{}]`) restricts nothing: such a policy is no egress control (ZT0809 reports the rule).
    const egress = getPath(np.obj, ['spec', 'egress']);
    const allowsAll = Array.isArray(egress) && egress.some(allowsAllEgress);
    if (!restrictsEgress || allowsAll || !isEmptySelector(getPath(np.obj, ['spec', 'podSelector']))) continue;
    for (const cluster of np.clusters) covered.add(`${cluster}/${namespaceOf(np)}`);
  }
  return covered;
});

export const namespaceWithoutEgressPolicy = namespaceCoverageRule({
  meta: {
    id: 'ZT0802',
    pillar: 8,
    severity: 'warning',
    title: 'Namespace without egress NetworkPolicy',
    description:
      'Istio egress controls only see traffic that goes through the sidecar; a process that bypasses it (or a pod without one) is stopped only by a NetworkPolicy. Without an egress policy selecting every pod of the namespace, pods may connect to any address, inside or outside the cluster. A policy with an allow-all egress rule (`egress: [{}]`) does not count.',
    fixable: true,
  },
  coverage: (index) => {
    const covered = egressCovered(index);
    return (namespace, cluster) => covered.has(`${cluster}/${namespace}`);
  },
  message: (namespace, clusters) =>
    `namespace ${namespace} has no egress NetworkPolicy${clusters.length ? ` in cluster ${clusters.join(', ')}` : ''}; add one that keeps traffic inside the cluster and send external calls through an egress gateway`,
  // In-cluster destinations (DNS, istiod, gateways, other namespaces) stay reachable: the policy only
  // stops pods from opening connections to addresses outside the cluster, which is what leaks data.
  fixDocument: (namespace) => ({
    title: `Add an in-cluster-only egress NetworkPolicy to ${namespace}`,
    safe: true,
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'egress-in-cluster-only', namespace },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }] }],
      },
    },
  }),
});
