// Where a traffic `to` goes: a Service (merged across clusters), a workload directly, a ServiceEntry or an outside host.
import { CLUSTER_DOMAIN, hostMatches } from './hosts';
import { ipInCidr, isIp } from './ipRange';
import { matchLabelsSubset } from './labelSelector';
import { meshIndex } from './meshIndex';
import { clusterOf, resolveTargetPort, serviceEndpoints } from './meshQueries';
import { dnsCaptured } from './dnsProxy';
import type { Destination, Mesh, Service, ServicePort, Workload } from './types';

/** `[cluster/]namespace/name` against the mesh; without a cluster, the first cluster (ztn.yaml order) that has it. */
export function findWorkload(mesh: Mesh, ref: string): Workload | undefined {
  const parts = ref.split('/');
  const index = meshIndex(mesh);
  if (parts.length === 3) return index.workloadById.get(ref);
  if (parts.length !== 2) return undefined;
  const candidates = index.workloadsByNamespacedName.get(ref) ?? [];
  for (const c of mesh.clusters) {
    const w = candidates.find((x) => x.cluster === c.name);
    if (w) return w;
  }
  return undefined;
}

function splitHostPort(to: string): { host: string; port?: number } {
  const m = /^(.*):(\d+)$/.exec(to.trim());
  if (!m) return { host: to.trim() };
  return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) };
}

/** Kubernetes DNS names: name, name.ns, name.ns.svc, name.ns.svc.cluster.local. */
function serviceFqdn(host: string, callerNamespace: string): string | undefined {
  const parts = host.toLowerCase().replace(/\.$/, '').split('.');
  if (parts.length === 1) return `${parts[0]}.${callerNamespace}.${CLUSTER_DOMAIN}`;
  if (parts.length === 2) return `${parts[0]}.${parts[1]}.${CLUSTER_DOMAIN}`;
  if (parts.length === 3 && parts[2] === 'svc') return `${parts[0]}.${parts[1]}.${CLUSTER_DOMAIN}`;
  if (parts.length === 5 && parts.slice(2).join('.') === CLUSTER_DOMAIN) return parts.join('.');
  return undefined;
}

/** Cluster order for picking endpoints: the caller's cluster, then its network, then ztn.yaml order. */
function clusterRank(mesh: Mesh, from: Workload | undefined): (cluster: string) => number {
  const order = mesh.clusters.map((c) => c.name);
  const network = from ? clusterOf(mesh, from.cluster).network : undefined;
  return (c) => {
    if (from && c === from.cluster) return -2;
    if (network && clusterOf(mesh, c).network === network) return -1 + order.indexOf(c) / 1000;
    return order.indexOf(c);
  };
}

interface Endpoint {
  workload: Workload;
  targetPort: number;
  service: Service;
}

/** Every endpoint of a Service host and port across clusters (multi-primary: same namespace and name merge). */
export function serviceEndpointsAcrossClusters(mesh: Mesh, services: Service[], port: number, from: Workload | undefined): Endpoint[] {
  const rank = clusterRank(mesh, from);
  const out: Endpoint[] = [];
  for (const svc of [...services].sort((a, b) => rank(a.cluster) - rank(b.cluster))) {
    const sp = svc.ports.find((p) => p.port === port);
    if (!sp) continue;
    for (const w of serviceEndpoints(mesh, svc).sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const tp = resolveTargetPort(sp, w);
      if (tp !== undefined) out.push({ workload: w, targetPort: tp, service: svc });
    }
  }
  return out;
}

/**
 * Resolution depends only on the caller's cluster and namespace, so it is computed once per (cluster, namespace,
 * target); each caller gets its own copy to adjust (the sandbox sets the chosen endpoint's targetPort).
 */
export function resolveDestination(mesh: Mesh, from: Workload | undefined, to: string): Destination {
  const d = meshIndex(mesh).cached('destination', `${from?.cluster ?? ''}|${from?.namespace ?? ''}|${to}`, () => resolveUncached(mesh, from, to));
  return { ...d, workloads: [...d.workloads], ...(d.notes ? { notes: [...d.notes] } : {}) };
}

