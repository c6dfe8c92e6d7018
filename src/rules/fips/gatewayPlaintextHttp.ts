// ZT0606: an ingress Gateway server that serves plain HTTP without redirecting to HTTPS.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import { gatewayRole, gatewayServers, isIstioGateway } from '../templates/istioGateway';
import type { Rule } from '../types';

export const gatewayPlaintextHttp: Rule = {
  meta: {
    id: 'ZT0606',
    pillar: 6,
    severity: 'warning',
    title: 'Gateway serves plaintext HTTP',
    description:
      'Encryption in transit (SOC-2 CC6.7, PCI DSS 4.1) means no request body or cookie crosses the network in clear. An ingress Gateway server with protocol HTTP and no `tls.httpsRedirect: true` answers clients in plaintext instead of sending them to HTTPS.',
    fixable: true,
    kinds: ['Gateway'],
  },
  checkResource(r, ctx) {
    if (!isIstioGateway(r) || gatewayRole(r) !== 'ingress') return;
    for (const { path, server } of gatewayServers(r)) {
      const protocol = getPath(server, ['port', 'protocol']);
      if (protocol !== 'HTTP' && protocol !== 'HTTP2') continue;
      if (getPath(server, ['tls', 'httpsRedirect']) === true) continue;
      const redirect = [...path, 'tls', 'httpsRedirect'];
      ctx.report({
        resource: r,
        path: [...path, 'port', 'protocol'],
        message: `server on port ${String(getPath(server, ['port', 'number']) ?? '?')} serves ${String(protocol)} in plaintext; set tls.httpsRedirect: true and serve the hosts over HTTPS`,
        fix: () => ({ title: 'Redirect HTTP to HTTPS', safe: true, edits: setField(r, redirect, true) }),
      });
    }
  },
};
