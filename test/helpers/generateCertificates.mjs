// Generates throwaway self-signed certificates for the certificate rules' tests (run by testCertificates.ts in a
// child process, since @peculiar/x509 signs asynchronously and test tables are built synchronously). Prints JSON
// { name: pem }; the private keys never leave this process.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);
const DAY = 24 * 60 * 60 * 1000;
const specs = JSON.parse(process.argv[2]);
const out = {};
for (const s of specs) {
  const algorithm =
    s.key === 'EC'
      ? { name: 'ECDSA', namedCurve: s.curve ?? 'P-256', hash: s.hash ?? 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5', modulusLength: s.bits ?? 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: s.hash ?? 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: String(specs.indexOf(s) + 1).padStart(2, '0'),
    name: `CN=${s.cn ?? s.name}`,
    notBefore: new Date(Date.now() + (s.fromDays ?? -1) * DAY),
    notAfter: new Date(Date.now() + s.toDays * DAY),
    signingAlgorithm: s.key === 'EC' ? { name: 'ECDSA', hash: s.hash ?? 'SHA-256' } : algorithm,
    keys,
    extensions: s.ca === undefined ? [] : [new x509.BasicConstraintsExtension(s.ca, undefined, true)],
  });
  out[s.name] = cert.toString('pem');
}
process.stdout.write(JSON.stringify(out));
