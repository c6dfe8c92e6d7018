// The trust graph as the engine hands it to every view (CLI formats, webview, standalone page).
import type { Caveat, ExplanationStep, MtlsMode, ObservedCall, Verdict } from '../policy/types';
import type { Severity } from '../model/types';

export const GRAPH_FORMAT_VERSION = 1;

/** A place in a manifest; file is relative to the graph's root, line is 1-based. */
export interface SourceLink {
  file: string;
  line: number;
}

export type NodeKind = 'workload' | 'gateway' | 'external';

/** Role of a gateway node, from the istio label Istio's installer puts on gateway pods. */
export type GatewayRole = 'ingress' | 'egress' | 'east-west';

/** A policy that applies to a workload (PeerAuthentication, AuthorizationPolicy, NetworkPolicy, Sidecar, ...). */
export interface PolicyRef extends Partial<SourceLink> {
  /** "Kind ns/name" */
  policy: string;
  kind: string;
}

/** Composed mTLS mode of a workload's port, with the policies it came from (mesh, namespace, workload, port level). */
export interface PortMtls {
  /** Undefined when the mode holds for the whole workload (no declared ports). */
  port?: number;
  mode: MtlsMode;
  sources: ExplanationStep[];
}

export interface NodeFinding extends SourceLink {
  ruleId: string;
  pillar: number;
  severity: Severity;
  message: string;
}

export type SeverityCounts = Record<Severity, number>;

export interface GraphNode {
  /** Workloads and gateways: cluster/namespace/name; externals: "external:" + host or ServiceEntry id. */
  id: string;
  kind: NodeKind;
  label: string;
  /** Compound parent: a namespace group id, or a cluster group id for hosts outside any namespace. */
  parent: string;
  cluster: string;
  namespace?: string;
  /** Workload kind (Deployment, StatefulSet, ...) or ServiceEntry for externals. */
  objectKind?: string;
  gatewayRole?: GatewayRole;
  /** spiffe://<trustDomain>/ns/<ns>/sa/<sa> */
  identity?: string;
  serviceAccount?: string;
  /** True when the pods run as the namespace's `default` ServiceAccount (shared identity). */
  defaultServiceAccount?: boolean;
  sidecar?: boolean;
  /** Mode across all ports: a single mode, or 'MIXED' when ports differ. */
  mtlsMode?: MtlsMode | 'MIXED';
  mtls: PortMtls[];
  policies: PolicyRef[];
  /** External nodes: hosts and address ranges they stand for. */
  hosts?: string[];
  addresses?: string[];
  findingCounts: SeverityCounts;
  findings: NodeFinding[];
  /** Where the object is declared. */
  source?: SourceLink;
}

/** How an edge became known; an edge can have several. */
export type EdgeOrigin = 'traffic' | 'replay' | 'manifest' | 'allowed';

/**
 * What the channel looks like: mutual TLS with a STRICT server, mutual TLS to a server that also takes plaintext
 * (PERMISSIVE or calls that disagree), plaintext, or refused by a policy.
 */
export type ChannelState = 'mtls' | 'permissive' | 'plaintext' | 'denied';

/** One call on an edge: a traffic-file call, a replay result, a manifest reference or a matrix entry. */
export interface EdgeCall {
  name?: string;
  origin: EdgeOrigin;
  verdict: Verdict;
  allowed: boolean;
  mtls: boolean;
  explanation: ExplanationStep[];
  expectation?: { ok: boolean; failures?: string[] };
  /** What a sandbox saw on the wire, and whether it matched the prediction. */
  observed?: ObservedCall;
  agrees?: boolean;
  /** Assumptions and not-modelled fields behind the prediction (CallResult.caveats). */
  caveats?: Caveat[];
  /** Manifest references: where the reference was found (env value, arg, VirtualService destination). */
  reference?: SourceLink & { detail: string };
}

export interface GraphEdge {
  /** source -> target:port */
  id: string;
  source: string;
  target: string;
  port: number;
  origins: EdgeOrigin[];
  state: ChannelState;
  /** Verdict of the edge: 'allowed' when any call is allowed, else the first denial. */
  verdict: Verdict;
  /** True when a sandbox observed at least one call and every observation agreed with the prediction. */
  verified: boolean;
  /** True when a sandbox observation contradicted the prediction. */
  disagrees: boolean;
  calls: EdgeCall[];
}

export type GroupKind = 'cluster' | 'namespace';

export interface GraphGroup {
  /** "cluster:<name>" or "namespace:<cluster>/<ns>" */
  id: string;
  kind: GroupKind;
  label: string;
  parent?: string;
  cluster: string;
}

export interface GraphSummary {
  workloads: number;
  externals: number;
  gateways: number;
  edges: number;
  byState: Record<ChannelState, number>;
  verified: number;
  disagreements: number;
}

export interface TrustGraph {
  version: typeof GRAPH_FORMAT_VERSION;
  /** Absolute workspace root that SourceLink files are relative to. */
  root: string;
  groups: GraphGroup[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  summary: GraphSummary;
  /** Inputs that could not be used (bad traffic or results file entries), with file and position. */
  problems: string[];
}
