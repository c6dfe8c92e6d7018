// Faults a replay can inject on purpose, to show how the mesh fails (engines reject what they cannot do).
export type ReplayFault =
  /** The listeners of a workload port stop after `afterCalls` calls have finished (0: before the first). */
  | { kind: 'kill-listener'; workload: string; port: number; afterCalls?: number }
  /** The workload's certificate is replaced by an expired one, and rotation stops. */
  | { kind: 'expire-certificate'; workload: string; afterCalls?: number }
  /** Calling apps may bind only this many source ports, as with a tiny ip_local_port_range. */
  | { kind: 'port-exhaustion'; sourcePorts: number };
