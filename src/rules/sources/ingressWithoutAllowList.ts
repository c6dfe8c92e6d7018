// ZT0504: an Ingress without a source allow-list annotation (or with one that allows everything).
import { setField } from '../../fix/yamlEdit';
import { getPath, stringMap } from '../../model/workloads';
import type { Rule } from '../types';
import { isOpenToWorld } from './cidr';

/** Annotations that restrict client source ranges, per controller. */
export const ALLOW_LIST_ANNOTATIONS = [
  'nginx.ingress.kubernetes.io/whitelist-source-range',
  'nginx.ingress.kubernetes.io/allowlist-source-range',
  'ingress.kubernetes.io/whitelist-source-range',
  'alb.ingress.kubernetes.io/inbound-cidrs',
  'haproxy.org/allow-list',
  'haproxy.org/whitelist',
  'traefik.ingress.kubernetes.io/whitelist-source-range',
];

const NGINX_ALLOW_LIST = 'nginx.ingress.kubernetes.io/whitelist-source-range';

export const ingressWithoutAllowList: Rule = {
  meta: {
    id: 'ZT0504',
    pillar: 5,
    severity: 'warning',
    title: 'Ingress without a source allow-list',
    description:
      'An Ingress without a source-range annotation (whitelist-source-range, inbound-cidrs, allow-list, depending on the controller) is reachable from any client address. Internal or partner-facing hosts should name the networks that may connect.',
    fixable: true,
    kinds: ['Ingress'],
  },
  checkResource(ing, ctx) {
    const annotations = stringMap(getPath(ing.obj, ['metadata', 'annotations']));
    if (annotations['alb.ingress.kubernetes.io/scheme'] === 'internal') return;
    const present = ALLOW_LIST_ANNOTATIONS.filter((a) => annotations[a] !== undefined);
    for (const a of present) {
      const open = annotations[a]
        .split(',')
        .map((s) => s.trim())
        .find((c) => isOpenToWorld(c));
      if (!open) continue;
      ctx.report({
        resource: ing,
        path: ['metadata', 'annotations', a],
        message: `${a} includes ${open}, which admits any address; list the client networks that need access`,
      });
    }
    if (present.length > 0) return;
    const allowed = ctx.config.allowedCidrs;
    const className = getPath(ing.obj, ['spec', 'ingressClassName']) ?? annotations['kubernetes.io/ingress.class'];
    const nginx = typeof className === 'string' && className.includes('nginx');
    const value = allowed.join(',');
    ctx.report({
      resource: ing,
      path: ['metadata', 'name'],
      message: `Ingress ${ing.name} accepts clients from any address; add a source allow-list annotation for its controller${nginx ? ` (${NGINX_ALLOW_LIST})` : ''}${allowed.length ? ` with allowedCidrs ${value}` : ''}`,
      // Only ingress-nginx is known to read this annotation; other controllers need their own.
      fix:
        nginx && allowed.length
          ? () => ({ title: 'Allow only allowedCidrs', safe: true, edits: setField(ing, ['metadata', 'annotations', NGINX_ALLOW_LIST], value) })
          : undefined,
    });
  },
};
