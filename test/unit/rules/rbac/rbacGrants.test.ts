// Test tables of the Role/ClusterRole grant rules ZT0401, ZT0403, ZT0404, ZT0405 (one template, four declarations).
import { podExecGrant } from '../../../../src/rules/rbac/podExecGrant';
import { privilegeEscalationVerbs } from '../../../../src/rules/rbac/privilegeEscalationVerbs';
import { secretsReadGrant } from '../../../../src/rules/rbac/secretsReadGrant';
import { wildcardGrant } from '../../../../src/rules/rbac/wildcardGrant';
import { ruleTester } from '../../../helpers/ruleTester';

const role = (rules: string, kind = 'Role') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: app, namespace: shop}\nrules:\n${rules}`;

ruleTester(wildcardGrant, {
  valid: [role('- apiGroups: [""]\n  resources: [configmaps]\n  verbs: [get]\n'), role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n', 'ClusterRole').replace('name: app', 'name: "system:controller"')],
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

ruleTester(secretsReadGrant, {
  valid: [
    role('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app-db]\n  verbs: [get]\n'),
    role('- apiGroups: [""]\n  resources: [secrets]\n  verbs: [create]\n'),
    role('- apiGroups: [example.com]\n  resources: [secrets]\n  verbs: [get]\n'),
  ],
  invalid: [
    {
      code: role('- apiGroups: [""]\n  resources:\n  - configmaps\n  - secrets\n  verbs: [get, list]\n', 'ClusterRole'),
      errors: [{ line: 8, column: 5, endColumn: 12, message: /ClusterRole app can read all Secrets in every namespace it is bound for/ }],
    },
    {
      name: 'resourceNames do not narrow list',
      code: role('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app-db]\n  verbs: [get, list]\n'),
      errors: [{ line: 6, column: 15 }],
    },
  ],
});

ruleTester(podExecGrant, {
  valid: [role('- apiGroups: [""]\n  resources: [pods, pods/log]\n  verbs: [get, list]\n')],
  invalid: [
    {
      name: 'both subresources removed by either fix',
      code: role('- apiGroups: [""]\n  resources: [pods, pods/exec, pods/attach]\n  verbs: [create]\n'),
      errors: [
        { line: 6, column: 21, endColumn: 30, message: /grants pods\/exec, so its holders can run commands in pods/ },
        { line: 6, column: 32, message: /grants pods\/attach/ },
      ],
      output: role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [create]\n'),
    },
    {
      name: 'block list, comments of other lines kept',
      code: role('- apiGroups: [""]\n  resources:\n  - pods # read\n  - pods/exec # debugging\n  verbs: ["*"]\n'),
      errors: [{ line: 8, column: 5, endColumn: 14 }],
      output: role('- apiGroups: [""]\n  resources:\n  - pods # read\n  verbs: ["*"]\n'),
    },
    {
      name: 'the only resource: no fix (a rule needs resources)',
      code: role('- apiGroups: [""]\n  resources: [pods/exec]\n  verbs: [create]\n'),
      errors: [{ line: 6, column: 15 }],
    },
  ],
});

ruleTester(privilegeEscalationVerbs, {
  valid: [role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: [get, list]\n')],
  invalid: [
    {
      code: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  verbs: [bind, escalate]\n- apiGroups: [""]\n  resources: [serviceaccounts]\n  verbs: [impersonate]\n', 'ClusterRole'),
      errors: [
        { line: 7, column: 11, endColumn: 15, message: /grants bind, so its holders can bind any role, including cluster-admin, to itself/ },
        { line: 7, column: 17, message: /grants escalate/ },
        { line: 10, column: 11, message: /grants impersonate/ },
      ],
    },
    {
      name: 'fix keeps the harmless verbs',
      code: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: [get, escalate, list, bind]\n'),
      errors: [{ line: 7, column: 16 }, { line: 7, column: 32 }],
      output: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: [get, list]\n'),
    },
  ],
});
