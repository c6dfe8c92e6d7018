import { certificateWithoutLifetime } from '../../../../src/rules/certificates/certificateWithoutLifetime';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(certificateWithoutLifetime, {
  valid: [
    'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec: {secretName: web-tls, duration: 720h, renewBefore: 240h}\n',
    'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec: {secretName: web-tls, duration: 720h, renewBeforePercentage: 30}\n',
  ],
  invalid: [
    {
      name: 'neither set: both added in order',
      code: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web # storefront
  namespace: shop
spec:
  secretName: web-tls
  issuerRef: {name: ca, kind: ClusterIssuer}
`,
      errors: [{ line: 4, column: 9, endColumn: 12, message: /does not set duration and renewBefore/ }],
      output: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web # storefront
  namespace: shop
spec:
  secretName: web-tls
  issuerRef: {name: ca, kind: ClusterIssuer}
  duration: 2160h
  renewBefore: 720h
`,
    },
    {
      name: 'duration set: renewBefore is a third of it',
      code: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  duration: 24h
  secretName: web-tls
`,
      errors: [{ line: 3, column: 18, message: /does not set renewBefore;/ }],
      output: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  duration: 24h
  secretName: web-tls
  renewBefore: 8h
`,
    },
  ],
});
