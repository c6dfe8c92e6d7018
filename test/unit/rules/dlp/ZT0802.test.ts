import { namespaceWithoutEgressPolicy } from '../../../../src/rules/dlp/namespaceWithoutEgressPolicy';
import { ruleTester } from '../../../helpers/ruleTester';

const app = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: cart, image: "registry.example.com/cart@sha256:${'1'.repeat(64)}"}]
`;

const egressPolicy = (podSelector: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress, namespace: shop}
spec:
  podSelector: ${podSelector}
  policyTypes: [Egress]
  egress:
    - to: [{namespaceSelector: {}}]
`;

ruleTester(namespaceWithoutEgressPolicy, {
  valid: [
    { name: 'egress policy for every pod', code: app, files: { '/virtual/policies.yaml': egressPolicy('{}') } },
    { name: 'no workloads, nothing to check', code: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n' },
  ],
  invalid: [
    {
      name: 'a policy whose egress rule allows everything is no egress control',
      code: app,
      files: { '/virtual/policies.yaml': egressPolicy('{}').replace('    - to: [{namespaceSelector: {}}]', '    - {}') },
      errors: [{ line: 4, column: 9, endColumn: 13, message: /^namespace shop has no egress NetworkPolicy;/ }],
      output: `${app}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-in-cluster-only
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector: {}
`,
    },
    {
      name: 'no policy: an in-cluster-only egress policy is appended',
      code: app,
      errors: [{ line: 4, column: 9, endColumn: 13, message: /namespace shop has no egress NetworkPolicy; add one that keeps traffic inside the cluster/ }],
      output: `${app}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-in-cluster-only
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector: {}
`,
    },
    {
      name: 'a policy for some pods only does not cover the namespace',
      code: app,
      files: { '/virtual/policies.yaml': egressPolicy('{matchLabels: {app: cart}}') },
      errors: [
        {
          line: 4,
          column: 9,
          message:
            'namespace shop has no egress NetworkPolicy; add one that keeps traffic inside the cluster and send external calls through an egress gateway',
        },
      ],
      output: `${app}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-in-cluster-only
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector: {}
`,
    },
  ],
});
