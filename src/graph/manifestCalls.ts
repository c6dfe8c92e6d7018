// The calls the manifests announce, as traffic calls to simulate: hosts a workload names, and gateway routes.
import type { FieldPath } from '../model/position';
import { mapSelectorMatches } from '../model/selectors';
import type { Resource } from '../model/types';
import { resourceLabel } from '../model/types';
import { getPath, stringMap } from '../model/workloads';
import { namespaceOf } from '../model/workspace';
import type { Mesh, Service, TrafficCall } from '../policy/types';
import { gatewayRoutes, hostMentions } from './references';
import type { GraphNode } from './types';

// Ports an address without one most likely means, by URL scheme.
const SCHEME_PORTS: Record<string, number> = { http: 80, https: 443, grpc: 80, grpcs: 443, ws: 80, wss: 443 };
const HTTP_PROTOCOLS = /^(http|http2|grpc|grpc-web)$/;

/** A call a manifest announces, and where it is written (the edge's reference link). */
export interface ManifestCall {
  call: TrafficCall;
  resource: Resource;
  path: FieldPath;
  detail: string;
}

/** The ServiceEntry hosts the graph has nodes for (GraphNodes): a workload naming one calls it. */
export interface ExternalHosts {
  externalFor(host: string, cluster: string | undefined): GraphNode | undefined;
}

/** Service and ServiceEntry hosts that workloads name in env values and args, as calls from those workloads. */
export function workloadReferenceCalls(mesh: Mesh, externals: ExternalHosts): ManifestCall[] {
  const out: ManifestCall[] = [];
  for (const w of mesh.workloads) {
    for (const mention of hostMentions(w.resource)) {
      // A bare word ("cart") is only an address where the context says so (URL, host:port, *_HOST env).
      if (!mention.host.includes('.') && !mention.addressLike) continue;
      const reference = { resource: w.resource, path: mention.path, detail: mention.detail };
      const service = serviceNamed(mesh.services, mention.host, w);
      if (service) {
        const port = mention.port ?? service.ports[0]?.port;
        if (port === undefined) continue;
        const sp = service.ports.find((p) => p.port === port);
        // Istio's protocol selection: appProtocol, else the port name's prefix; https is TLS the app does itself.
        const declared = sp?.appProtocol ?? sp?.name?.split('-')[0] ?? '';
        const http = mention.scheme ? /^(http|grpc|ws)$/.test(mention.scheme) : HTTP_PROTOCOLS.test(declared);
        out.push({ call: { from: w.id, to: `${service.host}:${port}`, protocol: http ? 'http' : 'tcp' }, ...reference });
        continue;
      }
      const external = mention.addressLike ? externals.externalFor(mention.host, w.cluster) : undefined;
      if (external) {
        const port = mention.port ?? SCHEME_PORTS[mention.scheme ?? ''] ?? 443;
        out.push({ call: { from: w.id, to: `${mention.host}:${port}`, protocol: mention.scheme === 'http' ? 'http' : 'tcp' }, ...reference });
      }
    }
  }
  return out;
}

/** Gateways bound by a VirtualService route to its destinations: calls from the gateway workloads. */
export function gatewayRouteCalls(mesh: Mesh, virtualServices: readonly Resource[], gateways: readonly Resource[]): ManifestCall[] {
  const out: ManifestCall[] = [];
  for (const vs of virtualServices) {
    for (const route of gatewayRoutes(vs)) {
      for (const ref of route.gateways) {
        const [gwNs, gwName] = ref.includes('/') ? ref.split('/', 2) : [namespaceOf(vs), ref];
        const gateway = gateways.find((g) => g.name === gwName && namespaceOf(g) === gwNs);
        const selector = stringMap(gateway ? getPath(gateway.obj, ['spec', 'selector']) : undefined);
        if (!gateway || Object.keys(selector).length === 0) continue;
        const gatewayWorkloads = mesh.workloads.filter(
          (w) => (vs.clusters.length === 0 || vs.clusters.includes(w.cluster)) && mapSelectorMatches(selector, w.labels),
        );
        for (const gw of gatewayWorkloads) {
          const service = serviceNamed(mesh.services, route.host, { namespace: namespaceOf(vs), cluster: gw.cluster });
          const port = route.port ?? service?.ports[0]?.port;
          if (!service || port === undefined) continue;
          out.push({
            call: { from: gw.id, to: `${service.host}:${port}`, protocol: 'http' },
            resource: vs,
            path: route.path,
            detail: `${route.detail} via Gateway ${resourceLabel(gateway)}`,
          });
        }
      }
    }
  }
  return out;
}

/**
 * The Service a host names, as DNS inside a pod resolves it: FQDN, name.ns.svc, name.ns, or a bare name in
 * the caller's namespace. The caller's cluster wins when the same Service exists in several.
 */
export function serviceNamed(services: readonly Service[], host: string, caller: { namespace: string; cluster: string }): Service | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  const matches = services.filter((s) => {
    if (h === s.host || h === `${s.name}.${s.namespace}.svc` || h === `${s.name}.${s.namespace}`) return true;
    return h === s.name && s.namespace === caller.namespace;
  });
  return matches.find((s) => s.cluster === caller.cluster) ?? matches[0];
}
