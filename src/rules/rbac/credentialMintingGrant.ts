// ZT0427: a role that can mint ServiceAccount tokens (serviceaccounts/token) or talk to kubelets (nodes/proxy).
import { CORE } from '../../model/kinds';
import { isWildcardEntry, rbacGrantRule, resourceEntry, verbEntry, type GrantFinding } from '../templates/rbacGrant';

export const credentialMintingGrant = rbacGrantRule(
  {
    id: 'ZT0427',
    pillar: 4,
    severity: 'error',
    title: 'Role can mint tokens or reach the kubelet API',
    description:
      'create on serviceaccounts/token issues a token for any ServiceAccount in scope, so its holders act as those accounts, mesh identities included. nodes/proxy (even get) reaches the kubelet API, where exec into every pod on the node is not checked by RBAC or logged by the API server. A "*" in resources includes both.',
    fixable: true,
  },
  (rule, role) => {
    const out: GrantFinding[] = [];
    const token = resourceEntry(rule, CORE, 'serviceaccounts/token');
    if (token >= 0 && verbEntry(rule, 'create') >= 0) {
      const via = isWildcardEntry(rule, token) ? ` through "${rule.resources[token]}" resources` : '';
      out.push({
        field: ['resources', token],
        message: `${role.kind} ${role.name} can create serviceaccounts/token${via}, so its holders get tokens of any ServiceAccount in scope; remove it`,
      });
    }
    const proxy = resourceEntry(rule, CORE, 'nodes/proxy');
    if (proxy >= 0 && rule.verbs.length > 0 && role.kind === 'ClusterRole') {
      const via = isWildcardEntry(rule, proxy) ? ` through "${rule.resources[proxy]}" resources` : '';
      out.push({
        field: ['resources', proxy],
        message: `ClusterRole ${role.name} grants nodes/proxy${via}, so its holders can exec into any pod through the kubelet, unaudited; use the metrics or logs APIs instead`,
      });
    }
    // Entries named outright can go (all of them, so the fixes agree); a "*" stays: removing it is a redesign of the role.
    const named = out.map((f) => Number(f.field[1])).filter((at) => !isWildcardEntry(rule, at));
    return out.map((f) => (named.length === out.length ? { ...f, remove: { list: 'resources' as const, indices: named } } : f));
  },
);
