import { workloadCreateGrant } from '../../../../src/rules/rbac/workloadCreateGrant';
import { ruleTester } from '../../../helpers/ruleTester';
import { role } from './fixtures';

ruleTester(workloadCreateGrant, {
  valid: [
    role('- apiGroups: ["", apps]\n  resources: [pods, deployments]\n  verbs: [get, list, watch, delete]\n'),
    { name: 'deployments of another API group', code: role('- apiGroups: [example.com]\n  resources: [deployments]\n  verbs: [create]\n') },
    { name: 'pods in apps is not a resource', code: role('- apiGroups: [apps]\n  resources: [pods]\n  verbs: [create]\n') },
  ],
  invalid: [
    {
      name: 'pods and controllers by name',
      code: role('- apiGroups: ["", apps, batch]\n  resources: [pods, configmaps, deployments, cronjobs]\n  verbs: [create, update]\n'),
      errors: [
        {
          line: 6,
          column: 15,
          endColumn: 19,
          message:
            'Role app can create pods, so its holders can run any image as any ServiceAccount in scope; leave create on workloads to the deployment pipeline',
        },
        { line: 6, column: 33, endColumn: 44, message: /^Role app can create deployments,/ },
        { line: 6, column: 46, endColumn: 54, message: /^Role app can create cronjobs,/ },
      ],
    },
    {
      name: '"*" verbs and "*" resources',
      code: role('- apiGroups: [apps]\n  resources: ["*"]\n  verbs: ["*"]\n'),
      errors: [
        {
          line: 6,
          column: 15,
          endColumn: 18,
          message:
            'Role app can create "*" resources, which include pods and workload controllers, so its holders can run any image as any ServiceAccount in scope; leave create on workloads to the deployment pipeline',
        },
      ],
    },
  ],
});
