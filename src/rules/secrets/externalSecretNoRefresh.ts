// ZT0906: an ExternalSecret that never refreshes, so a rotated secret never reaches the cluster.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

function isZeroDuration(v: unknown): boolean {
  return v === 0 || (typeof v === 'string' && /^0+(\.0+)?(ns|us|µs|ms|s|m|h)?$/.test(v.trim()));
}

export const externalSecretNoRefresh: Rule = {
  meta: {
    id: 'ZT0906',
    pillar: 9,
    severity: 'warning',
    title: 'ExternalSecret never refreshes',
    description:
      'External Secrets Operator copies a secret into the cluster every refreshInterval; `0` turns that off, as does `refreshPolicy: CreatedOnce`. A secret rotated (or revoked) in the store then stays valid in the cluster indefinitely, which defeats rotation.',
    fixable: true,
    kinds: ['ExternalSecret', 'ClusterExternalSecret'],
  },
  checkResource(r, ctx) {
    if (!r.apiVersion.startsWith('external-secrets.io/')) return;
    const base = r.kind === 'ClusterExternalSecret' ? ['spec', 'externalSecretSpec'] : ['spec'];
    const intervalPath = [...base, 'refreshInterval'];
    if (isZeroDuration(getPath(r.obj, intervalPath))) {
      ctx.report({
        resource: r,
        path: intervalPath,
        message: 'refreshInterval 0 never re-reads the store, so rotated secrets never arrive; set it to 1h (or shorter)',
        fix: () => ({ title: 'Refresh every hour', safe: true, edits: setField(r, intervalPath, '1h') }),
      });
    }
    const policyPath = [...base, 'refreshPolicy'];
    if (getPath(r.obj, policyPath) === 'CreatedOnce') {
      ctx.report({
        resource: r,
        path: policyPath,
        message: 'refreshPolicy CreatedOnce never re-reads the store, so rotated secrets never arrive; use Periodic with a refreshInterval',
        fix: () => ({ title: 'Refresh periodically', safe: true, edits: setField(r, policyPath, 'Periodic') }),
      });
    }
  },
};
