// ZT0206: an application namespace that no PeerAuthentication (namespace or mesh-wide) puts in a declared mTLS mode.
import { namespaceCoverageRule } from '../templates/namespaceCoverage';
import { mtlsModes } from './meshMtls';

export const namespaceWithoutStrictMtls = namespaceCoverageRule({
  meta: {
    id: 'ZT0206',
    pillar: 2,
    severity: 'warning',
    title: 'Namespace has no STRICT mTLS policy',
    description:
      'Without a PeerAuthentication for the namespace or a mesh-wide one in the root namespace, Istio runs PERMISSIVE: sidecars accept plaintext next to mTLS, so callers outside the mesh get in unauthenticated.',
    fixable: true,
  },
  coverageKinds: ['PeerAuthentication'],
  coverage(index) {
    const modes = mtlsModes(index);
    return (namespace, cluster) => modes.declared(namespace, cluster) !== undefined;
  },
  message: (ns, clusters) =>
    `namespace ${ns} has no PeerAuthentication${clusters.length ? ` in cluster ${clusters.join(', ')}` : ''} and runs PERMISSIVE by default; add a PeerAuthentication with mtls.mode STRICT for it (or mesh-wide in the root namespace)`,
  fixDocument: (namespace) => ({
    title: `Add a STRICT PeerAuthentication for namespace ${namespace}`,
    safe: true,
    object: {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace },
      spec: { mtls: { mode: 'STRICT' } },
    },
  }),
});
