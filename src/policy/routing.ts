// What the client sidecar does with a resolved destination: Sidecar scope (imports, REGISTRY_ONLY) and VirtualService routing.
import { resolveDestination } from './destination';
import { findDestinationRule, subsetLabels } from './destinationRule';
import { matchLabelsSubset } from './labelSelector';
import { importsHost, registryOnly, sidecarFor } from './sidecarScope';
import type { Destination, ExplanationStep, Mesh, TrafficCall, Workload } from './types';
import { routeCall } from './virtualService';

export interface Routed {
  dest: Destination;
  /** The client as it acts: a host its Sidecar does not import goes out through PassthroughCluster, like no sidecar. */
  client: Workload;
  subset?: string;
}

/**
 * The client's Sidecar resource first (services it does not import are unknown hosts: PassthroughCluster in
 * plaintext, or BlackHoleCluster with REGISTRY_ONLY), then the VirtualService for the host. Undefined: no route.
 */
export function routeFromClient(
  mesh: Mesh,
  client: Workload,
  dest: Destination,
  call: TrafficCall,
  http: boolean,
  steps: ExplanationStep[],
): Routed | undefined {
  const scope = client.sidecar ? sidecarFor(mesh, client) : undefined;
  if (scope && (dest.service || dest.serviceEntry)) {
    const ns = dest.service?.namespace ?? dest.serviceEntry!.namespace;
    if (!importsHost(scope, ns, dest.host)) {
      steps.push({
        step: 'route',
        ...scope.source,
        detail: `egress.hosts do not import ${ns}/${dest.host}: the sidecar has no cluster for it and treats it as an unknown host`,
      });
      if (registryOnly(scope)) {
        steps.push({ step: 'route', ...scope.source, detail: 'outboundTrafficPolicy REGISTRY_ONLY: BlackHoleCluster' });
        return undefined;
      }
      steps.push({ step: 'route', detail: 'outboundTrafficPolicy ALLOW_ANY: PassthroughCluster, plaintext to the original destination' });
      return { dest, client: { ...client, sidecar: false } };
    }
  }
  if (scope && dest.external && !dest.serviceEntry && registryOnly(scope)) {
    steps.push({ step: 'route', ...scope.source, detail: `outboundTrafficPolicy REGISTRY_ONLY: ${dest.host} is not in the registry, BlackHoleCluster` });
    return undefined;
  }
  // A client without a sidecar goes straight to the Service's endpoints (kube-proxy): no VirtualService.
  if (!client.sidecar || (!dest.service && !dest.serviceEntry)) return { dest, client };
  const routed = applyVirtualService(mesh, client, dest, call, http, steps);
  return routed && { ...routed, client };
}

/**
 * VirtualService routing for a resolved destination: another host or port, and a DestinationRule subset that
 * narrows the endpoints. Undefined when the request has no route (404 NR) or the subset does not exist (503 NR).
 */
function applyVirtualService(
  mesh: Mesh,
  client: Workload,
  dest: Destination,
  call: TrafficCall,
  http: boolean,
  steps: ExplanationStep[],
): { dest: Destination; subset?: string } | undefined {
  const decision = routeCall(mesh, client, {
    host: dest.host,
    port: dest.port,
    http,
    method: call.method ?? 'GET',
    path: call.path ?? '/',
    headers: call.headers,
  });
  if (!decision) return { dest };
  steps.push({ step: 'route', ...decision.source, detail: decision.detail });
  if (!decision.destination) return undefined;
  let routed = dest;
  const { host, port, subset } = decision.destination;
  if (host !== dest.host || (port !== undefined && port !== dest.port)) {
    routed = resolveDestination(mesh, client, `${host}:${port ?? dest.port}`);
    for (const note of routed.notes ?? []) steps.push({ step: 'resolve', detail: note });
    if (routed.error) {
      steps.push({ step: 'route', detail: routed.error });
      return undefined;
    }
  }
  if (!subset) return { dest: routed };
  const dr = findDestinationRule(mesh, client, routed.host, routed.service?.namespace ?? routed.serviceEntry?.namespace);
  const labels = dr ? subsetLabels(dr, subset) : undefined;
  if (!dr || !labels) {
    steps.push({ step: 'route', detail: `subset ${subset} is not defined by any DestinationRule for ${routed.host}: no cluster, 503 NR` });
    return undefined;
  }
  const workloads = routed.workloads.filter((w) => matchLabelsSubset(labels, w.labels));
  steps.push({ step: 'route', ...dr.source, detail: `subset ${subset} selects ${workloads.length} of ${routed.workloads.length} endpoint(s)` });
  if (workloads.length === 0) return undefined;
  return { dest: { ...routed, workloads }, subset };
}
