// ZT0805: an external ServiceEntry whose traffic leaves straight from the sidecars instead of through an egress gateway.
import { ofKinds } from '../../model/kinds';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { gatewayRole, isIstioGateway } from '../templates/istioGateway';
import { perRun } from '../templates/perRun';
import type { Rule } from '../types';
import { isExternalServiceEntry, stringList } from './serviceEntries';

/** Egress gateways of the workspace and the hosts VirtualServices route through them. */
const egressRouting = perRun((index) => {
  // A cheap look at name and selector first: gatewayRole reads the servers too.
  const gateways = ofKinds(index, 'Gateway').filter(
    (g) => /egress/i.test(`${g.name} ${JSON.stringify(getPath(g.obj, ['spec', 'selector']) ?? '')}`) && isIstioGateway(g) && gatewayRole(g) === 'egress',
  );
  const names = new Set(gateways.flatMap((g) => [g.name, `${namespaceOf(g)}/${g.name}`]));
  const routedHosts = new Set<string>();
  for (const vs of ofKinds(index, 'VirtualService')) {
    const viaEgress = stringList(getPath(vs.obj, ['spec', 'gateways'])).some((g) => names.has(g));
    if (viaEgress) for (const h of stringList(getPath(vs.obj, ['spec', 'hosts']))) routedHosts.add(h);
  }
  return { hasGateway: gateways.length > 0, routedHosts };
});

export const egressWithoutGateway: Rule = {
  meta: {
    id: 'ZT0805',
    pillar: 8,
    severity: 'info',
    title: 'External host not routed through an egress gateway',
    description:
      'Traffic to an external host that leaves directly from each sidecar cannot be audited, rate-limited or stopped in one place, and node firewalls must allow every node out. Routing it through an egress gateway (a Gateway selecting istio: egressgateway plus a VirtualService for the host that names it) gives one exit point to log and police.',
    fixable: false,
    kinds: ['ServiceEntry'],
  },
  checkResource(r, ctx) {
    if (!isExternalServiceEntry(r)) return;
    const routing = egressRouting(ctx.index);
    const hosts = stringList(getPath(r.obj, ['spec', 'hosts']));
    const direct = hosts.filter((h) => !routing.routedHosts.has(h));
    if (direct.length === 0) return;
    ctx.report({
      resource: r,
      path: ['metadata', 'name'],
      message: routing.hasGateway
        ? `traffic to ${direct.join(', ')} leaves directly from the sidecars; route it through the egress gateway with a VirtualService`
        : `traffic to ${direct.join(', ')} leaves directly from the sidecars and the workspace has no egress gateway; deploy one and route external hosts through it`,
    });
  },
};
