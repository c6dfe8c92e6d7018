import { principalWithoutServiceAccount } from '../../../../src/rules/identity/principalWithoutServiceAccount';
import { ruleTester } from '../../../helpers/ruleTester';

const frontend = `apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  template:
    spec: {serviceAccountName: frontend}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: batch, namespace: shop}
`;
const policy = (principal: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  rules:
  - from:
    - source:
        principals: ["${principal}"] # callers
`;

ruleTester(principalWithoutServiceAccount, {
  valid: [
    { name: 'account a workload runs as', code: policy('cluster.local/ns/shop/sa/frontend'), files: { '/virtual/apps.yaml': frontend } },
    { name: 'declared ServiceAccount', code: policy('cluster.local/ns/shop/sa/batch'), files: { '/virtual/apps.yaml': frontend } },
    { name: 'namespace the workspace does not hold', code: policy('cluster.local/ns/payments/sa/api'), files: { '/virtual/apps.yaml': frontend } },
    { name: 'wildcards are patterns', code: policy('cluster.local/ns/shop/sa/front*'), files: { '/virtual/apps.yaml': frontend } },
  ],
  invalid: [
    {
      name: 'typo with one near match',
      code: policy('cluster.local/ns/shop/sa/fronted'),
      files: { '/virtual/apps.yaml': frontend },
      errors: [
        {
          line: 8,
          column: 22,
          endColumn: 56,
          message:
            'no workload in namespace shop runs as ServiceAccount fronted, so principal cluster.local/ns/shop/sa/fronted matches nothing; did you mean cluster.local/ns/shop/sa/frontend?',
        },
      ],
      output: policy('cluster.local/ns/shop/sa/frontend'),
    },
    {
      name: 'no near match: no fix',
      code: policy('cluster.local/ns/shop/sa/checkout'),
      files: { '/virtual/apps.yaml': frontend },
      errors: [{ line: 8, column: 22, message: /matches nothing; use the account the caller runs as/ }],
    },
  ],
});
