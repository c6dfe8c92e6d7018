// ZT0413: an application namespace with no AuthorizationPolicy at all (and none mesh-wide), so every authenticated caller gets in.
import { ofKinds } from '../../model/kinds';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { rootNamespaceOf } from '../mtls/meshMtls';
import { coverageKey } from '../templates/coverageKey';
import { namespaceCoverageRule } from '../templates/namespaceCoverage';

export const namespaceWithoutAuthorizationPolicy = namespaceCoverageRule({
  meta: {
    id: 'ZT0413',
    pillar: 4,
    severity: 'warning',
    title: 'Namespace has no AuthorizationPolicy',
    description:
      'Without any AuthorizationPolicy for a workload Istio allows every request: mTLS proves who the caller is, but nothing checks that the caller may call. Start from an allow-nothing policy (spec: {}) and add ALLOW rules per caller.',
    fixable: true,
    fixNeedsReview: true,
  },
  coverageKinds: ['AuthorizationPolicy'],
  coverage(index) {
    const covered = new Set<string>();
    const meshWide = new Set<string>();
    for (const ap of ofKinds(index, 'AuthorizationPolicy')) {
      for (const cluster of ap.clusters) {
        const ns = namespaceOf(ap);
        if (ns === rootNamespaceOf(index, cluster) && !getPath(ap.obj, ['spec', 'selector'])) meshWide.add(cluster);
        else covered.add(coverageKey(ns, cluster));
      }
    }
    return (namespace, cluster) => meshWide.has(cluster) || covered.has(coverageKey(namespace, cluster));
  },
  message: (ns, clusters) =>
    `namespace ${ns} has no AuthorizationPolicy${clusters.length ? ` in cluster ${clusters.join(', ')}` : ''}, so any caller may call its workloads; add an allow-nothing policy (spec: {}) plus ALLOW rules for the expected callers`,
  fixDocument: (namespace) => ({
    title: `Add an allow-nothing AuthorizationPolicy for ${namespace}`,
    // Not safe: it denies all traffic to the namespace until ALLOW rules are written.
    safe: false,
    object: { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'allow-nothing', namespace }, spec: {} },
  }),
});
