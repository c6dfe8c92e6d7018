import { privateKeyNotRotated } from '../../../../src/rules/certificates/privateKeyNotRotated';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(privateKeyNotRotated, {
  valid: ['apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec: {privateKey: {rotationPolicy: Always}}\n'],
  invalid: [
    {
      code: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  privateKey:
    algorithm: ECDSA
    rotationPolicy: Never # pinned by a client
`,
      errors: [{ line: 7, column: 21, endColumn: 26, message: /reuses its private key on renewal/ }],
      output: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  privateKey:
    algorithm: ECDSA
    rotationPolicy: Always # pinned by a client
`,
    },
    {
      name: 'kubectl JSON output.json',
      code: '{"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "web", "namespace": "shop"},\n "spec": {"privateKey": {"rotationPolicy": "Never"}}}\n',
      errors: [{ line: 2, column: 44, endColumn: 51, message: 'Certificate web reuses its private key on renewal; set privateKey.rotationPolicy to Always' }],
      output:
        '{"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "web", "namespace": "shop"},\n "spec": {"privateKey": {"rotationPolicy": "Always"}}}\n',
    },
  ],
});
