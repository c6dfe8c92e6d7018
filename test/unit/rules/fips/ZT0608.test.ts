import { weakCommittedCertificate } from '../../../../src/rules/fips/weakCommittedCertificate';
import { ruleTester } from '../../../helpers/ruleTester';
import { pemBlock, testCertificates } from '../../../helpers/testCertificates';

// Generated when the table loads: no certificate or key is committed.
const certs = testCertificates([
  { name: 'good', cn: 'web.shop', key: 'EC', toDays: 90, ca: false },
  { name: 'rsa1024', cn: 'legacy.shop', key: 'RSA', bits: 1024, toDays: 90 },
  { name: 'sha1', cn: 'sha1.shop', key: 'RSA', bits: 2048, hash: 'SHA-1', toDays: 90 },
  { name: 'ca', cn: 'Shop CA', key: 'EC', toDays: 365, ca: true },
]);
const b64 = (pem: string) => Buffer.from(pem).toString('base64');
const tlsSecret = (crt: string, name = 'web-tls') =>
  `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: shop}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(crt)}\n  tls.key: ""\n`;

ruleTester(weakCommittedCertificate, {
  valid: [
    tlsSecret(certs.good),
    {
      name: 'a CA in a CA bundle is expected',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bundle, namespace: shop}\ndata:\n  ca.crt: |\n${pemBlock(certs.ca, 4)}`,
    },
    {
      name: "Istio's cacerts signing certificate is a CA",
      code: `apiVersion: v1\nkind: Secret\nmetadata: {name: cacerts, namespace: istio-system}\ndata:\n  ca-cert.pem: ${b64(certs.ca)}\n`,
    },
  ],
  invalid: [
    {
      name: 'RSA 1024',
      code: tlsSecret(certs.rsa1024),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 10,
          message: 'the certificate in tls.crt (CN=legacy.shop) has a 1024-bit RSA key (at least 2048 bits); issue a new certificate',
        },
      ],
    },
    {
      name: 'SHA-1 signature, in stringData',
      code: `apiVersion: v1\nkind: Secret\nmetadata: {name: api, namespace: shop}\nstringData:\n  server.pem: |\n${pemBlock(certs.sha1, 4)}`,
      errors: [
        {
          line: 5,
          column: 3,
          endColumn: 13,
          message: 'the certificate in server.pem (CN=sha1.shop) is signed with SHA-1, which can be forged; issue a new certificate',
        },
      ],
    },
    {
      name: 'a CA served as the TLS certificate',
      code: tlsSecret(certs.ca),
      errors: [{ line: 6, column: 3, message: /^the certificate in tls\.crt \(CN=Shop CA\) is a CA certificate used as a serving certificate/ }],
    },
    {
      name: "Istio's cacerts signing certificate without the CA flag",
      code: `apiVersion: v1\nkind: Secret\nmetadata: {name: cacerts, namespace: istio-system}\ndata:\n  ca-cert.pem: ${b64(certs.good)}\n`,
      errors: [{ line: 5, column: 3, endColumn: 14, message: /^the certificate in ca-cert\.pem \(CN=web\.shop\) is Istio's signing certificate but not a CA/ }],
    },
  ],
});
