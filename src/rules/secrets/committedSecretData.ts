// ZT0902: a Secret manifest with data or stringData, i.e. secret values committed with the manifests.
import type { Rule } from '../types';

/** Secret types whose data Kubernetes fills in itself; an empty manifest of them is fine. */
const GENERATED_TYPES = new Set(['kubernetes.io/service-account-token']);

export const committedSecretData: Rule = {
  meta: {
    id: 'ZT0902',
    pillar: 9,
    severity: 'error',
    title: 'Secret values committed in a manifest',
    description:
      'Base64 in `data` is encoding, not encryption; `stringData` is plain text. A Secret manifest with values puts them in Git history, CI logs and every clone, where they outlive any rotation. Keep the values in a secret store (External Secrets, Secrets Store CSI, Vault) or commit them only encrypted (Sealed Secrets, SOPS).',
    fixable: false,
    kinds: ['Secret'],
  },
  checkResource(r, ctx) {
    if (r.apiVersion !== 'v1' || GENERATED_TYPES.has(String(r.obj.type ?? ''))) return;
    for (const field of ['data', 'stringData']) {
      const values = r.obj[field];
      if (!values || typeof values !== 'object' || Object.keys(values).length === 0) continue;
      const keys = Object.keys(values);
      ctx.report({
        resource: r,
        path: [field],
        part: 'key',
        message: `Secret ${r.name} commits ${keys.length} value${keys.length > 1 ? 's' : ''} in ${field} (${keys.join(', ')}); remove them from the manifest, rotate them, and deliver them from a secret store or as an encrypted SealedSecret`,
      });
    }
  },
};
