import { weakCertificateKey } from '../../../../src/rules/fips/weakCertificateKey';
import { ruleTester } from '../../../helpers/ruleTester';

const certificate = (privateKey: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: shop-tls
  namespace: shop
spec:
  secretName: shop-tls
  dnsNames: [shop.example.com]
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
${privateKey}`;

ruleTester(weakCertificateKey, {
  valid: [
    { name: 'defaults: RSA 2048', code: certificate('') },
    certificate('  privateKey:\n    algorithm: ECDSA\n    size: 384\n'),
    { name: 'Ed25519 outside FIPS mode', code: certificate('  privateKey:\n    algorithm: Ed25519\n') },
  ],
  invalid: [
    {
      name: 'RSA 1024',
      code: certificate('  privateKey:\n    algorithm: RSA\n    size: 1024 # fast\n'),
      errors: [{ line: 12, column: 11, endColumn: 15, message: 'RSA key size 1024 is below 2048 bits; set spec.privateKey.size to 2048 or more' }],
      output: certificate('  privateKey:\n    algorithm: RSA\n    size: 2048 # fast\n'),
    },
    {
      name: 'algorithm omitted means RSA',
      code: certificate('  privateKey: {size: 512, rotationPolicy: Always}\n'),
      errors: [{ line: 10, column: 22, message: /RSA key size 512/ }],
      output: certificate('  privateKey: {size: 2048, rotationPolicy: Always}\n'),
    },
    {
      name: 'ECDSA below P-256',
      code: certificate('  privateKey:\n    algorithm: ECDSA\n    size: 224\n'),
      errors: [{ line: 12, column: 11, message: /ECDSA key size 224 is below 256/ }],
      output: certificate('  privateKey:\n    algorithm: ECDSA\n    size: 256\n'),
    },
    {
      name: 'item of a kubectl List',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: cert-manager.io/v1
    kind: Certificate
    metadata: {name: shop-tls, namespace: shop}
    spec:
      secretName: shop-tls
      issuerRef: {name: letsencrypt, kind: ClusterIssuer}
      privateKey: {algorithm: ECDSA, size: 192}
`,
      errors: [{ line: 10, column: 44, endColumn: 47, message: /ECDSA key size 192/ }],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: cert-manager.io/v1
    kind: Certificate
    metadata: {name: shop-tls, namespace: shop}
    spec:
      secretName: shop-tls
      issuerRef: {name: letsencrypt, kind: ClusterIssuer}
      privateKey: {algorithm: ECDSA, size: 256}
`,
    },
    {
      name: 'FIPS mode rejects Ed25519',
      config: { fips: true },
      code: certificate('  privateKey:\n    algorithm: Ed25519\n'),
      errors: [{ line: 11, column: 16, message: /FIPS mode: Ed25519/ }],
      output: certificate('  privateKey:\n    algorithm: ECDSA\n'),
    },
  ],
});
