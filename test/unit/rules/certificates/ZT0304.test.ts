import { selfSignedIssuerInProduction } from '../../../../src/rules/certificates/selfSignedIssuerInProduction';
import { ruleTester } from '../../../helpers/ruleTester';

const clusterIssuer = 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}\n';

ruleTester(selfSignedIssuerInProduction, {
  valid: [
    {
      name: 'staging namespace',
      code: 'apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: dev, namespace: shop-staging}\nspec: {selfSigned: {}}\n',
    },
    {
      name: 'self-signed bootstrap of a CA certificate',
      code: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: root, namespace: prod}\nspec: {isCA: true, secretName: root, issuerRef: {name: selfsigned, kind: ClusterIssuer}}\n',
      files: { '/virtual/ci.yaml': clusterIssuer },
    },
  ],
  invalid: [
    {
      name: 'Issuer in a namespace labelled production',
      code: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {environment: production}}
---
apiVersion: cert-manager.io/v1
kind: Issuer
metadata: {name: local, namespace: shop}
spec:
  selfSigned: {}
`,
      errors: [{ line: 9, column: 3, endColumn: 13, message: /Issuer local in production namespace shop is self-signed/ }],
    },
    {
      name: 'leaf Certificate from a self-signed ClusterIssuer',
      code: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop-prod}
spec:
  secretName: web-tls
  issuerRef:
    name: selfsigned
    kind: ClusterIssuer
`,
      files: { '/virtual/ci.yaml': clusterIssuer },
      errors: [{ line: 7, column: 11, endColumn: 21, message: /issued by self-signed ClusterIssuer selfsigned/ }],
    },
  ],
});
