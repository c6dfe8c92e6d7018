// Builds the trust graph: workloads, gateways and external hosts as nodes; known and allowed calls as edges.
import { relative, sep } from 'node:path';
import { buildMesh, composedMtlsMode, simulateCall, simulateMatrix, simulateTraffic, type Mesh } from '../policy';
import type { CallResult, MtlsMode, Service, SimulationResult, TrafficCall, TrafficReplay, Workload } from '../policy/types';
import { mapSelectorMatches } from '../model/selectors';
import type { Resource, Severity } from '../model/types';
import { resourceLabel } from '../model/types';
import { getPath, stringMap } from '../model/workloads';
import type { WorkspaceIndex } from '../model/workspace';
import { namespaceOf } from '../model/workspace';
import { lint } from '../rules/engine';
import type { Finding } from '../rules/types';
import { EdgeSet } from './edges';
import { POLICY_KINDS, policiesSelecting } from './policies';
import { gatewayRoutes, hostMentions, lineOf, type HostMention } from './references';
import type { EdgeCall, EdgeOrigin, GatewayRole, GraphGroup, GraphNode, PortMtls, SeverityCounts, TrustGraph } from './types';
import { GRAPH_FORMAT_VERSION } from './types';

export interface GraphOptions {
  /** Calls of a traffic file, simulated by the policy engine. */
  traffic?: TrafficReplay;
  /** Results of `ztn simulate --format json` or a sandbox replay (with observations). */
  results?: SimulationResult;
  /** Add an edge for every call the policies allow (simulateMatrix). */
  allowedEdges?: boolean;
  /** Lint findings to count per workload; computed with lint() when omitted. */
  findings?: readonly Finding[];
  /** A mesh already built from the same index (the extension keeps one per edit). */
  mesh?: Mesh;
}

const GATEWAY_ROLES: Record<string, GatewayRole> = { ingressgateway: 'ingress', egressgateway: 'egress', eastwestgateway: 'east-west' };
// Ports an address without one most likely means, by URL scheme.
const SCHEME_PORTS: Record<string, number> = { http: 80, https: 443, grpc: 80, grpcs: 443, ws: 80, wss: 443 };
const HTTP_PROTOCOLS = /^(http|http2|grpc|grpc-web)$/;

function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0 };
}

function gatewayRole(labels: Record<string, string>): GatewayRole | undefined {
  return GATEWAY_ROLES[labels.istio ?? ''];
}

function summarizeMode(ports: PortMtls[]): MtlsMode | 'MIXED' | undefined {
  const modes = new Set(ports.map((p) => p.mode));
  if (modes.size === 0) return undefined;
  return modes.size === 1 ? ports[0].mode : 'MIXED';
}

