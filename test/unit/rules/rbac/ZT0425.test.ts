import { clusterAdminEquivalentRole } from '../../../../src/rules/rbac/clusterAdminEquivalentRole';
import { ruleTester } from '../../../helpers/ruleTester';
import { role } from './fixtures';

ruleTester(clusterAdminEquivalentRole, {
  valid: [
    role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: [get, list, watch]\n', 'ClusterRole'),
    role('- apiGroups: [""]\n  resources: ["*"]\n  verbs: ["*"]\n', 'ClusterRole'),
    { name: 'a Role is namespace-admin (ZT0401)', code: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n') },
    {
      name: "the platform's own roles",
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "system:controller"}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]\n',
    },
  ],
  invalid: [
    {
      code: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs:\n  - get\n  - "*"\n', 'ClusterRole'),
      errors: [
        {
          line: 9,
          column: 5,
          endColumn: 8,
          message:
            'ClusterRole app grants every verb on every resource of every API group, which is cluster-admin; list the API groups, resources and verbs it needs',
        },
      ],
    },
  ],
});
