// The mesh model: clusters, namespaces, workloads, services and mesh policies read from the workspace index.
import type { WorkspaceIndex } from '../model/workspace';
import { namespaceOf } from '../model/workspace';
import { getPath, isWorkload, podTemplate, stringMap, containersOf } from '../model/workloads';
import type { Resource } from '../model/types';
import { policySource } from './source';
import type { Cluster, Mesh, MeshPolicy, Namespace, ServiceEntryHost, ServicePort, WorkloadPort } from './types';
import { sidecarInjected } from './injection';
import { CLUSTER_DOMAIN } from './hosts';
import { collectMeshProblems } from './meshProblems';
import { meshConfigEnablesDnsCapture } from './dnsProxy';

export function buildMesh(index: WorkspaceIndex): Mesh {
  const config = index.config;
  const clusters: Cluster[] = config.clusters.map((c) => ({
    name: c.name,
    network: c.network,
    trustDomain: c.trustDomain,
    trustDomainAliases: [...c.trustDomainAliases],
    meshID: c.meshID,
    rootNamespace: c.rootNamespace,
  }));
  const root = config.root;
  const mesh: Mesh = {
    root,
    clusters,
    namespaces: [],
    workloads: [],
    services: [],
    serviceEntries: [],
    peerAuthentications: [],
    destinationRules: [],
    authorizationPolicies: [],
    networkPolicies: [],
    virtualServices: [],
    sidecars: [],
    requestAuthentications: [],
    dnsCaptureClusters: [],
    problems: [],
  };
  const clustersOf = (r: Resource) => (r.clusters.length > 0 ? r.clusters : [clusters[0].name]);
  // Deterministic order regardless of file system order: by file, then position in the file.
  const resources = [...index.resources].sort((a, b) =>
    a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.docIndex - b.docIndex || (a.listIndex ?? 0) - (b.listIndex ?? 0),
  );

  const namespaces = new Map<string, Namespace>();
  const ensureNamespace = (cluster: string, name: string, labels: Record<string, string> = {}) => {
    const key = `${cluster}/${name}`;
    const existing = namespaces.get(key);
    if (existing) {
      Object.assign(existing.labels, labels);
      return existing;
    }
    const ns: Namespace = { cluster, name, labels: { ...labels, 'kubernetes.io/metadata.name': name } };
    namespaces.set(key, ns);
    return ns;
  };
  for (const r of resources) {
    if (r.kind === 'Namespace' && r.apiVersion === 'v1' && r.name) {
      for (const c of clustersOf(r)) ensureNamespace(c, r.name, stringMap(getPath(r.obj, ['metadata', 'labels'])));
    }
  }
  for (const c of clusters) ensureNamespace(c.name, c.rootNamespace);

  const workloadKeys = new Set(resources.filter(isWorkload).map((r) => `${namespaceOf(r)}/${r.kind}/${r.name}`));
  const seenWorkloads = new Set<string>();
  for (const r of resources) {
    if (!isWorkload(r) || !r.name) continue;
    const owner = topLevelOwner(r, workloadKeys);
    if (!owner) continue; // its controller is in the manifests and stands for it
    const ns = namespaceOf(r);
    for (const clusterName of clustersOf(r)) {
      const cluster = clusters.find((c) => c.name === clusterName) ?? clusters[0];
      const id = `${cluster.name}/${ns}/${owner.name}`;
      if (seenWorkloads.has(id)) continue;
      seenWorkloads.add(id);
      const nsModel = ensureNamespace(cluster.name, ns);
      const tpl = podTemplate(r);
      if (!tpl) continue;
      const sa = String(tpl.spec.serviceAccountName ?? tpl.spec.serviceAccount ?? 'default');
      mesh.workloads.push({
        id,
        cluster: cluster.name,
        namespace: ns,
        name: owner.name,
        kind: owner.kind,
        labels: tpl.labels,
        serviceAccount: sa,
        spiffeId: `spiffe://${cluster.trustDomain}/ns/${ns}/sa/${sa}`,
        sidecar: sidecarInjected(nsModel.labels, tpl.labels, tpl.annotations, tpl.spec, containersOf(r).map((c) => String(c.container.name ?? '')), ns),
        ports: containerPorts(r),
        resource: r,
      });
    }
  }

  for (const r of resources) {
    if (r.kind !== 'Service' || r.apiVersion !== 'v1' || !r.name) continue;
    const spec = (r.obj.spec ?? {}) as Record<string, unknown>;
    if (spec.type === 'ExternalName') continue; // a DNS alias, not a mesh service with endpoints
    const ns = namespaceOf(r);
    const ports = readServicePorts(spec.ports, 'Service');
    const selector = spec.selector && typeof spec.selector === 'object' ? stringMap(spec.selector) : undefined;
    for (const cluster of clustersOf(r)) {
      ensureNamespace(cluster, ns);
      mesh.services.push({
        id: `${cluster}/${ns}/${r.name}`,
        cluster,
        namespace: ns,
        name: r.name,
        host: `${r.name}.${ns}.${CLUSTER_DOMAIN}`,
        // A Service without a selector has manually managed endpoints we cannot see: it selects no workload.
        selector: selector ?? {},
        ports,
        resource: r,
        ...(spec.clusterIP === 'None' ? { headless: true } : {}),
      });
    }
  }

  for (const r of resources) {
    const group = r.apiVersion.split('/')[0];
    const ns = namespaceOf(r);
    const policy = (): MeshPolicy => ({
      resource: r,
      clusters: clustersOf(r),
      namespace: ns,
      name: r.name,
      source: policySource(r, root, ns),
      created: createdAt(r),
    });
    if (group === 'security.istio.io') {
      if (r.kind === 'PeerAuthentication') mesh.peerAuthentications.push(policy());
      else if (r.kind === 'AuthorizationPolicy') mesh.authorizationPolicies.push(policy());
      else if (r.kind === 'RequestAuthentication') mesh.requestAuthentications.push(policy());
    } else if (group === 'networking.istio.io') {
      if (r.kind === 'DestinationRule') mesh.destinationRules.push(policy());
      else if (r.kind === 'VirtualService') mesh.virtualServices.push(policy());
      else if (r.kind === 'Sidecar') mesh.sidecars.push(policy());
      else if (r.kind === 'ServiceEntry') mesh.serviceEntries.push(...readServiceEntry(r, clustersOf(r), root));
    } else if (group === 'networking.k8s.io' && r.kind === 'NetworkPolicy') {
      mesh.networkPolicies.push(policy());
    }
  }
  for (const r of resources) {
    for (const c of clustersOf(r)) {
      if (meshConfigEnablesDnsCapture(r, clusters.find((x) => x.name === c)?.rootNamespace ?? 'istio-system') && !mesh.dnsCaptureClusters!.includes(c)) mesh.dnsCaptureClusters!.push(c);
    }
  }
  for (const list of [mesh.peerAuthentications, mesh.authorizationPolicies, mesh.destinationRules, mesh.networkPolicies]) {
    for (const p of list) for (const c of p.clusters) ensureNamespace(c, p.namespace);
  }
  mesh.namespaces = [...namespaces.values()];
  collectMeshProblems(mesh);
  return mesh;
}

