// ZT0803: an external ServiceEntry host with a wildcard, which opens egress to every matching domain.
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { isExternalServiceEntry } from './serviceEntries';

export const wildcardServiceEntryHost: Rule = {
  meta: {
    id: 'ZT0803',
    pillar: 8,
    severity: 'warning',
    title: 'Wildcard ServiceEntry host',
    description:
      'A ServiceEntry declares which external hosts workloads may reach under REGISTRY_ONLY. A wildcard (`*`, `*.com`, `*.amazonaws.com`) allows every domain it matches, including ones an attacker controls (a bucket, a tunnel endpoint), so data can leave through it. List the exact hosts instead.',
    fixable: false,
    kinds: ['ServiceEntry'],
  },
  checkResource(r, ctx) {
    if (!isExternalServiceEntry(r)) return;
    const hosts = getPath(r.obj, ['spec', 'hosts']);
    if (!Array.isArray(hosts)) return;
    hosts.forEach((host, i) => {
      if (typeof host !== 'string' || !host.startsWith('*')) return;
      const labels = host.split('.').length - 1;
      ctx.report({
        resource: r,
        path: ['spec', 'hosts', i],
        message:
          host === '*' || labels <= 1
            ? `host '${host}' opens egress to a whole top-level domain or to any host; list the exact external hosts`
            : `host '${host}' allows every subdomain of ${host.slice(2)}; list the exact hosts the workloads call`,
      });
    });
  },
};
