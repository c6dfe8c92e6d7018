// The sandbox PKI, shaped like Istio's plug-in CA: one root, one intermediate per cluster, SPIFFE workload certificates.
import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs the Reflect metadata polyfill
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { writeSecretFile } from './secretFile';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM: EcKeyGenParams & EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DEFAULT_CA_LIFETIME_MS = 365 * 24 * 3600_000;
/** Certificates start slightly in the past so a peer whose clock is a little behind still accepts them. */
const BACKDATE_MS = 60_000;

/** A CA's certificate and key; chainPem is the certificate followed by its issuers up to the root. */
export interface CaMaterial {
  certPem: string;
  keyPem: string;
  chainPem: string;
}

export interface IssuedCert {
  spiffeId: string;
  certPem: string;
  keyPem: string;
  /** Leaf followed by its intermediate (what a TLS peer presents). */
  chainPem: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

export interface SandboxPki {
  root: CaMaterial;
  /** Per cluster name, as Istio's `cacerts` secret of that cluster holds it. */
  intermediates: Record<string, CaMaterial>;
}

/** File names of Istio's plug-in CA secret `cacerts`. */
export const CACERTS_FILES = { cert: 'ca-cert.pem', key: 'ca-key.pem', root: 'root-cert.pem', chain: 'cert-chain.pem' } as const;

const signingKeys = new Map<string, Promise<CryptoKey>>();
const issuers = new Map<string, { subject: string; authorityKeyId: Promise<x509.AuthorityKeyIdentifierExtension> }>();

function keyToPem(der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  return keyToPem(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey));
}

/** Imports a CA key once; issuing hundreds of workload certificates should not re-parse it each time. */
function importSigningKey(keyPem: string): Promise<CryptoKey> {
  let key = signingKeys.get(keyPem);
  if (!key) {
    const der = x509.PemConverter.decodeFirst(keyPem);
    key = webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']) as Promise<CryptoKey>;
    signingKeys.set(keyPem, key);
  }
  return key;
}

/** Parses an intermediate once: its subject and key identifier are the same for every certificate it signs. */
function issuerOf(certPem: string) {
  let issuer = issuers.get(certPem);
  if (!issuer) {
    const cert = new x509.X509Certificate(certPem);
    issuer = { subject: cert.subject, authorityKeyId: x509.AuthorityKeyIdentifierExtension.create(cert) };
    issuers.set(certPem, issuer);
  }
  return issuer;
}

function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // positive INTEGER, as RFC 5280 requires
  return Buffer.from(bytes).toString('hex');
}

function window(lifetimeMs: number): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - BACKDATE_MS), notAfter: new Date(now + lifetimeMs) };
}

async function caExtensions(publicKey: CryptoKey, pathLength: number | undefined, issuer?: x509.X509Certificate): Promise<x509.Extension[]> {
  const exts: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ];
  if (issuer) exts.push(await x509.AuthorityKeyIdentifierExtension.create(issuer));
  return exts;
}

/** One root per sandbox and one intermediate per cluster, both ECDSA P-256 with SHA-256. */
export async function createSandboxPki(opts: { clusters: string[]; lifetimeMs?: number; organization?: string }): Promise<SandboxPki> {
  const lifetime = opts.lifetimeMs ?? DEFAULT_CA_LIFETIME_MS;
  const org = opts.organization ?? 'Zero Trust Lens sandbox';
  const rootKeys = await generateKeys();
  const rootCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `O=${org}, CN=Root CA`,
    keys: rootKeys,
    signingAlgorithm: ALGORITHM,
    extensions: await caExtensions(rootKeys.publicKey, undefined),
    ...window(lifetime),
  });
  const root: CaMaterial = { certPem: rootCert.toString('pem'), keyPem: await exportKeyPem(rootKeys.privateKey), chainPem: rootCert.toString('pem') };
  const intermediates: Record<string, CaMaterial> = {};
  for (const cluster of opts.clusters) {
    const keys = await generateKeys();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `O=${org}, CN=Intermediate CA, L=${cluster}`,
      issuer: rootCert.subject,
      publicKey: keys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: ALGORITHM,
      // pathLength 0: an intermediate may sign workloads, never another CA.
      extensions: await caExtensions(keys.publicKey, 0, rootCert),
      ...window(lifetime),
    });
    const certPem = cert.toString('pem');
    intermediates[cluster] = { certPem, keyPem: await exportKeyPem(keys.privateKey), chainPem: `${certPem}\n${root.certPem}` };
  }
  return { root, intermediates };
}

/**
 * A workload certificate as istiod signs it: empty subject, the SPIFFE ID as the only (critical) URI SAN,
 * usable for both sides of mTLS.
 */
export async function issueWorkloadCert(intermediate: CaMaterial, spiffeId: string, lifetimeMs: number): Promise<IssuedCert> {
  if (!spiffeId.startsWith('spiffe://')) throw new Error(`not a SPIFFE ID: ${spiffeId}`);
  const issuer = issuerOf(intermediate.certPem);
  // Node's native key generation and PEM export: hundreds of workloads start in `up`, and WebCrypto's async
  // round trips for each key cost more than the certificate itself.
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { notBefore, notAfter } = window(lifetimeMs);
  // Whole seconds, rounded up, so that a lifetime of a few seconds is not cut short by truncation.
  notAfter.setTime(Math.ceil(notAfter.getTime() / 1000) * 1000);
  const serialNumber = randomSerial();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: '',
    issuer: issuer.subject,
    publicKey: keys.publicKey.export({ type: 'spki', format: 'der' }),
    signingKey: await importSigningKey(intermediate.keyPem),
    signingAlgorithm: ALGORITHM,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'url', value: spiffeId }], true),
      await issuer.authorityKeyId,
    ],
  });
  const certPem = cert.toString('pem');
  // X.509 times have whole seconds: report the validity the certificate really carries, which rotation relies on.
  return {
    spiffeId,
    certPem,
    keyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    chainPem: `${certPem}\n${intermediate.certPem}`,
    serialNumber,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  };
}

/** Writes `cluster`'s plug-in CA files into `dir` (Istio's `cacerts` layout); keys 0600. Returns the paths by role. */
export function writeCacerts(dir: string, cluster: string, pki: SandboxPki): Record<keyof typeof CACERTS_FILES, string> {
  const ca = pki.intermediates[cluster];
  if (!ca) throw new Error(`no intermediate CA for cluster '${cluster}'`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const paths = {
    cert: join(dir, CACERTS_FILES.cert),
    key: join(dir, CACERTS_FILES.key),
    root: join(dir, CACERTS_FILES.root),
    chain: join(dir, CACERTS_FILES.chain),
  };
  writeFileSync(paths.cert, ca.certPem);
  writeSecretFile(paths.key, ca.keyPem);
  writeFileSync(paths.root, pki.root.certPem);
  writeFileSync(paths.chain, ca.chainPem);
  return paths;
}
