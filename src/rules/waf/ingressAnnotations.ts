// Controller-specific WAF annotations on Kubernetes Ingresses (ingress-nginx ModSecurity, AWS, Azure, F5).
import type { Resource } from '../../model/types';
import { getPath, stringMap } from '../../model/workloads';

export const MODSECURITY = 'nginx.ingress.kubernetes.io/enable-modsecurity';
export const OWASP_CRS = 'nginx.ingress.kubernetes.io/enable-owasp-core-rules';
export const MODSECURITY_SNIPPET = 'nginx.ingress.kubernetes.io/modsecurity-snippet';

/** Annotations that attach a managed or controller WAF to an Ingress, with the value that enables it (any when undefined). */
const OTHER_WAFS: [string, RegExp | undefined][] = [
  ['alb.ingress.kubernetes.io/wafv2-acl-arn', undefined],
  ['alb.ingress.kubernetes.io/waf-acl-id', undefined],
  ['alb.ingress.kubernetes.io/web-acl-id', undefined],
  ['appgw.ingress.kubernetes.io/waf-policy-for-path', undefined],
  ['appprotect.f5.com/app-protect-enable', /^true$/i],
  ['nginx.org/waf-policy', undefined],
];

export function ingressAnnotations(r: Resource): Record<string, string> {
  return stringMap(getPath(r.obj, ['metadata', 'annotations']));
}

export function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^true$/i.test(v.trim());
}

/** True when an annotation of another controller (AWS WAF, Azure WAF policy, F5 App Protect) protects the Ingress. */
export function hasOtherWaf(annotations: Record<string, string>): boolean {
  return OTHER_WAFS.some(([key, enabled]) => annotations[key] !== undefined && annotations[key] !== '' && (!enabled || enabled.test(annotations[key])));
}

/** ingress-nginx, by class name or by the legacy class annotation; unknown classes count as nginx when nginx annotations are used. */
export function isNginxIngress(r: Resource, annotations: Record<string, string>): boolean {
  const cls = String(getPath(r.obj, ['spec', 'ingressClassName']) ?? annotations['kubernetes.io/ingress.class'] ?? '');
  return /nginx/i.test(cls) || Object.keys(annotations).some((k) => k.startsWith('nginx.ingress.kubernetes.io/'));
}

/** Ingresses that only serve inside the network: an internal load balancer scheme or an "internal" class. */
export function isInternalIngress(r: Resource, annotations: Record<string, string>): boolean {
  const cls = String(getPath(r.obj, ['spec', 'ingressClassName']) ?? annotations['kubernetes.io/ingress.class'] ?? '');
  return /internal|private/i.test(cls) || annotations['alb.ingress.kubernetes.io/scheme'] === 'internal';
}
