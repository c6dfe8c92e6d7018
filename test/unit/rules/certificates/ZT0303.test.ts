import { renewBeforeNotBeforeExpiry } from '../../../../src/rules/certificates/renewBeforeNotBeforeExpiry';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(renewBeforeNotBeforeExpiry, {
  valid: ['apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec: {duration: 24h, renewBefore: 8h}\n'],
  invalid: [
    {
      code: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  duration: 24h
  renewBefore: 24h # renew early
`,
      errors: [{ line: 6, column: 16, endColumn: 19, message: /renewBefore 24h is not shorter than the 24h lifetime; set it to about a third of it \(8h\)/ }],
      output: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  duration: 24h
  renewBefore: 8h # renew early
`,
    },
    {
      name: 'against the default 90-day lifetime',
      code: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec:\n  renewBefore: 3000h\n',
      errors: [{ line: 5, column: 16, message: /not shorter than the 2160h lifetime/ }],
      output: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec:\n  renewBefore: 720h\n',
    },
  ],
});
