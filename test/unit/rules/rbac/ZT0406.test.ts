import { bindingToMissingServiceAccount } from '../../../../src/rules/rbac/bindingToMissingServiceAccount';
import { ruleTester } from '../../../helpers/ruleTester';

const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: cart-reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- kind: ServiceAccount
  name: cart # the cart service
`;
const sa = (name: string, ns = 'shop') => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: ${ns}}\n`;

ruleTester(bindingToMissingServiceAccount, {
  valid: [
    { name: 'ServiceAccount in another file', code: binding, files: { '/virtual/sa.yaml': sa('cart') } },
    { name: 'namespace the workspace does not describe', code: binding.replace('namespace: shop', 'namespace: elsewhere') },
    { name: 'default always exists', code: binding.replace('name: cart #', 'name: default #'), files: { '/virtual/sa.yaml': sa('web') } },
  ],
  invalid: [
    {
      name: 'typo in the subject',
      code: binding,
      files: { '/virtual/sa.yaml': sa('carts') },
      errors: [{ line: 7, column: 9, endColumn: 13, message: /ServiceAccount shop\/cart is not defined in the workspace/ }],
      output: `${binding}---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: cart
  namespace: shop
automountServiceAccountToken: false
`,
    },
    {
      name: 'ClusterRoleBinding subject with its own namespace',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: scraper, namespace: monitoring}]
`,
      output: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: scraper, namespace: monitoring}]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: scraper
  namespace: monitoring
automountServiceAccountToken: false
`,
      files: { '/virtual/sa.yaml': sa('prometheus', 'monitoring') },
      errors: [{ line: 5, column: 41, message: /monitoring\/scraper/ }],
    },
  ],
});
