// Collects calls into edges (one per caller, callee and port) and derives each edge's channel state.
import type { Verdict } from '../policy/types';
import type { ChannelState, EdgeCall, EdgeOrigin, GraphEdge } from './types';

export function edgeId(source: string, target: string, port: number): string {
  return `${source}->${target}:${port}`;
}

/** True when the server side of the edge also accepts plaintext on that port. */
export type ServerAcceptsPlaintext = (target: string, port: number) => boolean;

/**
 * The edge's channel: denied when no call gets through; plaintext when no allowed call is mutual TLS;
 * permissive when calls disagree or the server is PERMISSIVE (a client without a sidecar would get in);
 * mTLS otherwise.
 */
export function channelState(calls: readonly EdgeCall[], serverAcceptsPlaintext: boolean): ChannelState {
  const allowed = calls.filter((c) => c.allowed);
  if (allowed.length === 0) return 'denied';
  const mtls = allowed.filter((c) => c.mtls).length;
  if (mtls === 0) return 'plaintext';
  if (mtls < allowed.length || serverAcceptsPlaintext) return 'permissive';
  return 'mtls';
}

function edgeVerdict(calls: readonly EdgeCall[]): Verdict {
  return calls.find((c) => c.allowed)?.verdict ?? calls[0]?.verdict ?? 'no-route';
}

export class EdgeSet {
  private readonly calls = new Map<string, { source: string; target: string; port: number; calls: EdgeCall[] }>();

  add(source: string, target: string, port: number, call: EdgeCall): void {
    const id = edgeId(source, target, port);
    let entry = this.calls.get(id);
    if (!entry) this.calls.set(id, (entry = { source, target, port, calls: [] }));
    // The same manifest reference seen twice (e.g. env and args) is one call.
    if (
      call.origin === 'manifest' &&
      entry.calls.some((c) => c.origin === 'manifest' && c.reference?.file === call.reference?.file && c.reference?.line === call.reference?.line)
    )
      return;
    // A matrix entry adds nothing to an edge a real call already explains.
    if (call.origin === 'allowed' && entry.calls.length > 0) return;
    entry.calls.push(call);
  }

  has(source: string, target: string, port: number): boolean {
    return this.calls.has(edgeId(source, target, port));
  }

  edges(serverAcceptsPlaintext: ServerAcceptsPlaintext): GraphEdge[] {
    const out: GraphEdge[] = [];
    for (const [id, { source, target, port, calls }] of this.calls) {
      const origins = [...new Set(calls.map((c) => c.origin))].sort() as EdgeOrigin[];
      const observed = calls.filter((c) => c.observed !== undefined);
      out.push({
        id,
        source,
        target,
        port,
        origins,
        state: channelState(calls, serverAcceptsPlaintext(target, port)),
        verdict: edgeVerdict(calls),
        verified: observed.length > 0 && observed.every((c) => c.agrees === true),
        disagrees: observed.some((c) => c.agrees === false),
        calls,
      });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
