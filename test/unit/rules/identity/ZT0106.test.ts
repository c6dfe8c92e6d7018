import { spiffePrefixPrincipal } from '../../../../src/rules/identity/spiffePrefixPrincipal';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(spiffePrefixPrincipal, {
  valid: [
    'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: a, namespace: shop}\nspec:\n  rules: [{from: [{source: {principals: ["cluster.local/ns/shop/sa/web"]}}]}]\n',
  ],
  invalid: [
    {
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: a, namespace: shop}
spec:
  rules:
  - from:
    - source:
        principals: ["spiffe://cluster.local/ns/shop/sa/web", "cluster.local/ns/shop/sa/cart"]
`,
      errors: [
        { line: 8, column: 22, endColumn: 61, message: /never matches: Istio principals have no spiffe:\/\/ prefix; write cluster.local\/ns\/shop\/sa\/web/ },
      ],
      output: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: a, namespace: shop}
spec:
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/shop/sa/web", "cluster.local/ns/shop/sa/cart"]
`,
    },
  ],
});
