// What the stages of one sidecar inbound port share: its settings, worked out once, and what a connection showed.
import type { Socket } from 'node:net';
import type { ExplanationStep, MtlsMode } from '../../src/policy/types';
import type { AccessEntry, HopDecision } from './accessLog';
import type { DecisionCache } from './decisionCache';
import type { PeerIdentity } from './peer';
import type { PlannedPort, PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';

/** One inbound port; made once per port and passed to each stage, so that no stage closes over a connection. */
export interface InboundPort {
  ctx: RuntimeContext;
  planned: PlannedWorkload;
  port: number;
  protocol: PlannedPort['protocol'];
  /** Where the app listens behind the sidecar, on the pod's address. */
  appPort: number;
  /** The composed PeerAuthentication mode: policies do not change while the sandbox runs. */
  mode: MtlsMode;
  /** The policies that made `mode`: the reason given for every refusal on the wire. */
  modeSteps: ExplanationStep[];
  decisions: DecisionCache;
}

/** An established inbound connection: what it showed at accept and in its handshake. */
export interface InboundConnection {
  /** The entry of the connection's first request, which also holds what was decided at accept. */
  entry: AccessEntry;
  sourceIp: string;
  peer?: PeerIdentity;
  sni?: string;
  /** Requests received so far: pooled connections from other sidecars carry many. */
  requests: number;
}

/** Ends a connection the port's mode has no filter chain for, logging why on `entry`. */
export function refuseConnection(entry: AccessEntry, socket: Socket, decision: HopDecision, detail: string, steps: ExplanationStep[]): void {
  entry.decision = decision;
  entry.detail = detail;
  entry.steps = steps;
  entry.done = true;
  socket.destroy();
}
