// The sandbox-wide budget of idle pooled connections: past it the connection idle longest closes, so pooling never
// runs the supervisor out of file descriptors.
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';

/** Where the open-file limit cannot be read (not Linux): a budget that fits the common default of 10,240 on macOS. */
const DEFAULT_BUDGET = 2048;
const MIN_BUDGET = 64;

/**
 * Idle connections the sandbox keeps: a quarter of the process's open-file limit. Every pooled mTLS connection
 * holds two descriptors here (its client and its server end both run in the supervisor), so idle connections
 * take at most half of them and listeners, connections in use and state files keep the rest. `limits`: the text
 * of /proc/self/limits (read when not given).
 */
export function idleConnectionBudget(limits?: string): number {
  let text = limits;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return DEFAULT_BUDGET;
    }
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
  if (soft === undefined) return DEFAULT_BUDGET;
  if (soft === 'unlimited') return 1 << 16;
  return Math.max(MIN_BUDGET, Math.floor(Number(soft) / 4));
}

/**
 * Idle pooled connections of every sidecar, oldest first. A replay that calls thousands of caller and destination
 * pairs within the pools' idle time would otherwise keep every one of those connections open and fail calls with
 * EMFILE that have nothing wrong with them (a traffic file from `ztn sandbox traffic --from-graph` has one call per
 * edge). Past the budget the connection idle longest closes, as a least-recently-used pool would; its route makes a
 * new handshake next time.
 */
export class IdleConnections {
  private readonly idle = new Set<Duplex>();
  private readonly watched = new WeakSet<Duplex>();

  constructor(readonly budget: number) {}

  get size(): number {
    return this.idle.size;
  }

  /** `socket` went back to its pool. */
  parked(socket: Duplex): void {
    if (!this.watched.has(socket)) {
      this.watched.add(socket);
      socket.once('close', () => this.idle.delete(socket));
    }
    this.idle.add(socket);
    for (const oldest of this.idle) {
      if (this.idle.size <= this.budget) break;
      this.idle.delete(oldest);
      oldest.destroy();
    }
  }

  /** `socket` left its pool to carry a request. */
  taken(socket: Duplex): void {
    this.idle.delete(socket);
  }

  /** Closes every idle connection (in-flight ones finish on theirs). */
  closeAll(): void {
    for (const socket of this.idle) socket.destroy();
    this.idle.clear();
  }
}
