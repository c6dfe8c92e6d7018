// ZT0804: a ServiceEntry with resolution NONE that matches any IP address (0.0.0.0/0, ::/0, or no address on TCP ports).
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { isExternalServiceEntry, stringList } from './serviceEntries';

const ANY = new Set(['0.0.0.0/0', '::/0', '0.0.0.0']);
// HTTP is matched by Host header and TLS by SNI, so only raw TCP-like ports match purely by IP.
const HOST_ROUTED = new Set(['HTTP', 'HTTP2', 'HTTPS', 'GRPC', 'TLS']);

export const serviceEntryAnyAddress: Rule = {
  meta: {
    id: 'ZT0804',
    pillar: 8,
    severity: 'error',
    title: 'ServiceEntry passes traffic to any IP',
    description:
      'With `resolution: NONE` the sidecar forwards to the original destination IP. Combined with `addresses: [0.0.0.0/0]` (or no addresses on TCP ports, where there is neither a Host header nor an SNI to match) the entry matches every IP on those ports, which undoes REGISTRY_ONLY for them: any workload can send data to any server.',
    fixable: false,
    kinds: ['ServiceEntry'],
  },
  checkResource(r, ctx) {
    if (!isExternalServiceEntry(r) || getPath(r.obj, ['spec', 'resolution']) !== 'NONE') return;
    const addresses = stringList(getPath(r.obj, ['spec', 'addresses']));
    addresses.forEach((a, i) => {
      if (!ANY.has(a.trim())) return;
      ctx.report({
        resource: r,
        path: ['spec', 'addresses', i],
        message: `address ${a} with resolution NONE forwards to any IP; list the external CIDRs the workloads need`,
      });
    });
    if (addresses.length > 0) return;
    const ports = getPath(r.obj, ['spec', 'ports']);
    const tcpPorts = (Array.isArray(ports) ? ports : []).filter((p) => !HOST_ROUTED.has(String(getPath(p, ['protocol']) ?? 'TCP').toUpperCase()));
    if (tcpPorts.length === 0) return;
    ctx.report({
      resource: r,
      path: ['spec', 'resolution'],
      message: `resolution NONE without addresses matches any IP on port ${tcpPorts.map((p) => String(getPath(p, ['number']))).join(', ')}; add the destination addresses or use resolution DNS`,
    });
  },
};
