// The graph's nodes and the boxes around them: workloads and gateways from the mesh, ServiceEntries and unknown hosts as externals.
import { composedMtlsMode } from '../policy';
import type { Mesh, MtlsMode, Workload } from '../policy/types';
import { mapSelectorMatches } from '../model/selectors';
import type { Resource, Severity } from '../model/types';
import { getPath } from '../model/workloads';
import { namespaceOf } from '../model/workspace';
import type { Finding } from '../rules/types';
import { POLICY_KINDS, policiesSelecting } from './policies';
import { lineOf } from './references';
import type { GatewayRole, GraphGroup, GraphNode, PortMtls, SeverityCounts } from './types';

const GATEWAY_ROLES: Record<string, GatewayRole> = { ingressgateway: 'ingress', egressgateway: 'egress', eastwestgateway: 'east-west' };

/** A file path as the graph shows it: relative to the workspace root, with forward slashes. */
export type RelativePath = (file: string) => string;

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0 };
}

function gatewayRole(labels: Record<string, string>): GatewayRole | undefined {
  return GATEWAY_ROLES[labels.istio ?? ''];
}

/** One mode for the whole workload, or MIXED when its ports differ. */
export function summarizeMode(ports: PortMtls[]): MtlsMode | 'MIXED' | undefined {
  const modes = new Set(ports.map((p) => p.mode));
  if (modes.size === 0) return undefined;
  return modes.size === 1 ? ports[0].mode : 'MIXED';
}

/** The nodes and groups of one graph, and how a call's endpoint finds its node. */
export class GraphNodes {
  readonly groups = new Map<string, GraphGroup>();
  readonly nodes = new Map<string, GraphNode>();
  /** Workload nodes by the object they come from (one per cluster it is declared in): where its findings go. */
  readonly byResource = new Map<Resource, GraphNode[]>();
  private readonly externals: { node: GraphNode; hosts: string[]; addresses: string[] }[] = [];

  constructor(
    private readonly mesh: Mesh,
    private readonly rel: RelativePath,
  ) {
    for (const c of mesh.clusters) this.clusterGroup(c.name);
  }

  clusterGroup(cluster: string): string {
    const id = `cluster:${cluster}`;
    if (!this.groups.has(id)) this.groups.set(id, { id, kind: 'cluster', label: cluster, cluster });
    return id;
  }

  namespaceGroup(cluster: string, namespace: string): string {
    const id = `namespace:${cluster}/${namespace}`;
    if (!this.groups.has(id)) this.groups.set(id, { id, kind: 'namespace', label: namespace, parent: this.clusterGroup(cluster), cluster });
    return id;
  }

  /** A node per mesh workload (a gateway when Istio's installer labelled it one), with its mTLS modes and policies. */
  addWorkloads(resources: readonly Resource[]): void {
    const policyCandidates = resources.filter((r) => POLICY_KINDS.includes(r.kind));
    for (const w of this.mesh.workloads) {
      const node = this.workloadNode(w, policyCandidates);
      this.nodes.set(node.id, node);
      const list = this.byResource.get(w.resource) ?? [];
      list.push(node);
      this.byResource.set(w.resource, list);
    }
  }

  /** ServiceEntries stand for hosts outside the mesh; each is one node per cluster it is declared in. */
  addServiceEntries(serviceEntries: readonly Resource[]): void {
    for (const se of serviceEntries) {
      const hosts = (getPath(se.obj, ['spec', 'hosts']) as unknown[] | undefined)?.filter((h): h is string => typeof h === 'string') ?? [];
      const addresses = (getPath(se.obj, ['spec', 'addresses']) as unknown[] | undefined)?.filter((a): a is string => typeof a === 'string') ?? [];
      const clusters = se.clusters.length > 0 ? se.clusters : [this.mesh.clusters[0]?.name ?? 'cluster1'];
      for (const cluster of clusters) {
        const id = `external:${cluster}/${namespaceOf(se)}/${se.name}`;
        const node: GraphNode = {
          id,
          kind: 'external',
          label: hosts[0] ?? se.name,
          parent: this.namespaceGroup(cluster, namespaceOf(se)),
          cluster,
          namespace: namespaceOf(se),
          objectKind: 'ServiceEntry',
          hosts,
          addresses,
          mtls: [],
          policies: [],
          findingCounts: emptyCounts(),
          findings: [],
          source: { file: this.rel(se.file.path), line: lineOf(se, ['metadata', 'name']) },
        };
        this.nodes.set(id, node);
        this.externals.push({ node, hosts: hosts.map((h) => h.toLowerCase()), addresses });
      }
    }
  }

