// X.509 certificates written into manifests (kubernetes.io/tls Secrets, Istio cacerts, PEM in ConfigMaps), parsed once per object.
import { codeFile } from '../../model/codeFile';
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

export type { CommittedCertificate } from './x509Reader';
import type { CommittedCertificate } from './x509Reader';

/**
 * The X.509 parser (@peculiar/x509 with its ASN.1 stack) is a bundle of its own (dist/x509-reader.js), loaded the
 * first time a manifest holds a PEM certificate: every other lint, and every `ztn` start, goes without it.
 */
let reader: typeof import('./x509Reader') | undefined;
function x509Reader(): typeof import('./x509Reader') {
  return (reader ??= require(codeFile(__filename, 'x509Reader.ts', 'x509-reader.js').path) as typeof import('./x509Reader'));
}

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

function fromValue(text: string, path: FieldPath): CommittedCertificate[] {
  if (!text.includes(BEGIN)) return [];
  return pemBlocks(text).flatMap((pem, i) => x509Reader().readCertificate(pem, path, i) ?? []);
}

function decoded(value: string): string {
  return Buffer.from(value.length > MAX_SCANNED ? value.slice(0, MAX_SCANNED) : value, 'base64').toString('latin1');
}

function entries(obj: unknown): [string, string][] {
  return obj && typeof obj === 'object' && !Array.isArray(obj)
    ? Object.entries(obj as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string')
    : [];
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
