// Istio host names: short-name expansion relative to a config's namespace, wildcard matching, specificity.

/** Istio's DNS suffix for Services; independent of the trust domain. */
export const CLUSTER_DOMAIN = 'svc.cluster.local';

/** Istio's ResolveShortnameToFQDN: only names without a dot get "<ns>.svc.cluster.local" appended. */
export function resolveShortName(host: string, namespace: string): string {
  const h = host.toLowerCase();
  if (h === '*' || h.includes('.') || h.includes(':')) return h;
  return `${h}.${namespace}.${CLUSTER_DOMAIN}`;
}

/** A config host (possibly `*.suffix` or `*`) against a concrete service host. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1));
  return p === h;
}

/** Higher is more specific: exact hosts beat wildcards, longer wildcards beat shorter ones. */
export function hostSpecificity(pattern: string): number {
  if (!pattern.startsWith('*')) return 1_000_000 + pattern.length;
  return pattern.length;
}
