// ZT0904: Secret manifests in a workspace (cluster) that uses no external secret store at all.
import { ofKinds } from '../../model/kinds';
import type { Resource } from '../../model/types';
import { perRun } from '../templates/perRun';
import type { Rule } from '../types';

/** Kinds that deliver secrets from a store or in encrypted form. */
export const SECRET_STORE_KINDS = [
  'ExternalSecret',
  'ClusterExternalSecret',
  'SecretProviderClass',
  'SealedSecret',
  'VaultStaticSecret',
  'VaultDynamicSecret',
  'InfisicalSecret',
  'OnePasswordItem',
];

/** Secrets Kubernetes or Helm generate; they say nothing about how application secrets are managed. */
function isApplicationSecret(r: Resource): boolean {
  const type = String(r.obj.type ?? 'Opaque');
  return r.apiVersion === 'v1' && type !== 'kubernetes.io/service-account-token' && !type.startsWith('helm.sh/');
}

/** Per cluster: whether a store is used, and the first application Secret manifest. */
const storeUsage = perRun((index) => {
  const withStore = new Set(ofKinds(index, ...SECRET_STORE_KINDS).flatMap((r) => r.clusters));
  const firstSecret = new Map<string, Resource>();
  for (const s of ofKinds(index, 'Secret')) {
    if (!isApplicationSecret(s)) continue;
    for (const c of s.clusters) if (!firstSecret.has(c)) firstSecret.set(c, s);
  }
  return { withStore, firstSecret };
});

export const noExternalSecretStore: Rule = {
  meta: {
    id: 'ZT0904',
    pillar: 9,
    severity: 'warning',
    title: 'No external secret store',
    description:
      'When every secret is a Secret manifest, secret values live wherever the manifests do, nobody can audit who read them, and rotation means editing files. An external store (External Secrets Operator, Secrets Store CSI driver, Vault) or at least encryption (Sealed Secrets) keeps values out of the repository and gives rotation and audit.',
    fixable: false,
  },
  checkWorkspace(ctx) {
    const { withStore, firstSecret } = storeUsage(ctx.index);
    const multi = ctx.config.clusters.length > 1;
    const reported = new Set<Resource>();
    for (const [cluster, secret] of firstSecret) {
      if (withStore.has(cluster) || reported.has(secret)) continue;
      reported.add(secret);
      ctx.report({
        resource: secret,
        path: ['metadata', 'name'],
        message: `secrets${multi ? ` of cluster ${cluster}` : ''} are plain Secret manifests and no external secret store is used; deliver them with ExternalSecret, SecretProviderClass or SealedSecret`,
      });
    }
  },
};
