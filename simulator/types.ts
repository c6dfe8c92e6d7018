// Contract of the policy engine: the mesh model and the verdict shapes (DESIGN.md "ztn simulate --format json").
// The graph, the local sandbox and the kind engine code against these types; simulator/index.ts implements them.
import type { Resource } from '../src/model/types';

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
}

export interface TrafficCall {
  name?: string;
  from: string;
  to: string;
  protocol?: 'http' | 'tcp';
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
}

/** What the wire showed (sandbox engines). */
export interface ObservedCall {
  outcome: 'ok' | 'refused' | 'reset' | 'tls-failed' | 'timeout' | 'http-error';
  tlsVersion?: string;
  cipher?: string;
  clientIdentity?: string;
  serverIdentity?: string;
  status?: number;
  xfcc?: string;
  error?: string;
  latencyMs?: number;
}

export interface SimulationResult {
  calls: CallResult[];
  summary: { total: number; allowed: number; denied: number; mtls: number; expectationsFailed: number };
}
