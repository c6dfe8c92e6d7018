// ZT0701: a public Istio ingress Gateway whose proxies run no WAF filter (EnvoyFilter or WasmPlugin).
import { gatewayRole, isIstioGateway } from '../templates/istioGateway';
import type { Rule } from '../types';
import { istioGatewayPods, wafCovers } from './wafFilters';

export const istioGatewayWithoutWaf: Rule = {
  meta: {
    id: 'ZT0701',
    pillar: 7,
    severity: 'warning',
    title: 'Ingress Gateway without WAF',
    description:
      'An ingress Gateway is the first proxy internet traffic reaches. Without a WAF filter on its proxies (a Coraza/ModSecurity WasmPlugin, or an EnvoyFilter adding ext_authz, Lua or a WAF filter) injection, traversal and protocol attacks go straight to the services behind it; mTLS and authorization policies do not inspect request content.',
    fixable: false,
    kinds: ['Gateway'],
  },
  checkResource(r, ctx) {
    if (!isIstioGateway(r) || gatewayRole(r) !== 'ingress') return;
    const pods = istioGatewayPods(ctx.index, r);
    if (wafCovers(ctx.index, { ...pods, clusters: r.clusters })) return;
    ctx.report({
      resource: r,
      path: ['metadata', 'name'],
      message: `ingress Gateway ${r.name} has no WAF filter on its proxies; add a WAF WasmPlugin (e.g. Coraza with the OWASP CRS) or an EnvoyFilter (ext_authz/WAF) selecting the gateway pods`,
    });
  },
};