  /** The ServiceEntry node for a host (wildcards and addresses too), preferring the caller's cluster. */
  externalFor(host: string, cluster: string | undefined): GraphNode | undefined {
    const matches = (pattern: string) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : pattern === host);
    const candidates = this.externals.filter((e) => e.hosts.some(matches) || e.addresses.includes(host));
    return candidates.find((e) => e.node.cluster === cluster)?.node ?? candidates[0]?.node;
  }

  /** The node a call endpoint names: a workload id, a ServiceEntry host, or an unknown host outside the mesh (added). */
  nodeFor(endpoint: string, callerCluster: string | undefined): string {
    if (this.nodes.has(endpoint)) return endpoint;
    const host = endpoint.replace(/:\d+$/, '').toLowerCase();
    const known = this.externalFor(host, callerCluster);
    if (known) return known.id;
    const cluster = callerCluster ?? this.mesh.clusters[0]?.name ?? 'cluster1';
    const id = `external:${host}`;
    if (!this.nodes.has(id)) {
      this.nodes.set(id, {
        id,
        kind: 'external',
        label: host,
        parent: this.clusterGroup(cluster),
        cluster,
        hosts: [host],
        mtls: [],
        policies: [],
        findingCounts: emptyCounts(),
        findings: [],
      });
    }
    return id;
  }

  /** Counts and lists each finding on the nodes of its workload object (every cluster the object is declared in). */
  addFindings(findings: readonly Finding[]): void {
    for (const f of findings) {
      if (!f.resource) continue;
      for (const node of this.byResource.get(f.resource) ?? []) {
        node.findingCounts[f.severity as Severity]++;
        node.findings.push({
          ruleId: f.ruleId,
          pillar: f.pillar,
          severity: f.severity,
          message: f.message,
          file: this.rel(f.file),
          line: f.range.start.line + 1,
        });
      }
    }
  }

  private workloadNode(w: Workload, policyCandidates: readonly Resource[]): GraphNode {
    const mesh = this.mesh;
    const ports = w.ports.length > 0 ? w.ports.map((p) => p.port) : [undefined];
    const mtls: PortMtls[] = ports.map((port) => {
      const composed = composedMtlsMode(mesh, w, port ?? 0);
      return { port, mode: composed.mode, sources: composed.steps };
    });
    const hosts = this.servicesSelecting(w).flatMap((s) => [s.host, `${s.name}.${s.namespace}.svc`, `${s.name}.${s.namespace}`]);
    const role = gatewayRole(w.labels);
    const rootNamespace = mesh.clusters.find((c) => c.name === w.cluster)?.rootNamespace ?? 'istio-system';
    return {
      id: w.id,
      kind: role ? 'gateway' : 'workload',
      label: w.name,
      parent: this.namespaceGroup(w.cluster, w.namespace),
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
      policies: policiesSelecting(policyCandidates, { cluster: w.cluster, namespace: w.namespace, labels: w.labels, hosts }, rootNamespace, this.rel),
      findingCounts: emptyCounts(),
      findings: [],
      source: { file: this.rel(w.resource.file.path), line: lineOf(w.resource, ['metadata', 'name']) },
    };
  }

  private servicesSelecting(w: Workload) {
    return this.mesh.services.filter(
      (s) => s.cluster === w.cluster && s.namespace === w.namespace && Object.keys(s.selector).length > 0 && mapSelectorMatches(s.selector, w.labels),
    );
  }
}
