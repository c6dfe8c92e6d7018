// ZT0607: an Ingress (networking.k8s.io) that serves some or all of its hosts without TLS.
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

/** Does a TLS host entry cover `host`? Exact, or a `*.` wildcard for exactly one more label. */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot) === tlsHost.slice(1);
}

export const ingressWithoutTls: Rule = {
  meta: {
    id: 'ZT0607',
    pillar: 6,
    severity: 'warning',
    title: 'Ingress serves hosts without TLS',
    description:
      'An Ingress without a tls entry for a host serves it over plain HTTP: credentials, cookies and data cross the network readable and changeable by anyone on the path. SOC-2 and FIPS deployments need TLS on every external entry point; list each host under spec.tls with its certificate Secret.',
    fixable: false,
    kinds: ['Ingress.networking.k8s.io'],
  },
  checkResource(ing, ctx) {
    const tls = getPath(ing.obj, ['spec', 'tls']);
    const tlsHosts = Array.isArray(tls)
      ? tls.flatMap((t) => (Array.isArray(getPath(t, ['hosts'])) ? (getPath(t, ['hosts']) as unknown[]).map(String) : []))
      : [];
    if (!Array.isArray(tls) || tls.length === 0) {
      ctx.report({
        resource: ing,
        path: getPath(ing.obj, ['spec']) ? ['spec'] : ['metadata', 'name'],
        part: getPath(ing.obj, ['spec']) ? 'key' : undefined,
        message: `Ingress ${ing.name} has no tls section, so it serves plain HTTP; add spec.tls with its hosts and a certificate Secret`,
      });
      return;
    }
    // An entry without hosts serves the controller's default certificate for every host.
    if (tls.some((t) => !Array.isArray(getPath(t, ['hosts'])))) return;
    const rules = getPath(ing.obj, ['spec', 'rules']);
    if (!Array.isArray(rules)) return;
    rules.forEach((rule, i) => {
      const host = getPath(rule, ['host']);
      if (typeof host !== 'string' || tlsHosts.some((t) => covers(t, host))) return;
      ctx.report({
        resource: ing,
        path: ['spec', 'rules', i, 'host'],
        message: `Ingress ${ing.name} serves ${host} without TLS (no spec.tls entry lists it); add it to spec.tls with a certificate Secret`,
      });
    });
  },
};
