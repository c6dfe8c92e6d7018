// Contract of the policy engine: the mesh model and the verdict shapes (`ztn simulate --format json`, docs/simulation.md).
// The graph, the local sandbox and the kind engine code against these types; index.ts exports what implements them.
import type { Resource } from '../model/types';

export type Verdict = 'allowed' | 'denied-by-network-policy' | 'rejected-by-peer-authentication' | 'denied-by-authorization' | 'no-route';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** One step of the explanation chain; `policy` is "Kind ns/name", file is relative to the workspace root, line 1-based. */
export interface ExplanationStep {
  step: 'resolve' | 'network-policy' | 'client-tls' | 'peer-authentication' | 'authorization' | 'route';
  policy?: string;
  file?: string;
  line?: number;
  detail: string;
}

export interface Cluster {
  name: string;
  network: string;
  trustDomain: string;
  trustDomainAliases: string[];
  meshID: string;
  rootNamespace: string;
}

export interface WorkloadPort {
  name?: string;
  port: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

export interface Workload {
  /** cluster/namespace/name, name being the top-level owner's name (Deployment name, not pod name). */
  id: string;
  cluster: string;
  namespace: string;
  name: string;
  kind: string;
  labels: Record<string, string>;
  serviceAccount: string;
  /** spiffe://<trustDomain>/ns/<ns>/sa/<sa> */
  spiffeId: string;
  sidecar: boolean;
  ports: WorkloadPort[];
  /** Pod IPs when the manifests state them (a bare Pod's status.podIPs); otherwise unknown. */
  ips?: string[];
  resource: Resource;
}

export interface ServicePort {
  name?: string;
  port: number;
  /** Resolved numeric target port (named targetPorts resolved per workload where they differ). */
  targetPort: number | string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Istio protocol selection: appProtocol or port name prefix (http, grpc, tcp, tls, ...). */
  appProtocol?: string;
}

export interface Service {
  id: string; // cluster/namespace/name
  cluster: string;
  namespace: string;
  name: string;
  /** FQDN, e.g. cart.shop.svc.cluster.local */
  host: string;
  selector: Record<string, string>;
  ports: ServicePort[];
  resource: Resource;
  /** clusterIP: None. Istio routes to it through an ORIGINAL_DST (passthrough) cluster. */
  headless?: boolean;
}

export interface TrafficCall {
  name?: string;
  from: string;
  to: string;
  /** http (default) and tcp go through the mesh over TCP; udp and sctp bypass the sidecar (Istio captures TCP only). */
  protocol?: 'http' | 'tcp' | 'udp' | 'sctp';
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  client?: { sidecar?: boolean };
  expect?: { mtls?: boolean; allowed?: boolean; verdict?: Verdict };
}

export interface TrafficReplay {
  name: string;
  calls: TrafficCall[];
  /** Source file and 1-based line of each call, for messages. */
  lines?: number[];
  file?: string;
}

export interface CallResult {
  name: string;
  from: string;
  to: string;
  port: number;
  mtls: boolean;
  allowed: boolean;
  verdict: Verdict;
  explanation: ExplanationStep[];
  expectation?: { ok: boolean; failures?: string[] };
  /** Sandbox results only. */
  observed?: ObservedCall;
  agrees?: boolean;
  /** Assumptions, and fields the engine does not model, that touched this decision (absent when none). */
  caveats?: Caveat[];
}

/** Something a prediction rests on that the manifests do not settle: said with the call, never silently. */
export interface Caveat {
  /**
   * `assumption`: the engine decided on an assumption (pod IPs, DNS, external authorizers); `not-modelled`: a policy behind the
   * call sets a field the engine does not read; `sandbox-limit`: the sandbox made the call near a limit of its own (descriptors,
   * source ports), so what the wire showed may be the limit's doing rather than the policy's.
   */
  kind: 'assumption' | 'not-modelled' | 'sandbox-limit';
  detail: string;
  policy?: string;
  file?: string;
  line?: number;
}

/** What the wire showed (sandbox engines). */
export interface ObservedCall {
  /** `not-run`: the sandbox cannot make this call (UDP or SCTP); `error` says why. */
  outcome: 'ok' | 'refused' | 'reset' | 'tls-failed' | 'timeout' | 'http-error' | 'not-run';
  tlsVersion?: string;
  cipher?: string;
  clientIdentity?: string;
  serverIdentity?: string;
  status?: number;
  xfcc?: string;
  error?: string;
  latencyMs?: number;
}

/** Faults a sandbox names as such instead of a bare failure. */
export type SandboxFault = 'port-exhaustion' | 'listener-died' | 'certificate-expired' | 'timeout';

/** ObservedCall plus the verdict the wire showed; sandbox results carry this as `observed`. */
export interface SandboxObservation extends ObservedCall {
  verdict: Verdict;
  mtls: boolean;
  allowed: boolean;
  fault?: SandboxFault;
  /** The hops the call crossed, with what each decided: `inbound east/shop/cart:8080 forwarded (mTLS)`. */
  hops: string[];
  /** Steps of the engine functions a hop called when it refused the call (the sidecar's own reasoning). */
  steps?: ExplanationStep[];
}

export interface SimulationResult {
  calls: CallResult[];
  summary: { total: number; allowed: number; denied: number; mtls: number; expectationsFailed: number };
}

// ---- Mesh model (built by buildMesh; read by the graph and the sandboxes) ----

/** Where a policy came from, for explanation steps: "Kind ns/name", file relative to the workspace root, 1-based line. */
export interface PolicySource {
  policy: string;
  file: string;
  line: number;
}

export interface Namespace {
  cluster: string;
  name: string;
  /** Namespace labels, including the automatic kubernetes.io/metadata.name. */
  labels: Record<string, string>;
}

/** A ServiceEntry host as the mesh sees it. */
export interface ServiceEntryHost {
  cluster: string;
  namespace: string;
  host: string;
  ports: ServicePort[];
  /** MESH_EXTERNAL (default) or MESH_INTERNAL. */
  location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  addresses: string[];
  /** Namespaces it is visible to ('*' = all, '.' already resolved to its own namespace). */
  exportTo: string[];
  workloadSelector?: Record<string, string>;
  /** spec.resolution as written (NONE, STATIC, DNS, DNS_ROUND_ROBIN); Istio's default is NONE. */
  resolution: string;
  /** spec.endpoints: addresses (IPs, host names or unix sockets) and their port numbers by port name. */
  endpoints: { address: string; ports: Record<string, number> }[];
  source: PolicySource;
  resource: Resource;
}

/** A mesh policy of any kind: the resource, its clusters and namespace, and where it is written. */
export interface MeshPolicy {
  resource: Resource;
  clusters: string[];
  namespace: string;
  name: string;
  source: PolicySource;
  /** creationTimestamp in ms since epoch (Infinity when absent: newest), for Istio's oldest-wins rule. */
  created: number;
}

export interface Mesh {
  /** Workspace root (ztn.yaml folder): explanation file names are relative to it. */
  root: string;
  clusters: Cluster[];
  namespaces: Namespace[];
  workloads: Workload[];
  services: Service[];
  serviceEntries: ServiceEntryHost[];
  peerAuthentications: MeshPolicy[];
  destinationRules: MeshPolicy[];
  authorizationPolicies: MeshPolicy[];
  networkPolicies: MeshPolicy[];
  /**
   * Network policies of other APIs (Calico, Cilium, AdminNetworkPolicy, extensions/v1beta1): not modelled, named in
   * mesh problems and in the explanation of calls in their namespace.
   */
  otherNetworkPolicies?: MeshPolicy[];
  virtualServices: MeshPolicy[];
  sidecars: MeshPolicy[];
  requestAuthentications: MeshPolicy[];
  /** Clusters whose mesh config turns on Istio DNS proxying (ISTIO_META_DNS_CAPTURE) for every sidecar. */
  dnsCaptureClusters?: string[];
  /** Clusters whose mesh config sets pathNormalization other than the default BASE (NONE, MERGE_SLASHES, DECODE_AND_MERGE_SLASHES). */
  pathNormalization?: Record<string, 'NONE' | 'BASE' | 'MERGE_SLASHES' | 'DECODE_AND_MERGE_SLASHES'>;
  /** Problems met while building the mesh (bad fields), with file and line; never fatal. */
  problems: { file: string; line: number; message: string }[];
}

/** Where a call goes: the service (if any), the candidate endpoints and the chosen one's ports. */
export interface Destination {
  service?: Service;
  serviceEntry?: ServiceEntryHost;
  /** Endpoints in deterministic order; the first is the one the simulation uses. */
  workloads: Workload[];
  /** Port the client dials (service port, or workload port for direct calls). */
  port: number;
  /** Port the endpoint receives on (resolved targetPort of the chosen endpoint). */
  targetPort: number;
  /** FQDN or address the client used. */
  host: string;
  external?: boolean;
  /** Istio protocol of the port as declared (http, http2, grpc, tcp, tls, ...), when declared. */
  appProtocol?: string;
  /** Set when the destination cannot be resolved (no such service, port or endpoint). */
  error?: string;
  /** Resolution notes (chosen cluster, cross-network hops), shown as 'resolve' steps. */
  notes?: string[];
}

export interface RequestAttributes {
  /** Peer identity without spiffe:// (trustDomain/ns/x/sa/y); only present with mTLS. */
  principal?: string;
  namespace?: string;
  sourceIp?: string;
  /** Original client IP (X-Forwarded-For derived); defaults to sourceIp. */
  remoteIp?: string;
  /** Port the request arrives on at the workload (target port). */
  port: number;
  host?: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** True when the sidecar parses the traffic as HTTP (HTTP-only fields apply). */
  http: boolean;
  /** SNI of the connection, when TLS. */
  sni?: string;
  /** Address the connection reached at the workload (pod IP); unknown from manifests, the sandbox knows it. */
  destinationIp?: string;
  /** `iss/sub` of a JWT accepted by RequestAuthentication. */
  requestPrincipal?: string;
  /** Claims of that JWT (request.auth.claims[...]). */
  claims?: Record<string, unknown>;
}
