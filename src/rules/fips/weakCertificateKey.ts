// ZT0603: a cert-manager Certificate whose private key is too small (RSA < 2048, ECDSA < 256) or, in FIPS mode, Ed25519.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

/** cert-manager defaults: algorithm RSA; size 2048 for RSA and 256 for ECDSA. */
const MIN_SIZE: Record<string, number> = { RSA: 2048, ECDSA: 256 };

export const weakCertificateKey: Rule = {
  meta: {
    id: 'ZT0603',
    pillar: 6,
    severity: 'error',
    title: 'Certificate key is too weak',
    description:
      'NIST SP 800-131A and FIPS 186 require at least 2048-bit RSA or a 256-bit (P-256) ECDSA key. Smaller keys can be factored or broken within the certificate lifetime. In FIPS mode Ed25519 keys are also rejected because FIPS builds of Envoy and Go do not accept them.',
    fixable: true,
    kinds: ['Certificate'],
  },
  checkResource(r, ctx) {
    if (!r.apiVersion.startsWith('cert-manager.io/')) return;
    const algorithm = String(getPath(r.obj, ['spec', 'privateKey', 'algorithm']) ?? 'RSA');
    const size = getPath(r.obj, ['spec', 'privateKey', 'size']);
    const min = MIN_SIZE[algorithm];
    if (min !== undefined && typeof size === 'number' && size < min) {
      ctx.report({
        resource: r,
        path: ['spec', 'privateKey', 'size'],
        message: `${algorithm} key size ${size} is below ${min} bits; set spec.privateKey.size to ${min} or more`,
        fix: () => ({ title: `Set key size to ${min}`, safe: true, edits: setField(r, ['spec', 'privateKey', 'size'], min) }),
      });
    }
    if (ctx.config.fips && algorithm === 'Ed25519') {
      ctx.report({
        resource: r,
        path: ['spec', 'privateKey', 'algorithm'],
        message: 'FIPS mode: Ed25519 keys are not accepted by FIPS TLS stacks; use ECDSA (P-256) or RSA 2048+',
        fix: () => ({ title: 'Use an ECDSA P-256 key', safe: true, edits: setField(r, ['spec', 'privateKey', 'algorithm'], 'ECDSA') }),
      });
    }
  },
};
