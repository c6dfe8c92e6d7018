// ZT0402: a binding that hands out the cluster-admin ClusterRole, or a ClusterRole of the workspace that grants as much.
import { getPath } from '../../model/workloads';
import type { WorkspaceIndex } from '../../model/workspace';
import { findNamed } from '../templates/kindLookup';
import { grantsEverything, roleRules } from '../templates/rbacGrant';
import type { Rule } from '../types';

/** cluster-admin by name, or a workspace ClusterRole with a rule granting every verb on everything (the same power). */
function adminRole(index: WorkspaceIndex, name: string): 'named' | 'equivalent' | undefined {
  if (name === 'cluster-admin') return 'named';
  // ClusterRoles have no namespace; the lookup files them under "default".
  const role = findNamed(index, 'ClusterRole', 'default', name);
  return role && role.apiVersion.startsWith('rbac.authorization.k8s.io/') && roleRules(role).some(grantsEverything) ? 'equivalent' : undefined;
}

export const clusterAdminBinding: Rule = {
  meta: {
    id: 'ZT0402',
    pillar: 4,
    severity: 'error',
    title: 'Binding to cluster-admin',
    description:
      'cluster-admin can do anything to any object, including reading every secret and changing RBAC. Bound to a workload or team it turns one compromised credential into a compromised cluster. A ClusterRole of the workspace whose rule grants every verb on every resource of every API group counts as cluster-admin. Bind a role with the permissions actually needed.',
    fixable: false,
    kinds: ['ClusterRoleBinding', 'RoleBinding'],
  },
  checkResource(binding, ctx) {
    const roleName = getPath(binding.obj, ['roleRef', 'name']);
    if (getPath(binding.obj, ['roleRef', 'kind']) !== 'ClusterRole' || typeof roleName !== 'string') return;
    const admin = adminRole(ctx.index, roleName);
    if (!admin) return;
    // The built-in binding of system:masters is how the platform itself works.
    if (binding.name === 'cluster-admin' || binding.name.startsWith('system:')) return;
    const subjects = getPath(binding.obj, ['subjects']);
    const who = Array.isArray(subjects) ? subjects.map((s) => `${String(getPath(s, ['kind']))} ${String(getPath(s, ['name']))}`).join(', ') : 'its subjects';
    const scope = binding.kind === 'ClusterRoleBinding' ? 'the whole cluster' : `namespace ${binding.namespace ?? 'default'}`;
    ctx.report({
      resource: binding,
      path: ['roleRef', 'name'],
      message: `${binding.kind} ${binding.name} gives ${who} full control of ${scope}${admin === 'equivalent' ? ` (ClusterRole ${roleName} grants everything, as cluster-admin does)` : ''}; bind a narrower role`,
    });
  },
};
