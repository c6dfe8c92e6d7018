// ZT0303: renewBefore that is not shorter than the certificate's lifetime, which cert-manager rejects.
import { replaceString } from '../../fix/replaceScalar';
import type { Rule } from '../types';
import { durationField, isCertManagerCertificate } from './certificateFields';
import { CERT_MANAGER_DEFAULT_DURATION, formatGoDuration } from './duration';

export const renewBeforeNotBeforeExpiry: Rule = {
  meta: {
    id: 'ZT0303',
    pillar: 3,
    severity: 'error',
    title: 'renewBefore is not shorter than duration',
    description:
      'cert-manager renews a certificate renewBefore ahead of its expiry; when renewBefore is as long as the lifetime itself the Certificate is rejected (or renews constantly), and the service is left with an expiring certificate.',
    fixable: true,
    kinds: ['Certificate'],
  },
  checkResource(cert, ctx) {
    if (!isCertManagerCertificate(cert)) return;
    const renew = durationField(cert, 'renewBefore');
    const duration = durationField(cert, 'duration') ?? CERT_MANAGER_DEFAULT_DURATION;
    if (renew === undefined || renew < duration) return;
    const third = formatGoDuration(duration / 3);
    ctx.report({
      resource: cert,
      path: ['spec', 'renewBefore'],
      message: `renewBefore ${formatGoDuration(renew)} is not shorter than the ${formatGoDuration(duration)} lifetime; set it to about a third of it (${third})`,
      fix: () => ({ title: `Set renewBefore to ${third}`, safe: true, edits: replaceString(cert, ['spec', 'renewBefore'], third) }),
    });
  },
};
