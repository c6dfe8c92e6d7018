// What every sandbox listener shares: the mesh, the plan, identities by workload, and the access log.
import type { Mesh } from '../../src/policy/types';
import type { AccessLog } from './accessLog';
import type { IdleConnections } from './idleConnections';
import type { WorkloadIdentity } from './identity';
import type { PlannedGateway, PlannedWorkload, SandboxPlan } from './plan';

export interface RuntimeContext {
  mesh: Mesh;
  plan: SandboxPlan;
  log: AccessLog;
  rootPem: string;
  /** Planned workload by loopback address: how a hop turns a real source address into a workload. */
  byAddress: Map<string, PlannedWorkload>;
  byId: Map<string, PlannedWorkload>;
  identities: Map<string, WorkloadIdentity>;
  gateways: Map<string, PlannedGateway>;
  /** Per-call limit for every connection a proxy opens onward. */
  upstreamTimeoutMs: number;
  /** mTLS handshakes the sidecars completed as clients: pooled connections make far fewer than calls. */
  stats: { mtlsHandshakes: number };
  /** Idle pooled connections of every sidecar, within the sandbox's budget (idleConnections.ts). */
  idle: IdleConnections;
}
