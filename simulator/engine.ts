// The sandbox engine interface shared by the local engine (simulator/sandbox) and the kind engine (src/sandbox/kind).
import type { WorkspaceIndex } from '../src/model/workspace';
import type { SimulationResult, TrafficReplay } from '../src/policy/types';
import type { ReplayFault } from './local/replay';

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

export interface SandboxStatus {
  engine: EngineName;
  running: boolean;
  startedAt?: string;
  workloads: WorkloadStatus[];
  /** Free text per engine (gateways, clusters). */
  details?: Record<string, unknown>;
  /** Dry runs (ctx.dryRun): the plan, as text to print; nothing was run. */
  plan?: string;
}

export interface ReplayOptions {
  concurrency?: number;
  /** Per call; a call that has not finished by then is reported as a timeout. */
  timeoutMs?: number;
  /** Faults to inject during the replay (local engine; other engines reject what they cannot do). */
  faults?: ReplayFault[];
}

export interface SandboxEngine {
  readonly name: EngineName;
  up(ctx: SandboxContext): Promise<SandboxStatus>;
  status(ctx: SandboxContext): Promise<SandboxStatus>;
  /** Replays calls; each result carries the prediction and `observed` + `agrees`. */
  replay(ctx: SandboxContext, traffic: TrafficReplay, options?: ReplayOptions): Promise<SimulationResult>;
  down(ctx: SandboxContext): Promise<void>;
}
