// The workspace's manifests for one kind cluster, in apply order, with workloads turned into echo servers plus a traffic client.
import { resourceLabel, type Resource } from '../../src/model/types';
import type { WorkspaceIndex } from '../../src/model/workspace';
import type { Mesh } from '../../src/policy/types';
import { getPath, isWorkload } from '../../src/model/workloads';
import type { KindCluster } from './clusters';
import { EASTWEST_GATEWAY } from './istioInstall';
import type { KubeObject } from './kubeObject';
import { CLIENT_IMAGE, ECHO_IMAGE } from './versions';

export interface SkippedResource {
  resource: string;
  reason: string;
}

export interface ClusterManifests {
  objects: KubeObject[];
  skipped: SkippedResource[];
}

/** Name of the container, added to every workload, that the replay execs curl in. */
export const CLIENT_CONTAINER = 'ztn-client';

/** Apply order: what others refer to first, policies before the workloads they guard, so no pod starts unguarded. */
const APPLY_RANK: Record<string, number> = {
  Namespace: 0,
  CustomResourceDefinition: 1,
  ServiceAccount: 2,
  Role: 2,
  ClusterRole: 2,
  RoleBinding: 2,
  ClusterRoleBinding: 2,
  ConfigMap: 2,
  Secret: 2,
  Service: 3,
  PeerAuthentication: 4,
  RequestAuthentication: 4,
  AuthorizationPolicy: 4,
  DestinationRule: 4,
  VirtualService: 4,
  ServiceEntry: 4,
  Sidecar: 4,
  Gateway: 4,
  Telemetry: 4,
  EnvoyFilter: 4,
  NetworkPolicy: 4,
};
const WORKLOAD_RANK = 5;
const OTHER_RANK = 6;

function rank(r: Resource): number {
  if (isWorkload(r)) return WORKLOAD_RANK;
  return APPLY_RANK[r.kind] ?? OTHER_RANK;
}

/** Namespaces Kubernetes or the engine creates itself. */
const BUILTIN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

function skipReason(r: Resource, cluster: KindCluster): string | undefined {
  if (r.kind === 'IstioOperator') return 'Istio is installed by the engine (this meshConfig is merged into its IstioOperator)';
  if (r.kind === 'Job' || r.kind === 'CronJob') return 'jobs are not traffic endpoints';
  if (!r.name) return 'no metadata.name';
  const root = cluster.config.rootNamespace;
  if (r.namespace === root && r.name === EASTWEST_GATEWAY && ['Deployment', 'Service', 'ServiceAccount'].includes(r.kind))
    return 'the engine installs the east-west gateway';
  if (r.namespace === root && r.kind === 'Gateway' && r.name === 'cross-network-gateway') return 'the engine installs the expose-services Gateway';
  return undefined;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

interface EchoPort {
  port: number;
  name?: string;
}

function declaredPorts(spec: Record<string, unknown>): EchoPort[] {
  const ports: EchoPort[] = [];
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  for (const c of containers) {
    const list = getPath(c, ['ports']);
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const port = Number(getPath(p, ['containerPort']));
      const protocol = getPath(p, ['protocol']) ?? 'TCP';
      const name = getPath(p, ['name']);
      if (Number.isInteger(port) && protocol === 'TCP' && !ports.some((e) => e.port === port))
        ports.push({ port, name: typeof name === 'string' ? name : undefined });
    }
  }
  return ports;
}

/** Per workload the engine runs with its echo servers, the declared TCP ports; Istio gateways run as written and serve no echo. */
export function echoWorkloadPorts(mesh: Mesh): Map<string, number[]> {
  const served = new Map<string, number[]>();
  for (const w of mesh.workloads) {
    const specPath = TEMPLATE_SPEC[w.resource.kind];
    const spec = specPath && getPath(w.resource.obj, specPath);
    if (!spec || typeof spec !== 'object') continue;
    if (isIstioGateway(spec as Record<string, unknown>, getPath(w.resource.obj, [...specPath.slice(0, -1), 'metadata', 'annotations']))) continue;
    if (/^(eastwest|ingress|egress)gateway$/.test(w.labels.istio ?? '')) continue;
    served.set(
      w.id,
      declaredPorts(spec as Record<string, unknown>).map((p) => p.port),
    );
  }
  return served;
}

