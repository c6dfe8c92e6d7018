// ZT0608: a certificate committed in a manifest with a weak key, a SHA-1 signature, or CA flags that do not fit where it is used.
import { CORE, isKind } from '../../model/kinds';
import { getPath } from '../../model/workloads';
import { committedCertificates, describeCertificate, type CommittedCertificate } from '../certificates/committedCertificates';
import type { Rule } from '../types';
import type { Resource } from '../../model/types';

const MIN_BITS: Record<string, number> = { 'RSASSA-PKCS1-v1_5': 2048, 'RSA-PSS': 2048, ECDSA: 256 };
const WEAK_HASHES = new Set(['SHA-1', 'MD5']);
/** Where Istio's plug-in CA reads its signing certificate. */
const ISTIO_CA_KEYS = new Set(['ca-cert.pem', 'tls.crt']);

function problems(r: Resource, c: CommittedCertificate): string[] {
  const out: string[] = [];
  const min = MIN_BITS[c.keyAlgorithm];
  if (min !== undefined && c.keyBits !== undefined && c.keyBits < min)
    out.push(`has a ${c.keyBits}-bit ${c.keyAlgorithm === 'ECDSA' ? 'EC' : 'RSA'} key (at least ${min} bits)`);
  if (c.signatureHash && WEAK_HASHES.has(c.signatureHash)) out.push(`is signed with ${c.signatureHash}, which can be forged`);
  const key = String(c.path[c.path.length - 1]);
  const secretType = isKind(r, CORE, 'Secret') ? getPath(r.obj, ['type']) : undefined;
  // The first certificate of a TLS Secret's tls.crt is the server's own: a CA there can sign for any name.
  if (secretType === 'kubernetes.io/tls' && r.name !== 'cacerts' && key === 'tls.crt' && c.position === 0 && c.ca === true)
    out.push('is a CA certificate used as a serving certificate (it can sign certificates for any name)');
  if (r.name === 'cacerts' && ISTIO_CA_KEYS.has(key) && c.position === 0 && c.ca !== true)
    out.push("is Istio's signing certificate but not a CA (BasicConstraints cA is not true), so workload certificates it signs are rejected");
  return out;
}

export const weakCommittedCertificate: Rule = {
  meta: {
    id: 'ZT0608',
    pillar: 6,
    severity: 'error',
    title: 'Committed certificate is weak or misused',
    description:
      'Certificates in manifests are checked as a FIPS/SOC-2 audit would: RSA keys under 2048 bits and EC keys under 256 bits can be broken within their lifetime, SHA-1 and MD5 signatures can be forged, a CA certificate served as a TLS certificate can sign for any name, and an Istio cacerts signing certificate without the CA flag cannot issue workload certificates.',
    fixable: false,
    kinds: ['Secret', 'ConfigMap'],
  },
  checkResource(r, ctx) {
    for (const c of committedCertificates(r)) {
      for (const p of problems(r, c)) {
        ctx.report({ resource: r, path: c.path, part: 'key', message: `${describeCertificate(c)} ${p}; issue a new certificate` });
      }
    }
  },
};
