// Per-connection access log of every proxy hop, like Envoy's: what each hop saw and decided, keyed by the peer's address.
import type { ExplanationStep } from '../../src/policy/types';

export type Hop = 'client' | 'outbound' | 'gateway' | 'inbound' | 'app';

/** Why a hop ended a connection or request, or 'forwarded' when it passed it on. */
export type HopDecision = 'forwarded' | 'network-policy-denied' | 'plaintext-refused' | 'tls-failed' | 'authz-denied' | 'no-route' | 'upstream-failed';

export interface AccessEntry {
  hop: Hop;
  /** Workload id, or `gateway <network>`. */
  proxy: string;
  /** Peer address and port as this hop saw it at accept (the real source address). */
  downstream: string;
  /** Local address:port of the connection this hop opened onward, to follow the chain. */
  upstream?: string;
  /** Which request this one is on that onward connection (1 for the first; pooled connections carry many). */
  upstreamRequest?: number;
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

/**
 * Entries are found by the connection a hop saw and the request's place on it (`address:port#n`): pooled
 * connections carry many requests, one after another, and both ends of an HTTP/1.1 connection count them alike.
 * Hops that see no requests (the east-west gateway passes TLS through) log one entry per connection, which
 * every request crossing that connection reads.
 */
export class AccessLog {
  private readonly entries = new Map<string, AccessEntry[]>();
  private readonly connections = new Map<string, AccessEntry>();

  /** The entry of request `request` (1 for the first, and for what a hop decides at accept) on a connection. */
  open(hop: Hop, proxy: string, downstream: string, port: number, request = 1): AccessEntry {
    const entry: AccessEntry = { hop, proxy, downstream, port, done: false };
    const key = requestKey(downstream, request);
    const list = this.entries.get(key);
    if (list) list.push(entry);
    else this.entries.set(key, [entry]);
    // Connections nobody asks about (an openssl probe, a naked curl) must not grow the log forever.
    if (this.entries.size > MAX_ENTRIES) this.evictOldest(this.entries);
    return entry;
  }

  /** The entry of a hop that sees connections only; it stays until `release` (or eviction), read by every request. */
  openConnection(hop: Hop, proxy: string, downstream: string, port: number): AccessEntry {
    const entry: AccessEntry = { hop, proxy, downstream, port, done: false };
    this.connections.set(downstream, entry);
    if (this.connections.size > MAX_ENTRIES) this.evictOldest(this.connections);
    return entry;
  }

  release(entry: AccessEntry): void {
    if (this.connections.get(entry.downstream) === entry) this.connections.delete(entry.downstream);
  }

  /** Removes and returns the entries of request `request` on `downstream`, or the connection entry there. */
  take(downstream: string, request = 1): AccessEntry[] {
    const key = requestKey(downstream, request);
    const list = this.entries.get(key);
    if (list) {
      this.entries.delete(key);
      return list;
    }
    const connection = this.connections.get(downstream);
    return connection ? [connection] : [];
  }

  /** Waits (briefly) until every hop recorded for that request has decided, then takes them. */
  async settle(downstream: string, request: number, waitMs: number): Promise<AccessEntry[]> {
    const key = requestKey(downstream, request);
    const deadline = Date.now() + waitMs;
    for (;;) {
      const list = this.entries.get(key) ?? (this.connections.has(downstream) ? [this.connections.get(downstream)!] : undefined);
      if ((list && list.every((e) => e.done)) || Date.now() >= deadline) return this.take(downstream, request);
      await new Promise((r) => setTimeout(r, list ? 1 : 5));
    }
  }

  private evictOldest(map: Map<string, unknown>): void {
    const first = map.keys().next();
    if (!first.done) map.delete(first.value);
  }
}

function requestKey(downstream: string, request: number): string {
  return `${downstream}#${request}`;
}

export function addressKey(address: string | undefined, port: number | undefined): string {
  return `${address ?? '?'}:${port ?? 0}`;
}
