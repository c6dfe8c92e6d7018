// ZT0402: a binding that hands out the cluster-admin ClusterRole.
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

export const clusterAdminBinding: Rule = {
  meta: {
    id: 'ZT0402',
    pillar: 4,
    severity: 'error',
    title: 'Binding to cluster-admin',
    description:
      'cluster-admin can do anything to any object, including reading every secret and changing RBAC. Bound to a workload or team it turns one compromised credential into a compromised cluster. Bind a role with the permissions actually needed.',
    fixable: false,
    kinds: ['ClusterRoleBinding', 'RoleBinding'],
  },
  checkResource(binding, ctx) {
    if (getPath(binding.obj, ['roleRef', 'kind']) !== 'ClusterRole' || getPath(binding.obj, ['roleRef', 'name']) !== 'cluster-admin') return;
    // The built-in binding of system:masters is how the platform itself works.
    if (binding.name === 'cluster-admin' || binding.name.startsWith('system:')) return;
    const subjects = getPath(binding.obj, ['subjects']);
    const who = Array.isArray(subjects) ? subjects.map((s) => `${String(getPath(s, ['kind']))} ${String(getPath(s, ['name']))}`).join(', ') : 'its subjects';
    const scope = binding.kind === 'ClusterRoleBinding' ? 'the whole cluster' : `namespace ${binding.namespace ?? 'default'}`;
    ctx.report({
      resource: binding,
      path: ['roleRef', 'name'],
      message: `${binding.kind} ${binding.name} gives ${who} full control of ${scope}; bind a narrower role`,
    });
  },
};
