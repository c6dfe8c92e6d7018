// ZT0401: a Role or ClusterRole that grants "*" verbs, resources or API groups.
import { rbacGrantRule } from '../templates/rbacGrant';

export const wildcardGrant = rbacGrantRule(
  {
    id: 'ZT0401',
    pillar: 4,
    severity: 'warning',
    title: 'RBAC rule uses a wildcard',
    description:
      'A "*" in verbs, resources or apiGroups grants everything that exists now and everything added later (new CRDs, new subresources). Least privilege needs the exact verbs and resources the workload uses.',
    fixable: false,
  },
  (rule, role) => {
    for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
      const at = rule[field].indexOf('*');
      if (at >= 0) {
        return [{ field: [field, at], message: `${role.kind} ${role.name} grants "*" ${field}; list the exact ${field} it needs` }];
      }
    }
    return [];
  },
);
