import { secretsReadGrant } from '../../../../src/rules/rbac/secretsReadGrant';
import { ruleTester } from '../../../helpers/ruleTester';
import { role } from './fixtures';

ruleTester(secretsReadGrant, {
  valid: [
    role('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app-db]\n  verbs: [get]\n'),
    role('- apiGroups: [""]\n  resources: [secrets]\n  verbs: [create]\n'),
    role('- apiGroups: [example.com]\n  resources: [secrets]\n  verbs: [get]\n'),
    { name: '"*" resources of another API group', code: role('- apiGroups: [apps]\n  resources: ["*"]\n  verbs: [get]\n') },
  ],
  invalid: [
    {
      code: role('- apiGroups: [""]\n  resources:\n  - configmaps\n  - secrets\n  verbs: [get, list]\n', 'ClusterRole'),
      errors: [{ line: 8, column: 5, endColumn: 12, message: /ClusterRole app can read all Secrets in every namespace it is bound for/ }],
    },
    {
      name: 'a "*" in resources includes secrets',
      code: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: [list]\n', 'ClusterRole'),
      errors: [
        {
          line: 6,
          column: 15,
          endColumn: 18,
          message:
            'ClusterRole app can read all Secrets in every namespace it is bound for (through "*" resources, which include secrets); grant get on the named secrets (resourceNames) it needs instead',
        },
      ],
    },
    {
      name: 'resourceNames do not narrow list',
      code: role('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app-db]\n  verbs: [get, list]\n'),
      errors: [
        { line: 6, column: 15, message: 'Role app can read all Secrets in its namespace; grant get on the named secrets (resourceNames) it needs instead' },
      ],
    },
  ],
});
