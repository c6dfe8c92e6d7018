import { certificateLifetimeTooLong } from '../../../../src/rules/certificates/certificateLifetimeTooLong';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(certificateLifetimeTooLong, {
  valid: [
    'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec: {duration: 2160h}\n',
    {
      name: 'CA certificates may live long',
      code: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: root, namespace: shop}\nspec: {isCA: true, duration: 87600h}\n',
    },
  ],
  invalid: [
    {
      code: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  duration: "8760h" # one year
  renewBefore: 720h
`,
      errors: [{ line: 5, column: 13, endColumn: 20, message: /lives 365 days; set spec.duration to 2160h/ }],
      output: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  duration: "2160h" # one year
  renewBefore: 720h
`,
    },
    {
      name: 'renewBefore too long for the fix: no fix offered',
      code: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec: {duration: 8760h, renewBefore: 4000h}\n',
      errors: [{ line: 4, column: 18, message: 'Certificate web lives 365 days; set spec.duration to 2160h (90 days) or less' }],
    },
  ],
});