function resolveUncached(mesh: Mesh, from: Workload | undefined, to: string): Destination {
  const { host, port } = splitHostPort(to);
  const base = { workloads: [] as Workload[], port: port ?? 0, targetPort: port ?? 0, host };
  if (port === undefined) return { ...base, error: `'${to}' has no port (expected host:port or namespace/workload:port)` };

  if (host.includes('/')) return resolveWorkloadTarget(mesh, from, host, port);

  const callerNs = from?.namespace ?? 'default';
  const fqdn = isIp(host) ? undefined : serviceFqdn(host, callerNs);
  const services = fqdn ? (meshIndex(mesh).servicesByHost.get(fqdn) ?? []) : [];
  if (services.length > 0) {
    if (from && !services.some((s) => s.cluster === from.cluster) && !dnsCaptured(mesh, from)) {
      return {
        ...base,
        host: fqdn!,
        service: services[0],
        error: `${fqdn} does not resolve in ${from.cluster}: Kubernetes DNS only knows Services of the local cluster (define the Service there too, or enable Istio DNS proxying)`,
      };
    }
    const sp = services.map((s) => s.ports.find((p) => p.port === port)).find((p): p is ServicePort => !!p);
    if (!sp) return { ...base, host: fqdn!, service: services[0], error: `Service ${services[0].namespace}/${services[0].name} has no port ${port}` };
    const endpoints = serviceEndpointsAcrossClusters(mesh, services, port, from);
    if (endpoints.length === 0) {
      return {
        ...base,
        host: fqdn!,
        service: services[0],
        appProtocol: sp.appProtocol,
        error: `Service ${services[0].namespace}/${services[0].name} port ${port} has no endpoints (no workload matches its selector with that target port)`,
      };
    }
    const chosen = endpoints[0];
    const notes = [
      `${fqdn}:${port} resolves to ${endpoints.length} endpoint(s) in ${[...new Set(endpoints.map((e) => e.workload.cluster))].join(', ')}; simulated endpoint ${chosen.workload.id}:${chosen.targetPort}`,
    ];
    return {
      service: chosen.service,
      workloads: dedupe(endpoints.map((e) => e.workload)),
      port,
      targetPort: chosen.targetPort,
      host: fqdn!,
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      notes,
    };
  }

  const entry = mesh.serviceEntries.find(
    (se) =>
      (!from || se.cluster === from.cluster) &&
      (se.exportTo.includes('*') || se.exportTo.includes(callerNs)) &&
      (hostMatches(se.host, host) || addressMatches(se.addresses, host)),
  );
  if (entry) {
    const sp = entry.ports.find((p) => p.port === port);
    const workloads = entry.workloadSelector
      ? mesh.workloads.filter((w) => w.cluster === entry.cluster && w.namespace === entry.namespace && matchLabelsSubset(entry.workloadSelector!, w.labels))
      : [];
    const external = entry.location === 'MESH_EXTERNAL' && workloads.length === 0;
    return {
      serviceEntry: entry,
      workloads,
      port,
      targetPort: sp && typeof sp.targetPort === 'number' ? sp.targetPort : port,
      host: host.toLowerCase(),
      ...(external ? { external: true } : {}),
      ...(sp?.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      notes: [
        `${host}:${port} is ServiceEntry ${entry.namespace}/${entry.resource.name} (${entry.location})${sp ? '' : `; port ${port} is not declared in it`}`,
      ],
    };
  }
  // DNS search paths: a name that can only be a Service (one label, a known namespace, or .svc) fails to resolve;
  // anything else falls through to a real DNS lookup outside the cluster.
  if (fqdn && looksLikeService(mesh, host)) {
    return { ...base, host: fqdn, error: `no Service ${fqdn.split('.').slice(0, 2).reverse().join('/')} in any cluster` };
  }
  return { ...base, host: host.toLowerCase(), external: true, notes: [`${host}:${port} is not a mesh service: outside the mesh (passthrough)`] };
}

/** A literal address the call dialled against a ServiceEntry's `addresses` (IPs or CIDR blocks, as Istio takes them). */
function addressMatches(addresses: string[], host: string): boolean {
  if (addresses.includes(host)) return true;
  return isIp(host) && addresses.some((a) => a.includes('/') && ipInCidr(host, a));
}

function looksLikeService(mesh: Mesh, host: string): boolean {
  const parts = host.toLowerCase().replace(/\.$/, '').split('.');
  if (parts.length === 1 || parts.length >= 3) return true;
  return mesh.namespaces.some((n) => n.name === parts[1]);
}

function dedupe(list: Workload[]): Workload[] {
  return [...new Set(list)];
}

/** `[cluster/]namespace/workload:port`: that workload as the endpoint, reached through the Service exposing the port if any. */
function resolveWorkloadTarget(mesh: Mesh, from: Workload | undefined, ref: string, port: number): Destination {
  const parts = ref.split('/');
  let workload: Workload | undefined;
  if (parts.length === 3) workload = mesh.workloads.find((w) => w.id === ref);
  else if (parts.length === 2) {
    // Prefer the caller's cluster, then ztn.yaml order.
    const rank = clusterRank(mesh, from);
    workload = [...(meshIndex(mesh).workloadsByNamespacedName.get(ref) ?? [])].sort((a, b) => rank(a.cluster) - rank(b.cluster))[0];
  }
  const base = { workloads: [] as Workload[], port, targetPort: port, host: ref };
  if (!workload) return { ...base, error: `no workload ${ref}` };
  const service = mesh.services.find(
    (s) => s.cluster === workload!.cluster && serviceEndpoints(mesh, s).includes(workload!) && s.ports.some((p) => resolveTargetPort(p, workload!) === port),
  );
  const sp = service?.ports.find((p) => resolveTargetPort(p, workload!) === port);
  return {
    ...(service ? { service } : {}),
    workloads: [workload],
    port: sp ? sp.port : port,
    targetPort: port,
    host: service ? service.host : workload.name,
    ...(sp?.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    notes: [
      service
        ? `${workload.id}:${port} is an endpoint of Service ${service.namespace}/${service.name} port ${sp!.port}`
        : `${workload.id}:${port} is not behind a Service: direct pod call`,
    ],
  };
}