/** Gateways (Istio's gateway injection) run the proxy itself: they are deployed as written. */
function isIstioGateway(spec: Record<string, unknown>, annotations: unknown): boolean {
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  return containers.some((c) => getPath(c, ['image']) === 'auto') || getPath(annotations, ['inject.istio.io/templates']) === 'gateway';
}

/** Meets the 'restricted' Pod Security Standard, so namespaces that enforce it still admit the sandbox's containers. */
export function restrictedSecurityContext(): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: 65532, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
}

/**
 * The pod spec the sandbox runs for a workload: one echo server per declared TCP port, so the sandbox needs none of the
 * application's images and every destination reports the headers (X-Forwarded-Client-Cert) it received, plus the curl
 * container the replay runs calls from. Identity, labels, annotations and ports stay as written, so policies see the
 * same workload; volumes and init containers go, since they belong to the replaced containers.
 */
export function sandboxPodSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out = clone(spec);
  const ports = declaredPorts(spec);
  delete out.initContainers;
  delete out.volumes;
  delete out.affinity;
  delete out.nodeSelector;
  delete out.topologySpreadConstraints;
  out.containers = [
    ...ports.map((p) => ({
      name: `echo-${p.port}`,
      image: ECHO_IMAGE,
      env: [{ name: 'PORT', value: String(p.port) }],
      ports: [{ containerPort: p.port, ...(p.name ? { name: p.name } : {}) }],
      securityContext: restrictedSecurityContext(),
    })),
    { name: CLIENT_CONTAINER, image: CLIENT_IMAGE, command: ['sleep', '2147483647'], securityContext: restrictedSecurityContext() },
  ];
  // Ports below 1024 need root or this (namespaced, "safe") sysctl; the echo servers run as non-root.
  if (ports.some((p) => p.port < 1024)) {
    const sc = (out.securityContext ?? {}) as Record<string, unknown>;
    const sysctls = Array.isArray(sc.sysctls) ? sc.sysctls : [];
    out.securityContext = { ...sc, sysctls: [...sysctls, { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] };
  }
  return out;
}

const TEMPLATE_SPEC: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
};

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string, unknown>;
  cur[path[path.length - 1]] = value;
}

/** The object to apply for a workspace resource. */
export function sandboxObject(r: Resource): KubeObject {
  const obj = clone(r.obj) as KubeObject;
  delete obj.status;
  const specPath = TEMPLATE_SPEC[r.kind];
  if (specPath && isWorkload(r)) {
    const spec = getPath(obj, specPath);
    const annotations = getPath(obj, [...specPath.slice(0, -1), 'metadata', 'annotations']);
    if (spec && typeof spec === 'object' && !isIstioGateway(spec as Record<string, unknown>, annotations)) {
      setPath(obj, specPath, sandboxPodSpec(spec as Record<string, unknown>));
      // One replica each: a kind node is small, and one pod shows a policy's effect as well as ten.
      if (typeof getPath(obj, ['spec', 'replicas']) === 'number') setPath(obj, ['spec', 'replicas'], 1);
    }
  }
  return obj;
}

/** Workspace resources of `cluster` as objects to apply, in apply order; missing namespaces are created first. */
export function clusterManifests(index: WorkspaceIndex, cluster: KindCluster): ClusterManifests {
  const skipped: SkippedResource[] = [];
  const chosen: Resource[] = [];
  for (const r of index.resources) {
    if (!r.clusters.includes(cluster.name)) continue;
    const reason = skipReason(r, cluster);
    if (reason) skipped.push({ resource: resourceLabel(r), reason });
    else chosen.push(r);
  }
  // Stable sort: within a rank, file order (the index is sorted by path) decides.
  const ordered = chosen
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((e) => e.r);
  const declared = new Set(ordered.filter((r) => r.kind === 'Namespace').map((r) => r.name));
  const needed = [...new Set(ordered.map((r) => r.namespace).filter((n): n is string => !!n))].filter(
    (n) => !declared.has(n) && !BUILTIN_NAMESPACES.has(n) && n !== cluster.config.rootNamespace,
  );
  const namespaces: KubeObject[] = needed.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  return { objects: [...namespaces, ...ordered.map(sandboxObject)], skipped };
}
