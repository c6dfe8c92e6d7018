import { wildcardGrant } from '../../../../src/rules/rbac/wildcardGrant';
import { ruleTester } from '../../../helpers/ruleTester';
import { role } from './fixtures';

ruleTester(wildcardGrant, {
  valid: [
    role('- apiGroups: [""]\n  resources: [configmaps]\n  verbs: [get]\n'),
    role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n', 'ClusterRole').replace('name: app', 'name: "system:controller"'),
  ],
  invalid: [
    {
      code: role('- apiGroups: [apps]\n  resources: [deployments]\n  verbs: [get, "*"]\n'),
      errors: [{ line: 7, column: 16, endColumn: 19, message: 'Role app grants "*" verbs; list the exact verbs it needs' }],
    },
    {
      name: 'one finding per rule, at the first wildcard',
      code: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n', 'ClusterRole'),
      errors: [{ line: 7, column: 11, message: /grants "\*" verbs/ }],
    },
  ],
});
