// ztn.yaml's sandbox.certLifetime: a duration whose certificates can be encoded, in milliseconds.
const DURATION = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * X.509 encodes notAfter as GeneralizedTime, whose last year is 9999: from now, about 7970 years are left.
 * 7000 years keeps that margin for as long as this code may run, and is far beyond any certificate one means.
 */
export const MAX_CERT_LIFETIME_HOURS = 7000 * 8766;
export const MAX_CERT_LIFETIME_MS = MAX_CERT_LIFETIME_HOURS * UNIT_MS.h;
export const CERT_LIFETIME_RANGE = `from 1ms to ${MAX_CERT_LIFETIME_HOURS}h (7000 years)`;

/** The lifetime in milliseconds, or why it is refused (a sentence without the field's position). */
export function certLifetimeMs(text: string): { ms: number } | { error: string } {
  const m = DURATION.exec(text.trim());
  if (!m) return { error: `certLifetime '${text}' is not a duration such as 1h, 30m or 10s` };
  const ms = Number(m[1]) * UNIT_MS[m[2]];
  if (!(ms >= 1 && ms <= MAX_CERT_LIFETIME_MS)) return { error: `certLifetime '${text}' is out of range: a certificate lifetime is ${CERT_LIFETIME_RANGE}` };
  return { ms };
}
