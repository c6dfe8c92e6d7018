// The sandbox engine interface: the local engine (simulator/local) and the kind engine (simulator/kind) implement it;
// the CLI and the extension see engines only through this and the registry (simulator/registry.ts).
import type { WorkspaceIndex } from '../src/model/workspace';
import type { Mesh, SimulationResult, TrafficReplay } from '../src/policy/types';
import type { ReplayFault } from './shared/faults';
import type { SupervisorResources } from './shared/supervisorResources';

export type EngineName = 'local' | 'kind';

/** Progress events: the CLI prints them, the extension shows them in a progress notification. */
export interface ProgressEvent {
  step: string;
  message: string;
  /** 0..1 when known. */
  fraction?: number;
}

export interface SandboxContext {
  /** Folder holding sandbox state (default <workspace>/.ztn/sandbox/<engine>). */
  stateDir: string;
  index: WorkspaceIndex;
  onProgress?(event: ProgressEvent): void;
  /** Command log (every external command run, every process started). */
  log?(line: string): void;
  signal?: AbortSignal;
  dryRun?: boolean;
}

export interface WorkloadStatus {
  id: string;
  address: string;
  ports: number[];
  identity: string;
  sidecar: boolean;
  certExpiresAt?: string;
}

interface StatusCommon {
  running: boolean;
  startedAt?: string;
  workloads: WorkloadStatus[];
  /** Dry runs (ctx.dryRun): the plan, as text to print; nothing was run. */
  plan?: string;
}

/** A sidecar port of the local engine, as its supervisor reports it. */
export interface LocalPortStatus {
  port: number;
  protocol: string;
  /** Composed PeerAuthentication mode on the sidecar; absent without a sidecar. */
  mtlsMode?: string;
  appPort: number;
  running: boolean;
}

export interface LocalStatusDetails {
  stateDir: string;
  dryRun?: boolean;
  /** Dry runs: the workloads a real run would start. */
  workloads?: string[];
  pid?: number;
  /** State files of a supervisor that no longer answers. */
  stale?: boolean;
  alreadyRunning?: boolean;
  cleanedStale?: string[];
  gateways?: { network: string; address: string; port: number; workload?: string }[];
  /** What the sandbox could not run, one line each. */
  notices?: string[];
  ports?: Record<string, LocalPortStatus[]>;
  /** The supervisor's open descriptors, its open-file limit and its open connections per proxy kind. */
  resources?: SupervisorResources;
}

export interface KindClusterStatus {
  name: string;
  kindCluster: string;
  context: string;
  healthy: boolean;
}

export interface KindStatusDetails {
  stateDir: string;
  dryRun?: boolean;
  clusters?: KindClusterStatus[];
  kubeconfig?: string;
  loadBalancer?: string;
  notApplied?: unknown[];
  commandLog?: string;
}

export interface LocalSandboxStatus extends StatusCommon {
  engine: 'local';
  details: LocalStatusDetails;
}

export interface KindSandboxStatus extends StatusCommon {
  engine: 'kind';
  details: KindStatusDetails;
}

/** What `up` and `status` return; `details` is typed by `engine`. */
export type SandboxStatus = LocalSandboxStatus | KindSandboxStatus;

export interface ReplayOptions {
  concurrency?: number;
  /** Per call; a call that has not finished by then is reported as a timeout. */
  timeoutMs?: number;
  /** Faults to inject during the replay (local engine; other engines reject what they cannot do). */
  faults?: ReplayFault[];
  /** Replay even when the sandbox was started from other manifests (otherwise a StaleSandboxError, simulator/shared/workspaceStamp.ts). */
  allowStale?: boolean;
}

/** A port an engine serves for a workload, and what a replayed call speaks on it. */
export interface ServedPort {
  port: number;
  protocol: 'http' | 'tcp';
}

/** Per workload the engine runs (as a client at least), the ports it serves; workloads it does not run are absent. */
export type ServedPorts = ReadonlyMap<string, readonly ServedPort[]>;

export interface SandboxEngine<Status extends SandboxStatus = SandboxStatus> {
  readonly name: Status['engine'];
  /** What the engine would run for the mesh, without running anything: generated traffic holds only calls it can replay. */
  servedPorts(mesh: Mesh): ServedPorts;
  up(ctx: SandboxContext): Promise<Status>;
  status(ctx: SandboxContext): Promise<Status>;
  /** Replays calls; each result carries the prediction and `observed` + `agrees`. */
  replay(ctx: SandboxContext, traffic: TrafficReplay, options?: ReplayOptions): Promise<SimulationResult>;
  down(ctx: SandboxContext): Promise<void>;
}
