// ZT0302: a leaf certificate that lives longer than 90 days, so a leaked key stays useful for too long.
import { replaceString } from '../../fix/replaceScalar';
import type { Rule } from '../types';
import { durationField, isCa, isCertManagerCertificate } from './certificateFields';
import { CERT_MANAGER_DEFAULT_DURATION, DAY, formatGoDuration } from './duration';

/** Longest leaf lifetime accepted: 90 days, cert-manager's default and the public CA/Browser Forum direction. */
export const MAX_LEAF_LIFETIME = CERT_MANAGER_DEFAULT_DURATION;

export const certificateLifetimeTooLong: Rule = {
  meta: {
    id: 'ZT0302',
    pillar: 3,
    severity: 'warning',
    title: 'Certificate lifetime over 90 days',
    description:
      'A long-lived leaf certificate keeps a stolen private key useful for its whole lifetime, and long rotation periods mean rotation is rarely exercised. Keep leaf certificates at 90 days or less (CA certificates are exempt).',
    fixable: true,
    kinds: ['Certificate'],
  },
  checkResource(cert, ctx) {
    if (!isCertManagerCertificate(cert) || isCa(cert)) return;
    const duration = durationField(cert, 'duration');
    if (duration === undefined || duration <= MAX_LEAF_LIFETIME) return;
    const renew = durationField(cert, 'renewBefore');
    const max = formatGoDuration(MAX_LEAF_LIFETIME);
    ctx.report({
      resource: cert,
      path: ['spec', 'duration'],
      message: `Certificate ${cert.name} lives ${Math.round(duration / DAY)} days; set spec.duration to ${max} (90 days) or less`,
      // A renewBefore that would not fit in the shorter lifetime makes the fix unsound; leave that to the user.
      fix:
        renew === undefined || renew < MAX_LEAF_LIFETIME
          ? () => ({ title: `Set duration to ${max}`, safe: true, edits: replaceString(cert, ['spec', 'duration'], max) })
          : undefined,
    });
  },
};