function createdAt(r: Resource): number {
  const ts = getPath(r.obj, ['metadata', 'creationTimestamp']);
  const ms = typeof ts === 'string' ? Date.parse(ts) : ts instanceof Date ? ts.getTime() : NaN;
  // Objects without a timestamp are not created yet: applying them makes them the newest.
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/**
 * The top-level owner a workload is reported as (Deployment, not its ReplicaSet or pods). Undefined when
 * the owner is itself in the manifests, so it is counted once.
 */
function topLevelOwner(r: Resource, workloadKeys: Set<string>): { kind: string; name: string } | undefined {
  const refs = getPath(r.obj, ['metadata', 'ownerReferences']);
  if (!Array.isArray(refs)) return { kind: r.kind, name: r.name };
  const ref = (refs.find((x) => x && typeof x === 'object' && (x as Record<string, unknown>).controller === true) ?? refs[0]) as
    | Record<string, unknown>
    | undefined;
  if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return { kind: r.kind, name: r.name };
  if (workloadKeys.has(`${namespaceOf(r)}/${ref.kind}/${ref.name}`)) return undefined;
  if (ref.kind === 'ReplicaSet') {
    // Deployment pods are owned by "<deployment>-<pod-template-hash>".
    const hash = stringMap(getPath(r.obj, ['metadata', 'labels']))['pod-template-hash'];
    if (hash && ref.name.endsWith(`-${hash}`)) {
      const deployment = ref.name.slice(0, -hash.length - 1);
      if (workloadKeys.has(`${namespaceOf(r)}/Deployment/${deployment}`)) return undefined;
      return { kind: 'Deployment', name: deployment };
    }
  }
  if (ref.kind === 'Job' && /-\d{8,}$/.test(ref.name)) return { kind: 'CronJob', name: ref.name.replace(/-\d{8,}$/, '') };
  return { kind: ref.kind, name: ref.name };
}

function protocolOf(v: unknown): 'TCP' | 'UDP' | 'SCTP' {
  return v === 'UDP' || v === 'SCTP' ? v : 'TCP';
}

function containerPorts(r: Resource): WorkloadPort[] {
  const out: WorkloadPort[] = [];
  for (const c of containersOf(r)) {
    if (c.group !== 'containers') continue;
    const ports = c.container.ports;
    if (!Array.isArray(ports)) continue;
    for (const p of ports) {
      if (!p || typeof p !== 'object') continue;
      const port = Number((p as Record<string, unknown>).containerPort);
      if (!Number.isInteger(port)) continue;
      const name = (p as Record<string, unknown>).name;
      out.push({ port, protocol: protocolOf((p as Record<string, unknown>).protocol), ...(typeof name === 'string' ? { name } : {}) });
    }
  }
  return out;
}

/** Istio protocol selection: explicit appProtocol, else the port name's prefix before '-'. */
export function istioProtocol(name: string | undefined, appProtocol: unknown): string | undefined {
  if (typeof appProtocol === 'string' && appProtocol) return appProtocol.toLowerCase().replace(/^kubernetes\.io\//, '');
  if (!name) return undefined;
  const prefix = name.toLowerCase().split('-')[0];
  return KNOWN_PROTOCOLS.has(prefix) ? prefix : undefined;
}
const KNOWN_PROTOCOLS = new Set(['http', 'http2', 'https', 'grpc', 'grpc-web', 'tcp', 'tls', 'mongo', 'mysql', 'redis', 'udp', 'h2c', 'ws', 'wss']);

function readServicePorts(value: unknown, kind: 'Service' | 'ServiceEntry'): ServicePort[] {
  if (!Array.isArray(value)) return [];
  const out: ServicePort[] = [];
  for (const p of value) {
    if (!p || typeof p !== 'object') continue;
    const o = p as Record<string, unknown>;
    const port = Number(kind === 'Service' ? o.port : (o.number ?? o.port));
    if (!Number.isInteger(port)) continue;
    const name = typeof o.name === 'string' ? o.name : undefined;
    const rawTarget = o.targetPort;
    const targetPort = rawTarget === undefined || rawTarget === null ? port : typeof rawTarget === 'number' ? rawTarget : /^\d+$/.test(String(rawTarget)) ? Number(rawTarget) : String(rawTarget);
    const appProtocol =
      kind === 'ServiceEntry' ? (typeof o.protocol === 'string' ? o.protocol.toLowerCase() : istioProtocol(name, undefined)) : istioProtocol(name, o.appProtocol);
    out.push({
      port,
      targetPort,
      protocol: kind === 'Service' ? protocolOf(o.protocol) : appProtocol === 'udp' ? 'UDP' : 'TCP',
      ...(name ? { name } : {}),
      ...(appProtocol ? { appProtocol } : {}),
    });
  }
  return out;
}

function readServiceEntry(r: Resource, clusters: string[], root: string): ServiceEntryHost[] {
  const spec = (r.obj.spec ?? {}) as Record<string, unknown>;
  const hosts = Array.isArray(spec.hosts) ? spec.hosts.map(String) : [];
  const ns = namespaceOf(r);
  const exportTo = Array.isArray(spec.exportTo) ? spec.exportTo.map((x) => (String(x) === '.' ? ns : String(x))) : ['*'];
  const ws = getPath(spec, ['workloadSelector', 'labels']);
  const out: ServiceEntryHost[] = [];
  for (const cluster of clusters) {
    for (const host of hosts) {
      out.push({
        cluster,
        namespace: ns,
        host: host.toLowerCase(),
        ports: readServicePorts(spec.ports, 'ServiceEntry'),
        location: spec.location === 'MESH_INTERNAL' ? 'MESH_INTERNAL' : 'MESH_EXTERNAL',
        addresses: Array.isArray(spec.addresses) ? spec.addresses.map(String) : [],
        exportTo,
        ...(ws && typeof ws === 'object' ? { workloadSelector: stringMap(ws) } : {}),
        source: policySource(r, root, ns),
        resource: r,
      });
    }
  }
  return out;
}
