// Reads one PEM certificate with @peculiar/x509: its own bundle (dist/x509-reader.js), loaded only when a manifest holds one.
import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs the Reflect metadata polyfill
import * as x509 from '@peculiar/x509';
import type { FieldPath } from '../../model/position';

export interface CommittedCertificate {
  /** The data key holding it (['data', 'tls.crt'], ['stringData', 'ca.pem']...). */
  path: FieldPath;
  /** Which certificate of that value (a chain or bundle holds several), 0 first. */
  position: number;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** BasicConstraints cA, undefined when the extension is absent. */
  ca: boolean | undefined;
  keyAlgorithm: string;
  /** RSA modulus bits, or the EC curve's size. */
  keyBits: number | undefined;
  signatureHash: string | undefined;
}

const CURVE_BITS: Record<string, number> = { 'P-192': 192, 'P-224': 224, 'P-256': 256, 'P-384': 384, 'P-521': 521, 'K-256': 256 };

export function readCertificate(pem: string, path: FieldPath, position: number): CommittedCertificate | undefined {
  try {
    const cert = new x509.X509Certificate(pem);
    const key = cert.publicKey.algorithm as { name: string; modulusLength?: number; namedCurve?: string };
    const hash = (cert.signatureAlgorithm as { hash?: { name?: string } }).hash?.name;
    return {
      path,
      position,
      subject: cert.subject,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      ca: cert.getExtension(x509.BasicConstraintsExtension)?.ca,
      keyAlgorithm: key.name,
      keyBits: key.modulusLength ?? (key.namedCurve ? CURVE_BITS[key.namedCurve] : undefined),
      signatureHash: hash,
    };
  } catch {
    // Not a certificate this parser reads (truncated, a placeholder): nothing to judge.
    return undefined;
  }
}
