// Per-connection access log of every proxy hop, like Envoy's: what each hop saw and decided, keyed by the peer's address.
import type { ExplanationStep } from '../types';

export type Hop = 'client' | 'outbound' | 'gateway' | 'inbound' | 'app';

/** Why a hop ended a connection or request, or 'forwarded' when it passed it on. */
export type HopDecision =
  | 'forwarded'
  | 'network-policy-denied'
  | 'plaintext-refused'
  | 'tls-failed'
  | 'authz-denied'
  | 'no-route'
  | 'upstream-failed';

export interface AccessEntry {
  hop: Hop;
  /** Workload id, or `gateway <network>`. */
  proxy: string;
  /** Peer address and port as this hop saw it at accept (the real source address). */
  downstream: string;
  /** Local address:port of the connection this hop opened onward, to follow the chain. */
  upstream?: string;
  /** address:port this hop dialed onward (set before the dial, so a refused dial still names it). */
  target?: string;
  port: number;
  decision?: HopDecision;
  detail?: string;
  /** Inbound: the connection was mutual TLS and the client certificate verified. Outbound: it sent mTLS. */
  mtls?: boolean;
  tlsVersion?: string;
  cipher?: string;
  /** Inbound: the client's verified SPIFFE ID. Outbound: the server's verified SPIFFE ID. */
  peerIdentity?: string;
  sni?: string;
  status?: number;
  xfcc?: string;
  /** Steps of the engine functions the hop called, kept when they denied. */
  steps?: ExplanationStep[];
  /** True once the hop has made its final decision for this connection. */
  done: boolean;
}

const MAX_ENTRIES = 20_000;

export class AccessLog {
  private readonly entries = new Map<string, AccessEntry[]>();
  private size = 0;

  open(hop: Hop, proxy: string, downstream: string, port: number): AccessEntry {
    const entry: AccessEntry = { hop, proxy, downstream, port, done: false };
    const list = this.entries.get(downstream);
    if (list) list.push(entry);
    else this.entries.set(downstream, [entry]);
    // Connections nobody asks about (an openssl probe, a naked curl) must not grow the log forever.
    if (++this.size > MAX_ENTRIES) this.evictOldest();
    return entry;
  }

  /** Removes and returns the entries recorded for a downstream address:port. */
  take(downstream: string): AccessEntry[] {
    const list = this.entries.get(downstream) ?? [];
    this.entries.delete(downstream);
    this.size -= list.length;
    return list;
  }

  /** Waits (briefly) until every hop recorded for `downstream` has decided, then takes them. */
  async settle(downstream: string, waitMs: number): Promise<AccessEntry[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const list = this.entries.get(downstream);
      if ((list && list.every((e) => e.done)) || Date.now() >= deadline) return this.take(downstream);
      await new Promise((r) => setTimeout(r, list ? 1 : 5));
    }
  }

  private evictOldest(): void {
    const first = this.entries.keys().next();
    if (!first.done) this.take(first.value);
  }
}

export function addressKey(address: string | undefined, port: number | undefined): string {
  return `${address ?? '?'}:${port ?? 0}`;
}
