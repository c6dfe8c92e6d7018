// ZT0703: a public Gateway API Gateway whose proxies run no WAF filter.
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import type { Rule } from '../types';
import { wafCovers } from './wafFilters';

/** Classes whose Gateways never face the internet: Istio waypoints and east-west gateways, internal load balancers. */
const NOT_PUBLIC_CLASS = /waypoint|east-?west|internal|private|istio-remote|mesh/i;

export const gatewayApiWithoutWaf: Rule = {
  meta: {
    id: 'ZT0703',
    pillar: 7,
    severity: 'warning',
    title: 'Gateway API Gateway without WAF',
    description:
      'A Kubernetes Gateway API Gateway deployed by Istio runs an Envoy proxy that takes internet traffic. Without a WAF WasmPlugin or EnvoyFilter bound to it (targetRefs to the Gateway, or a selector on gateway.networking.k8s.io/gateway-name), request content is not inspected before it reaches the routes.',
    fixable: false,
    kinds: ['Gateway'],
  },
  checkResource(r, ctx) {
    if (!r.apiVersion.startsWith('gateway.networking.k8s.io/')) return;
    const cls = String(getPath(r.obj, ['spec', 'gatewayClassName']) ?? '');
    if (NOT_PUBLIC_CLASS.test(cls)) return;
    const ns = namespaceOf(r);
    // Istio labels the pods it deploys for a Gateway with the Gateway's name.
    const podLabels = { 'gateway.networking.k8s.io/gateway-name': r.name, 'istio.io/gateway-name': r.name };
    if (wafCovers(ctx.index, { podLabels, namespaces: [ns], gatewayApiRef: `${ns}/${r.name}`, clusters: r.clusters })) return;
    ctx.report({
      resource: r,
      path: ['metadata', 'name'],
      message: `Gateway ${r.name} (class ${cls || 'unset'}) has no WAF; bind a WAF WasmPlugin or EnvoyFilter to it with targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: ${r.name}}]`,
    });
  },
};
