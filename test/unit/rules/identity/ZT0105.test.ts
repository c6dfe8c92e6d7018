import { requestAuthenticationWithoutRequirement } from '../../../../src/rules/identity/requestAuthenticationWithoutRequirement';
import { ruleTester } from '../../../helpers/ruleTester';

const ra = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: api-jwt
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  jwtRules:
  - issuer: https://issuer.example.com
`;

ruleTester(requestAuthenticationWithoutRequirement, {
  valid: [
    {
      name: 'an ALLOW on requestPrincipals enforces tokens',
      code: ra,
      files: {
        '/virtual/ap.yaml':
          'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: api, namespace: shop}\nspec:\n  rules: [{from: [{source: {requestPrincipals: ["*"]}}]}]\n',
      },
    },
  ],
  invalid: [
    {
      code: ra,
      errors: [{ line: 4, column: 9, endColumn: 16, message: /requests without a token pass RequestAuthentication api-jwt/ }],
      output: `${ra}---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: api-jwt-require-jwt
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  action: DENY
  rules:
    - from:
        - source:
            notRequestPrincipals:
              - "*"
`,
    },
  ],
});
