import { jwksOverPlaintext } from '../../../../src/rules/identity/jwksOverPlaintext';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(jwksOverPlaintext, {
  valid: [
    'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: shop}\nspec:\n  jwtRules: [{issuer: iss, jwksUri: "https://issuer.example.com/jwks"}]\n',
  ],
  invalid: [
    {
      code: `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: shop}
spec:
  jwtRules:
  - issuer: https://issuer.example.com
    jwksUri: http://issuer.example.com/jwks # internal
`,
      errors: [{ line: 7, column: 14, endColumn: 44, message: /fetched over plain HTTP; serve the keys over HTTPS \(https:\/\/issuer.example.com\/jwks\)/ }],
      output: `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: shop}
spec:
  jwtRules:
  - issuer: https://issuer.example.com
    jwksUri: https://issuer.example.com/jwks # internal
`,
    },
  ],
});
