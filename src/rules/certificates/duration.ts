// Go duration strings as cert-manager writes them ("2160h", "720h0m0s", "90m"), in seconds and back.
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds in a Go duration string; undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    pos = re.lastIndex;
  }
  return pos > 0 ? total : undefined;
}

/** Whole hours (and minutes when needed), the form cert-manager examples use. */
export function formatGoDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : h === 0 ? `${m}m` : `${h}h${m}m`;
}

export const HOUR = 3600;
export const DAY = 24 * HOUR;
/** cert-manager's default certificate lifetime when spec.duration is unset: 90 days. */
export const CERT_MANAGER_DEFAULT_DURATION = 90 * DAY;
