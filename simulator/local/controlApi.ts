// What the supervisor's control API carries: the running sandbox's status, and a replay's request and result.
import type { SandboxObservation, TrafficCall } from '../../src/policy/types';
import type { ReplayFault } from '../shared/faults';
import type { SupervisorResources } from './resources';

export interface PortStatus {
  port: number;
  protocol: string;
  /** Composed PeerAuthentication mode on the sidecar; absent without a sidecar. */
  mtlsMode?: string;
  /** Port the app listens on behind the sidecar. */
  appPort: number;
  running: boolean;
}

export interface RuntimeWorkloadStatus {
  id: string;
  address: string;
  network: string;
  identity: string;
  sidecar: boolean;
  ports: PortStatus[];
  certSerial?: string;
  certExpiresAt?: string;
  rotations?: number;
}

export interface RuntimeStatus {
  workloads: RuntimeWorkloadStatus[];
  /** `workload` is the manifest's east-west gateway Deployment the process stands for. */
  gateways: { network: string; address: string; port: number; workload?: string }[];
  notices: string[];
  /** Absent from supervisors started before this field existed. */
  resources?: SupervisorResources;
}

export interface ReplayRequest {
  calls: TrafficCall[];
  concurrency?: number;
  /** Per call; a call that has not finished by then is reported as a timeout. */
  timeoutMs?: number;
  faults?: ReplayFault[];
}

export interface ObservedReplay {
  observations: SandboxObservation[];
  durationMs: number;
  /** Limits the supervisor came near during the replay (descriptors), one sentence each; absent when none. */
  warnings?: string[];
  /** Indexes of the calls that finished while a warning held. */
  nearLimitCalls?: number[];
}
