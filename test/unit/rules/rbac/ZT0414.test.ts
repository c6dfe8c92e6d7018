import { mtlsOnlyFieldsOnPlaintext } from '../../../../src/rules/rbac/mtlsOnlyFieldsOnPlaintext';
import { ruleTester } from '../../../helpers/ruleTester';

const allowNotNs = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  rules:
  - from:
    - source:
        notNamespaces: [untrusted]
`;
const strict = (ns: string, selector = '') =>
  `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: s, namespace: ${ns}}\nspec:\n${selector}  mtls: {mode: STRICT}\n`;

ruleTester(mtlsOnlyFieldsOnPlaintext, {
  valid: [
    { name: 'mesh-wide STRICT', code: allowNotNs, files: { '/virtual/pa.yaml': strict('istio-system') } },
    { name: 'workload STRICT', code: allowNotNs, files: { '/virtual/pa.yaml': strict('shop', '  selector: {matchLabels: {app: cart}}\n') } },
    {
      name: 'ALLOW on positive principals fails closed',
      code: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: cart, namespace: shop}\nspec:\n  rules: [{from: [{source: {principals: [cluster.local/ns/shop/sa/web]}}]}]\n',
    },
  ],
  invalid: [
    {
      name: 'ALLOW notNamespaces while PERMISSIVE',
      code: allowNotNs,
      errors: [{ line: 9, column: 9, endColumn: 22, message: /notNamespaces in an ALLOW rule also matches plaintext requests/ }],
      output: `${allowNotNs}---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: cart-strict
  namespace: shop
spec:
  selector:
    matchLabels:
      app: cart
  mtls:
    mode: STRICT
`,
    },
    {
      name: 'DENY on source.namespace condition, namespace explicitly PERMISSIVE: no fix (ZT0201 owns it)',
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-legacy, namespace: shop}
spec:
  action: DENY
  rules:
  - when:
    - key: source.namespace
      values: [legacy]
`,
      files: {
        '/virtual/pa.yaml':
          'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec: {mtls: {mode: PERMISSIVE}}\n',
      },
      errors: [{ line: 8, column: 7, message: /source.namespace in a DENY rule never matches plaintext requests/ }],
    },
  ],
});
