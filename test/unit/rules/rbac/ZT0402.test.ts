import { clusterAdminBinding } from '../../../../src/rules/rbac/clusterAdminBinding';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(clusterAdminBinding, {
  valid: [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: view}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: Group, name: devs}]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: cluster-admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: Group, name: "system:masters"}]\n',
  ],
  invalid: [
    {
      name: 'a workspace ClusterRole that grants everything counts as cluster-admin',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ops}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: superuser}\nsubjects: [{kind: Group, name: ops}]\n',
      files: {
        '/virtual/role.yaml':
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: superuser}\nrules:\n- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}\n',
      },
      errors: [
        {
          line: 4,
          column: 73,
          endColumn: 82,
          message:
            'ClusterRoleBinding ops gives Group ops full control of the whole cluster (ClusterRole superuser grants everything, as cluster-admin does); bind a narrower role',
        },
      ],
    },
    {
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}
`,
      errors: [
        {
          line: 7,
          column: 9,
          endColumn: 22,
          message: 'ClusterRoleBinding ci gives ServiceAccount deployer full control of the whole cluster; bind a narrower role',
        },
      ],
    },
  ],
});