/** Builds everything the views need from one workspace state. */
export function buildTrustGraph(index: WorkspaceIndex, options: GraphOptions = {}): TrustGraph {
  const mesh = options.mesh ?? buildMesh(index);
  const root = index.config.root;
  const rel = (file: string) => relative(root, file).split(sep).join('/');
  const rootNamespace = (cluster: string) => mesh.clusters.find((c) => c.name === cluster)?.rootNamespace ?? 'istio-system';
  const problems: string[] = [];

  const groups = new Map<string, GraphGroup>();
  const clusterGroup = (cluster: string) => {
    const id = `cluster:${cluster}`;
    if (!groups.has(id)) groups.set(id, { id, kind: 'cluster', label: cluster, cluster });
    return id;
  };
  const namespaceGroup = (cluster: string, namespace: string) => {
    const id = `namespace:${cluster}/${namespace}`;
    if (!groups.has(id)) groups.set(id, { id, kind: 'namespace', label: namespace, parent: clusterGroup(cluster), cluster });
    return id;
  };
  for (const c of mesh.clusters) clusterGroup(c.name);

  const nodes = new Map<string, GraphNode>();
  const workloadsByResource = new Map<Resource, GraphNode[]>();
  const servicesSelecting = (w: Workload) => mesh.services.filter((s) => s.cluster === w.cluster && s.namespace === w.namespace && Object.keys(s.selector).length > 0 && mapSelectorMatches(s.selector, w.labels));
  const policyCandidates = index.resources.filter((r) => POLICY_KINDS.includes(r.kind));

  for (const w of mesh.workloads) {
    const ports = w.ports.length > 0 ? w.ports.map((p) => p.port) : [undefined];
    const mtls: PortMtls[] = ports.map((port) => {
      const composed = composedMtlsMode(mesh, w, port ?? 0);
      return { port, mode: composed.mode, sources: composed.steps };
    });
    const hosts = servicesSelecting(w).flatMap((s) => [s.host, `${s.name}.${s.namespace}.svc`, `${s.name}.${s.namespace}`]);
    const role = gatewayRole(w.labels);
    const node: GraphNode = {
      id: w.id,
      kind: role ? 'gateway' : 'workload',
      label: w.name,
      parent: namespaceGroup(w.cluster, w.namespace),
      cluster: w.cluster,
      namespace: w.namespace,
      objectKind: w.kind,
      gatewayRole: role,
      identity: w.spiffeId,
      serviceAccount: w.serviceAccount,
      defaultServiceAccount: w.serviceAccount === 'default',
      sidecar: w.sidecar,
      mtlsMode: summarizeMode(mtls),
      mtls,
      policies: policiesSelecting(policyCandidates, { cluster: w.cluster, namespace: w.namespace, labels: w.labels, hosts }, rootNamespace(w.cluster), rel),
      findingCounts: emptyCounts(),
      findings: [],
      source: { file: rel(w.resource.file.path), line: lineOf(w.resource, ['metadata', 'name']) },
    };
    nodes.set(node.id, node);
    const list = workloadsByResource.get(w.resource) ?? [];
    list.push(node);
    workloadsByResource.set(w.resource, list);
  }

  // ServiceEntries stand for hosts outside the mesh; each is one node per cluster it is declared in.
  const serviceEntries = index.ofKind('ServiceEntry').filter((r) => r.apiVersion.includes('istio.io'));
  const externalsByHost: { node: GraphNode; hosts: string[]; addresses: string[] }[] = [];
  for (const se of serviceEntries) {
    const hosts = (getPath(se.obj, ['spec', 'hosts']) as unknown[] | undefined)?.filter((h): h is string => typeof h === 'string') ?? [];
    const addresses = (getPath(se.obj, ['spec', 'addresses']) as unknown[] | undefined)?.filter((a): a is string => typeof a === 'string') ?? [];
    const clusters = se.clusters.length > 0 ? se.clusters : [mesh.clusters[0]?.name ?? 'cluster1'];
    for (const cluster of clusters) {
      const id = `external:${cluster}/${namespaceOf(se)}/${se.name}`;
      const node: GraphNode = {
        id,
        kind: 'external',
        label: hosts[0] ?? se.name,
        parent: namespaceGroup(cluster, namespaceOf(se)),
        cluster,
        namespace: namespaceOf(se),
        objectKind: 'ServiceEntry',
        hosts,
        addresses,
        mtls: [],
        policies: [],
        findingCounts: emptyCounts(),
        findings: [],
        source: { file: rel(se.file.path), line: lineOf(se, ['metadata', 'name']) },
      };
      nodes.set(id, node);
      externalsByHost.push({ node, hosts: hosts.map((h) => h.toLowerCase()), addresses });
    }
  }

  const hostPart = (to: string) => to.replace(/:\d+$/, '').toLowerCase();
  const externalFor = (host: string, cluster: string | undefined): GraphNode | undefined => {
    const matches = (pattern: string) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : pattern === host);
    const candidates = externalsByHost.filter((e) => e.hosts.some(matches) || e.addresses.includes(host));
    return candidates.find((e) => e.node.cluster === cluster)?.node ?? candidates[0]?.node;
  };

  /** The node a call endpoint names: a workload id, a ServiceEntry host, or an unknown host outside the mesh. */
  const nodeFor = (endpoint: string, callerCluster: string | undefined): string => {
    if (nodes.has(endpoint)) return endpoint;
    const host = hostPart(endpoint);
    const known = externalFor(host, callerCluster);
    if (known) return known.id;
    const cluster = callerCluster ?? mesh.clusters[0]?.name ?? 'cluster1';
    const id = `external:${host}`;
    if (!nodes.has(id)) {
      nodes.set(id, { id, kind: 'external', label: host, parent: clusterGroup(cluster), cluster, hosts: [host], mtls: [], policies: [], findingCounts: emptyCounts(), findings: [] });
    }
    return id;
  };

  const edges = new EdgeSet();
  const addResult = (r: CallResult, origin: EdgeOrigin, extra: Partial<EdgeCall> = {}) => {
    const caller = nodes.get(r.from);
    const source = nodeFor(r.from, caller?.cluster);
    const target = nodeFor(r.to, caller?.cluster);
    edges.add(source, target, r.port, {
      name: r.name || undefined,
      origin,
      verdict: r.verdict,
      allowed: r.allowed,
      mtls: r.mtls,
      explanation: r.explanation,
      expectation: r.expectation,
      observed: r.observed,
      agrees: r.agrees,
      ...extra,
    });
  };
  const callKey = (r: Pick<CallResult, 'name' | 'from' | 'to' | 'port'>) => `${r.name}|${r.from}|${r.to}|${r.port}`;

  // Replay results carry the prediction too, so they replace the same call simulated from the traffic file.
  const replayed = new Set<string>();
  for (const r of options.results?.calls ?? []) {
    addResult(r, 'replay');
    replayed.add(callKey(r));
  }
  if (options.traffic) {
    for (const r of simulateTraffic(mesh, options.traffic).calls) if (!replayed.has(callKey(r))) addResult(r, 'traffic');
  }

  const simulateReference = (call: TrafficCall, resource: Resource, path: HostMention['path'], detail: string) => {
    try {
      const r = simulateCall(mesh, call);
      addResult(r, 'manifest', { reference: { file: rel(resource.file.path), line: lineOf(resource, path), detail } });
    } catch (err) {
      problems.push(`${rel(resource.file.path)}:${lineOf(resource, path)}: ${detail}: ${(err as Error).message}`);
    }
  };

  for (const w of mesh.workloads) {
    for (const mention of hostMentions(w.resource)) {
      // A bare word ("cart") is only an address where the context says so (URL, host:port, *_HOST env).
      if (!mention.host.includes('.') && !mention.addressLike) continue;
      const service = serviceNamed(mesh.services, mention.host, w);
      if (service) {
        const port = mention.port ?? service.ports[0]?.port;
        if (port === undefined) continue;
        const sp = service.ports.find((p) => p.port === port);
        // Istio's protocol selection: appProtocol, else the port name's prefix; https is TLS the app does itself.
        const declared = sp?.appProtocol ?? sp?.name?.split('-')[0] ?? '';
        const http = mention.scheme ? /^(http|grpc|ws)$/.test(mention.scheme) : HTTP_PROTOCOLS.test(declared);
        simulateReference({ from: w.id, to: `${service.host}:${port}`, protocol: http ? 'http' : 'tcp' }, w.resource, mention.path, mention.detail);
        continue;
      }
      const external = mention.addressLike ? externalFor(mention.host, w.cluster) : undefined;
      if (external) {
        const port = mention.port ?? SCHEME_PORTS[mention.scheme ?? ''] ?? 443;
        simulateReference({ from: w.id, to: `${mention.host}:${port}`, protocol: mention.scheme === 'http' ? 'http' : 'tcp' }, w.resource, mention.path, mention.detail);
      }
    }
  }

  // Gateways bound by a VirtualService route to its destinations: edges from the gateway workloads.
  const gatewayObjects = index.ofKind('Gateway').filter((r) => r.apiVersion.includes('istio.io'));
  for (const vs of index.ofKind('VirtualService')) {
    for (const route of gatewayRoutes(vs)) {
      for (const ref of route.gateways) {
        const [gwNs, gwName] = ref.includes('/') ? ref.split('/', 2) : [namespaceOf(vs), ref];
        const gateway = gatewayObjects.find((g) => g.name === gwName && namespaceOf(g) === gwNs);
        const selector = stringMap(gateway ? getPath(gateway.obj, ['spec', 'selector']) : undefined);
        if (!gateway || Object.keys(selector).length === 0) continue;
        const gatewayWorkloads = mesh.workloads.filter((w) => (vs.clusters.length === 0 || vs.clusters.includes(w.cluster)) && mapSelectorMatches(selector, w.labels));
        for (const gw of gatewayWorkloads) {
          const service = serviceNamed(mesh.services, route.host, { namespace: namespaceOf(vs), cluster: gw.cluster });
          const port = route.port ?? service?.ports[0]?.port;
          if (!service || port === undefined) continue;
          simulateReference({ from: gw.id, to: `${service.host}:${port}`, protocol: 'http' }, vs, route.path, `${route.detail} via Gateway ${resourceLabel(gateway)}`);
        }
      }
    }
  }

  if (options.allowedEdges) {
    for (const r of simulateMatrix(mesh).calls) if (r.allowed) addResult(r, 'allowed');
  }

  // Findings count per workload object (every cluster the object is declared in).
  const findings = options.findings ?? lint(index).findings;
  for (const f of findings) {
    if (!f.resource) continue;
    for (const node of workloadsByResource.get(f.resource) ?? []) {
      node.findingCounts[f.severity as Severity]++;
      node.findings.push({ ruleId: f.ruleId, pillar: f.pillar, severity: f.severity, message: f.message, file: rel(f.file), line: f.range.start.line + 1 });
    }
  }

  const modeCache = new Map<string, boolean>();
  const acceptsPlaintext = (target: string, port: number) => {
    const key = `${target}:${port}`;
    let v = modeCache.get(key);
    if (v === undefined) {
      const w = mesh.workloads.find((x) => x.id === target);
      v = w ? composedMtlsMode(mesh, w, port).mode !== 'STRICT' : false;
      modeCache.set(key, v);
    }
    return v;
  };
  const edgeList = edges.edges(acceptsPlaintext);
  const nodeList = [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id));
  const byState = { mtls: 0, permissive: 0, plaintext: 0, denied: 0 };
  for (const e of edgeList) byState[e.state]++;

  return {
    version: GRAPH_FORMAT_VERSION,
    root,
    groups: [...groups.values()].sort((a, b) => a.id.localeCompare(b.id)),
    nodes: nodeList,
    edges: edgeList,
    summary: {
      workloads: nodeList.filter((n) => n.kind === 'workload').length,
      gateways: nodeList.filter((n) => n.kind === 'gateway').length,
      externals: nodeList.filter((n) => n.kind === 'external').length,
      edges: edgeList.length,
      byState,
      verified: edgeList.filter((e) => e.verified).length,
      disagreements: edgeList.filter((e) => e.disagrees).length,
    },
    problems,
  };
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
