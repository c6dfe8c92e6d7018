import { privilegeEscalationVerbs } from '../../../../src/rules/rbac/privilegeEscalationVerbs';
import { ruleTester } from '../../../helpers/ruleTester';
import { role } from './fixtures';

ruleTester(privilegeEscalationVerbs, {
  valid: [
    role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: [get, list]\n'),
    {
      name: 'the verbs on resources they do not act on mean nothing',
      code: role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get, escalate, impersonate]\n'),
    },
    {
      name: '"*" verbs on objects these verbs do not apply to',
      code: role(
        '- apiGroups: [rbac.authorization.k8s.io]\n  resources: [rolebindings]\n  verbs: ["*"]\n- apiGroups: [apps]\n  resources: ["*"]\n  verbs: ["*"]\n',
      ),
    },
  ],
  invalid: [
    {
      code: role(
        '- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  verbs: [bind, escalate]\n- apiGroups: [""]\n  resources: [serviceaccounts]\n  verbs: [impersonate]\n',
        'ClusterRole',
      ),
      errors: [
        { line: 7, column: 11, endColumn: 15, message: /grants bind, so its holders can bind any role, including cluster-admin, to itself/ },
        { line: 7, column: 17, message: /grants escalate/ },
        { line: 10, column: 11, message: /grants impersonate/ },
      ],
    },
    {
      name: '"*" verbs on roles include escalate and bind; on serviceaccounts, impersonate; no fix',
      code: role('- apiGroups: ["*"]\n  resources: [clusterroles, serviceaccounts]\n  verbs: ["*"]\n', 'ClusterRole'),
      errors: [
        {
          line: 7,
          column: 11,
          endColumn: 14,
          message:
            'ClusterRole app grants "*" verbs on clusterroles, which include escalate and bind, so its holders can give themselves any permission in scope; list the verbs it needs',
        },
        { line: 7, column: 11, endColumn: 14, message: /^ClusterRole app grants "\*" verbs on serviceaccounts, which include impersonate,/ },
      ],
    },
    {
      name: 'fix keeps the harmless verbs',
      code: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: [get, escalate, list, bind]\n'),
      errors: [
        { line: 7, column: 16, message: /^Role app grants escalate, so its holders can edit roles/ },
        { line: 7, column: 32, message: /^Role app grants bind,/ },
      ],
      output: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: [get, list]\n'),
    },
  ],
});
