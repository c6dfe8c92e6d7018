// ZT0425: a ClusterRole whose rule grants every verb on every resource of every API group: cluster-admin under another name.
import { grantsEverything, rbacGrantRule } from '../templates/rbacGrant';

export const clusterAdminEquivalentRole = rbacGrantRule(
  {
    id: 'ZT0425',
    pillar: 4,
    severity: 'error',
    title: 'ClusterRole grants everything',
    description:
      'apiGroups: ["*"], resources: ["*"] and verbs: ["*"] in one rule is exactly what cluster-admin grants: every Secret, every pod\'s exec, RBAC itself. Bound cluster-wide it is cluster-admin, but checks that look for the name cluster-admin (and reviewers) miss it. In a Role the same rule is namespace-admin, which ZT0401 reports.',
    fixable: false,
  },
  (rule, role) => {
    if (role.kind !== 'ClusterRole' || !grantsEverything(rule)) return [];
    return [
      {
        field: ['verbs', rule.verbs.indexOf('*')],
        message: `ClusterRole ${role.name} grants every verb on every resource of every API group, which is cluster-admin; list the API groups, resources and verbs it needs`,
      },
    ];
  },
);
