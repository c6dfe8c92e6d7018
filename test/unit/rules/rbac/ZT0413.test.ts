import { namespaceWithoutAuthorizationPolicy } from '../../../../src/rules/rbac/namespaceWithoutAuthorizationPolicy';
import { ruleTester } from '../../../helpers/ruleTester';

const shop =
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cart, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: cart}}\n';

ruleTester(namespaceWithoutAuthorizationPolicy, {
  valid: [
    {
      name: 'policy in the namespace',
      code: shop,
      files: {
        '/virtual/ap.yaml': 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing, namespace: shop}\nspec: {}\n',
      },
    },
    {
      name: 'mesh-wide policy',
      code: shop,
      files: {
        '/virtual/ap.yaml': 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing, namespace: istio-system}\nspec: {}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a selector policy in the root namespace is not mesh-wide',
      code: shop,
      files: {
        '/virtual/ap.yaml':
          'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: gw, namespace: istio-system}\nspec: {selector: {matchLabels: {istio: ingressgateway}}}\n',
      },
      errors: [{ line: 3, column: 18, endColumn: 22, message: /namespace shop has no AuthorizationPolicy, so any caller may call its workloads/ }],
      output: `${shop}---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: shop
spec: {}
`,
    },
  ],
});
