import { jwtRuleWithoutRequestAuthentication } from '../../../../src/rules/identity/jwtRuleWithoutRequestAuthentication';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  rules:
  - from:
    - source:
        requestPrincipals: ["https://issuer.example.com/*"]
`;

const ra = (ns: string, selector = '') =>
  `apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: ${ns}}\nspec:\n${selector}  jwtRules: [{issuer: "https://issuer.example.com"}]\n`;

ruleTester(jwtRuleWithoutRequestAuthentication, {
  valid: [
    { name: 'RequestAuthentication for the same workload', code: policy, files: { '/virtual/ra.yaml': ra('shop', '  selector: {matchLabels: {app: api}}\n') } },
    { name: 'namespace-wide RequestAuthentication', code: policy, files: { '/virtual/ra.yaml': ra('shop') } },
    { name: 'mesh-wide RequestAuthentication', code: policy, files: { '/virtual/ra.yaml': ra('istio-system') } },
  ],
  invalid: [
    {
      name: 'RequestAuthentication for another workload',
      code: policy,
      files: { '/virtual/ra.yaml': ra('shop', '  selector: {matchLabels: {app: web}}\n') },
      errors: [{ line: 9, column: 9, endColumn: 26, message: /requestPrincipals needs a validated JWT/ }],
    },
    {
      name: 'claim condition with no RequestAuthentication at all',
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: admin, namespace: shop}
spec:
  rules:
  - when:
    - key: request.auth.claims[groups]
      values: [admin]
`,
      errors: [{ line: 7, column: 7, endColumn: 10, message: /request.auth.claims\[groups\] needs a validated JWT/ }],
    },
  ],
});
