import { committedCertificateExpiry } from '../../../../src/rules/certificates/committedCertificateExpiry';
import { ruleTester } from '../../../helpers/ruleTester';
import { pemBlock, testCertificates } from '../../../helpers/testCertificates';

// Generated when the table loads, relative to now: nothing here expires with the calendar.
const certs = testCertificates([
  { name: 'valid', cn: 'web.shop', key: 'EC', toDays: 365 },
  { name: 'expired', cn: 'old.shop', key: 'EC', fromDays: -400, toDays: -3 },
  { name: 'soon', cn: 'soon.shop', key: 'EC', toDays: 10 },
  { name: 'future', cn: 'next.shop', key: 'EC', fromDays: 5, toDays: 400 },
]);
const b64 = (pem: string) => Buffer.from(pem).toString('base64');
const tlsSecret = (crt: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls, namespace: shop}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(crt)}\n  tls.key: ""\n`;
const bundle = (pems: string[]) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ca-bundle, namespace: shop}\ndata:\n  ca.crt: |\n${pems.map((p) => pemBlock(p, 4)).join('')}`;

ruleTester(committedCertificateExpiry, {
  valid: [
    tlsSecret(certs.valid),
    bundle([certs.valid]),
    { name: 'outside a shorter window', code: tlsSecret(certs.soon), config: { certificateExpiryWarningDays: 7 } },
    {
      name: 'an opaque Secret key that is not a certificate file',
      code: `apiVersion: v1\nkind: Secret\nmetadata: {name: x, namespace: shop}\ndata:\n  token: ${b64(certs.expired)}\n`,
    },
  ],
  invalid: [
    {
      name: 'expired TLS Secret (base64 data)',
      code: tlsSecret(certs.expired),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 10,
          message:
            /^the certificate in tls\.crt \(CN=old\.shop\) expired on \d{4}-\d\d-\d\d; issue a new one \(better: let cert-manager or the mesh CA issue and renew it\)$/,
        },
      ],
    },
    {
      name: 'a bundle: the second certificate expires within the window, the third is not valid yet',
      code: bundle([certs.valid, certs.soon, certs.future]),
      errors: [
        { line: 5, column: 3, endColumn: 9, message: /^certificate 2 of ca\.crt \(CN=soon\.shop\) expires on \d{4}-\d\d-\d\d, in 10 days;/ },
        { line: 5, column: 3, message: /^certificate 3 of ca\.crt \(CN=next\.shop\) is not valid before / },
      ],
    },
    {
      name: "Istio's cacerts with stringData, a longer window",
      code: `apiVersion: v1\nkind: Secret\nmetadata: {name: cacerts, namespace: istio-system}\nstringData:\n  root-cert.pem: |\n${pemBlock(certs.valid, 4)}`,
      config: { certificateExpiryWarningDays: 400 },
      errors: [{ line: 5, column: 3, endColumn: 16, message: /^the certificate in root-cert\.pem \(CN=web\.shop\) expires on .*, in 365 days;/ }],
    },
  ],
});
