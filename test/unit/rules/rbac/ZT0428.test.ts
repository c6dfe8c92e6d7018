import { bindingToAllUsers } from '../../../../src/rules/rbac/bindingToAllUsers';
import { ruleTester } from '../../../helpers/ruleTester';

const binding = (subjects: string, kind = 'ClusterRoleBinding', name = 'public') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n${subjects}`;

ruleTester(bindingToAllUsers, {
  valid: [
    binding('- {kind: Group, name: devs}\n- {kind: ServiceAccount, name: web, namespace: shop}\n'),
    {
      name: "the platform's own bindings (system:discovery...)",
      code: binding('- {kind: Group, name: "system:authenticated"}\n', 'ClusterRoleBinding', '"system:discovery"'),
    },
    { name: 'a ServiceAccount named like the group is not the group', code: binding('- {kind: ServiceAccount, name: "system:anonymous", namespace: shop}\n') },
  ],
  invalid: [
    {
      name: 'the only subject: no fix',
      code: binding('- {kind: Group, name: "system:authenticated"}\n'),
      errors: [{ line: 6, column: 23, endColumn: 45, message: /^ClusterRoleBinding public grants ClusterRole view to system:authenticated/ }],
    },
    {
      name: 'fix removes every such subject and keeps the others',
      code: binding(
        '- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: system:unauthenticated\n- {kind: User, name: "system:anonymous"}\n- {kind: Group, name: system:authenticated}\n- {kind: Group, name: devs} # the team\n',
        'RoleBinding',
      ),
      errors: [
        {
          line: 8,
          column: 9,
          endColumn: 31,
          message:
            'RoleBinding public grants ClusterRole view to system:unauthenticated, that is every request without credentials; bind it to the users, groups or ServiceAccounts that need it',
        },
        {
          line: 9,
          column: 22,
          endColumn: 40,
          message: /^RoleBinding public grants ClusterRole view to system:anonymous, that is every request without credentials/,
        },
        {
          line: 10,
          column: 23,
          endColumn: 43,
          message: /^RoleBinding public grants ClusterRole view to system:authenticated, that is every authenticated identity/,
        },
      ],
      output: binding('- {kind: Group, name: devs} # the team\n', 'RoleBinding'),
    },
  ],
});
