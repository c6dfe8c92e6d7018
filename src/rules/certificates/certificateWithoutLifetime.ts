// ZT0301: a cert-manager Certificate that leaves its lifetime or renewal window to defaults nobody reviewed.
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { durationField, isCertManagerCertificate, setSpecFields } from './certificateFields';
import { CERT_MANAGER_DEFAULT_DURATION, formatGoDuration } from './duration';

export const certificateWithoutLifetime: Rule = {
  meta: {
    id: 'ZT0301',
    pillar: 3,
    severity: 'warning',
    title: 'Certificate without duration or renewBefore',
    description:
      "Without spec.duration and spec.renewBefore a Certificate silently gets cert-manager's defaults (90 days, renewed at two thirds). Stating them makes the rotation period part of the reviewed manifest, and lets checks such as ZT0302 see it.",
    fixable: true,
    kinds: ['Certificate'],
  },
  checkResource(cert, ctx) {
    if (!isCertManagerCertificate(cert)) return;
    const hasDuration = getPath(cert.obj, ['spec', 'duration']) !== undefined;
    const hasRenew = getPath(cert.obj, ['spec', 'renewBefore']) !== undefined || getPath(cert.obj, ['spec', 'renewBeforePercentage']) !== undefined;
    if (hasDuration && hasRenew) return;
    const missing = [hasDuration ? undefined : 'duration', hasRenew ? undefined : 'renewBefore'].filter((x): x is string => !!x);
    const duration = durationField(cert, 'duration') ?? CERT_MANAGER_DEFAULT_DURATION;
    const fields: Record<string, string> = {};
    if (!hasDuration) fields.duration = formatGoDuration(duration);
    // cert-manager's own default: renew when a third of the lifetime is left.
    if (!hasRenew) fields.renewBefore = formatGoDuration(duration / 3);
    ctx.report({
      resource: cert,
      path: ['metadata', 'name'],
      message: `Certificate ${cert.name} does not set ${missing.join(' and ')}; state the lifetime and renewal window explicitly (cert-manager defaults: duration 2160h, renewBefore a third of it)`,
      fix: () => ({ title: `Set ${missing.join(' and ')} to the cert-manager defaults`, safe: true, edits: setSpecFields(cert, fields) }),
    });
  },
};
