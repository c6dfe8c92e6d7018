// What an app asks of its sidecar's outbound side: a request naming its destination, and where the outcome goes.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { AccessEntry } from './accessLog';
import { HOP_BY_HOP } from './hopHeaders';

/**
 * Without iptables there is no original destination to recover, so the app names it: the Host header
 * (or the CONNECT target), or this header when the target is a workload reference rather than a host.
 */
export const DESTINATION_HEADER = 'x-ztn-destination';

/** A request the sidecar sends on: from its app's connection, or handed over in process by the replay. */
export interface OutboundRequest {
  /** Host[:port] or workload reference the app named; undefined when it named none. */
  target: string | undefined;
  method: string;
  path: string;
  /** End-to-end headers as the app sent them, names in lower case. */
  headers: IncomingHttpHeaders;
  /** Read in full before sending: resent once on a fresh connection when a pooled one turns out closed. */
  body?: Buffer;
}

/** Where the outcome of an OutboundRequest goes. */
export interface OutboundReply {
  /** The destination answered; the answer's body is still to be read. */
  answered(answer: IncomingMessage): void;
  /** The sidecar itself refused or failed the request (Envoy's local reply). */
  refused(status: number, detail: string): void;
  /** The connection broke after the answer had begun. */
  broken(): void;
}

/** Envoy's local reply when it cannot send a request on: no route, or a connection or handshake that failed. */
export const UNAVAILABLE = 503;

/** The sidecar's own answer to a request it does not send on (Envoy's local reply), logged on `entry`. */
export function refuse(entry: AccessEntry, reply: OutboundReply, status: number, detail: string): void {
  entry.status = status;
  entry.detail = detail;
  entry.done = true;
  reply.refused(status, detail);
}

/** The destination an app's request names: the sandbox's header, else the CONNECT target or the Host header. */
export function targetOf(req: Pick<IncomingMessage, 'headers' | 'method' | 'url'>): string | undefined {
  const explicit = req.headers[DESTINATION_HEADER];
  if (typeof explicit === 'string' && explicit) return explicit;
  return req.method === 'CONNECT' ? req.url : req.headers.host;
}

/** What a request from the app carries on: everything but hop-by-hop headers and the sandbox's destination header. */
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (k !== DESTINATION_HEADER && !HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
  return out;
}
