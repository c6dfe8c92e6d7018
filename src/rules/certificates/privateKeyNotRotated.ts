// ZT0307: a Certificate that keeps the same private key across renewals (rotationPolicy: Never).
import { replaceString } from '../../fix/replaceScalar';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { isCertManagerCertificate } from './certificateFields';

export const privateKeyNotRotated: Rule = {
  meta: {
    id: 'ZT0307',
    pillar: 3,
    severity: 'warning',
    title: 'Private key is never rotated',
    description:
      'With privateKey.rotationPolicy: Never a renewal re-signs the old key, so a key that leaked once stays valid forever. Always generates a fresh key on every renewal.',
    fixable: true,
    kinds: ['Certificate'],
  },
  checkResource(cert, ctx) {
    if (!isCertManagerCertificate(cert)) return;
    const path = ['spec', 'privateKey', 'rotationPolicy'];
    if (getPath(cert.obj, path) !== 'Never') return;
    ctx.report({
      resource: cert,
      path,
      message: `Certificate ${cert.name} reuses its private key on renewal; set privateKey.rotationPolicy to Always`,
      fix: () => ({ title: 'Rotate the key on renewal', safe: true, edits: replaceString(cert, path, 'Always') }),
    });
  },
};
