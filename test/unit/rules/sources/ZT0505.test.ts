import { namespaceWithoutDefaultDeny } from '../../../../src/rules/sources/namespaceWithoutDefaultDeny';
import { ruleTester } from '../../../helpers/ruleTester';

const shop = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata: {labels: {app: cart}}
`;
const np = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec:\n${spec}`;

ruleTester(namespaceWithoutDefaultDeny, {
  valid: [
    { name: 'default deny', code: shop, files: { '/virtual/np.yaml': np('  podSelector: {}\n  policyTypes: [Ingress]\n') } },
    { name: 'policyTypes defaulted to Ingress', code: shop, files: { '/virtual/np.yaml': np('  podSelector: {}\n') } },
    // SetDefaults_NetworkPolicy: an empty list is defaulted like an absent one.
    { name: 'policyTypes [] defaulted to Ingress', code: shop, files: { '/virtual/np.yaml': np('  podSelector: {}\n  policyTypes: []\n') } },
  ],
  invalid: [
    {
      name: 'only an egress default deny and a selective ingress policy',
      code: shop,
      files: {
        '/virtual/np.yaml': `${np('  podSelector: {}\n  policyTypes: [Egress]\n')}---\n${np('  podSelector: {matchLabels: {app: cart}}\n  ingress: [{from: [{podSelector: {}}]}]\n').replace('name: deny', 'name: cart')}`,
      },
      errors: [{ line: 4, column: 9, endColumn: 13, message: /namespace shop has no default-deny ingress NetworkPolicy/ }],
      output: `${shop}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`,
    },
    {
      name: 'workload in the default namespace without a namespace field: points at its name',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec: {containers: [{name: sh, image: busybox}]}\n',
      errors: [{ line: 4, column: 9, endColumn: 14, message: /namespace default has no default-deny ingress NetworkPolicy/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec: {containers: [{name: sh, image: busybox}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: default
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`,
    },
  ],
});
