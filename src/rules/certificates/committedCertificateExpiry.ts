// ZT0308: a certificate committed in a manifest that has expired, is not valid yet, or expires within the configured window.
import type { Rule } from '../types';
import { committedCertificates, describeCertificate } from './committedCertificates';

const DAY = 24 * 60 * 60 * 1000;

export const committedCertificateExpiry: Rule = {
  meta: {
    id: 'ZT0308',
    pillar: 3,
    severity: 'warning',
    title: 'Committed certificate expired or expiring',
    description:
      "A certificate written into a manifest (a kubernetes.io/tls Secret, Istio's cacerts, a CA bundle in a ConfigMap) is renewed by nobody: when it expires, TLS handshakes fail, and an expired Istio CA stops every workload certificate from renewing. Certificates expiring within certificateExpiryWarningDays (ztn.yaml, default 30) are reported too.",
    fixable: false,
    kinds: ['Secret', 'ConfigMap'],
  },
  checkResource(r, ctx) {
    const certs = committedCertificates(r);
    if (certs.length === 0) return;
    const now = Date.now();
    const window = ctx.config.certificateExpiryWarningDays * DAY;
    for (const c of certs) {
      const left = c.notAfter.getTime() - now;
      const until = c.notAfter.toISOString().slice(0, 10);
      let problem: string | undefined;
      if (left <= 0) problem = `expired on ${until}`;
      else if (c.notBefore.getTime() > now) problem = `is not valid before ${c.notBefore.toISOString().slice(0, 10)}`;
      else if (left <= window) problem = `expires on ${until}, in ${Math.ceil(left / DAY)} days`;
      if (!problem) continue;
      ctx.report({
        resource: r,
        path: c.path,
        part: 'key',
        message: `${describeCertificate(c)} ${problem}; issue a new one (better: let cert-manager or the mesh CA issue and renew it)`,
      });
    }
  },
};
