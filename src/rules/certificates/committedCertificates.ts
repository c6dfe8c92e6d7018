// X.509 certificates written into manifests (kubernetes.io/tls Secrets, Istio cacerts, PEM in ConfigMaps), parsed once per object.
import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs the Reflect metadata polyfill
import * as x509 from '@peculiar/x509';
import { CORE, isKind } from '../../model/kinds';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';
/** Characters of one value searched for certificates, and certificates read per value: bundles are far smaller. */
const MAX_SCANNED = 512 * 1024;
const MAX_PER_VALUE = 64;
/** Keys of Secret data decoded to look for certificates (besides every key of TLS and cacerts Secrets). */
const CERT_SUFFIXES = ['.crt', '.pem', '.cer', '.cert'];

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

/** The PEM certificate blocks of `text`, found with indexOf (linear, capped). */
function pemBlocks(text: string): string[] {
  const scanned = text.length > MAX_SCANNED ? text.slice(0, MAX_SCANNED) : text;
  const out: string[] = [];
  for (let at = scanned.indexOf(BEGIN); at >= 0 && out.length < MAX_PER_VALUE; at = scanned.indexOf(BEGIN, at + BEGIN.length)) {
    const end = scanned.indexOf(END, at);
    if (end < 0) break;
    out.push(scanned.slice(at, end + END.length));
  }
  return out;
}

function read(pem: string, path: FieldPath, position: number): CommittedCertificate | undefined {
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

function fromValue(text: string, path: FieldPath): CommittedCertificate[] {
  if (!text.includes(BEGIN)) return [];
  return pemBlocks(text).flatMap((pem, i) => read(pem, path, i) ?? []);
}

function decoded(value: string): string {
  return Buffer.from(value.length > MAX_SCANNED ? value.slice(0, MAX_SCANNED) : value, 'base64').toString('latin1');
}

function entries(obj: unknown): [string, string][] {
  return obj && typeof obj === 'object' && !Array.isArray(obj) ? Object.entries(obj as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
}

function readCertificates(r: Resource): CommittedCertificate[] {
  if (isKind(r, CORE, 'ConfigMap')) return entries(getPath(r.obj, ['data'])).flatMap(([k, v]) => fromValue(v, ['data', k]));
  if (!isKind(r, CORE, 'Secret')) return [];
  const everyKey = getPath(r.obj, ['type']) === 'kubernetes.io/tls' || r.name === 'cacerts';
  const wanted = (key: string) => everyKey || CERT_SUFFIXES.some((s) => key.endsWith(s));
  return [
    ...entries(getPath(r.obj, ['data'])).flatMap(([k, v]) => (wanted(k) ? fromValue(decoded(v), ['data', k]) : [])),
    ...entries(getPath(r.obj, ['stringData'])).flatMap(([k, v]) => fromValue(v, ['stringData', k])),
  ];
}

// Parsing is the expensive part and an object never changes (an edit makes a new Resource): once per object.
const cache = new WeakMap<Resource, CommittedCertificate[]>();

export function committedCertificates(r: Resource): CommittedCertificate[] {
  let certs = cache.get(r);
  if (!certs) cache.set(r, (certs = readCertificates(r)));
  return certs;
}

/** "certificate 2 of tls.crt (CN=web)": which certificate a message is about. */
export function describeCertificate(c: CommittedCertificate): string {
  return `${c.position > 0 ? `certificate ${c.position + 1} of ` : 'the certificate in '}${String(c.path[c.path.length - 1])} (${c.subject || 'no subject'})`;
}
