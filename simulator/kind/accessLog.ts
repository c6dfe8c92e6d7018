// The sidecars' access log in the kind sandbox: a JSON format with the fields that show mTLS, and reading it back per call.
import type { Workload } from '../../src/policy/types';

/** Header each http call carries, logged by the destination sidecar, so a log line is tied to exactly one call. */
export const CALL_HEADER = 'x-ztn-call';

/** meshConfig.accessLogFormat (with accessLogEncoding JSON): Envoy command operators per key. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  start_time: '%START_TIME%',
  ztn_call: '%REQ(X-ZTN-CALL)%',
  upstream_cluster: '%UPSTREAM_CLUSTER%',
  downstream_local_address: '%DOWNSTREAM_LOCAL_ADDRESS%',
  downstream_remote_address: '%DOWNSTREAM_REMOTE_ADDRESS%',
  downstream_peer_uri_san: '%DOWNSTREAM_PEER_URI_SAN%',
  downstream_tls_version: '%DOWNSTREAM_TLS_VERSION%',
  downstream_tls_cipher: '%DOWNSTREAM_TLS_CIPHER%',
  response_code: '%RESPONSE_CODE%',
  response_flags: '%RESPONSE_FLAGS%',
});

/** One inbound connection or request as the destination's sidecar logged it. */
export interface InboundLogEntry {
  workload: string;
  port: number;
  startTime: number;
  callId?: string;
  peer?: string;
  tlsVersion?: string;
  cipher?: string;
  responseFlags?: string;
}

function field(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v !== '-' ? v : undefined;
}

/** Inbound lines of `kubectl logs -c istio-proxy` output; other lines (outbound, Envoy's own) are skipped. */
export function parseInboundLog(workload: Workload, text: string): InboundLogEntry[] {
  const out: InboundLogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (!String(e.upstream_cluster ?? '').startsWith('inbound|')) continue;
    const port = Number(/:(\d+)$/.exec(String(e.downstream_local_address ?? ''))?.[1]);
    const startTime = Date.parse(String(e.start_time ?? ''));
    if (!Number.isFinite(port) || !Number.isFinite(startTime)) continue;
    out.push({
      workload: workload.id,
      port,
      startTime,
      callId: field(e.ztn_call),
      peer: field(e.downstream_peer_uri_san),
      tlsVersion: field(e.downstream_tls_version),
      cipher: field(e.downstream_tls_cipher),
      responseFlags: field(e.response_flags),
    });
  }
  return out;
}

/**
 * The log line of one call: by its call header for http; for tcp (no headers) the first unclaimed line on the
 * destination port since the call started, from the caller's identity or without one.
 */
export function matchCall(
  entries: InboundLogEntry[],
  claimed: Set<InboundLogEntry>,
  call: { id: string; protocol: 'http' | 'tcp'; port: number; startedAt: number; source?: string },
): InboundLogEntry | undefined {
  const found =
    call.protocol === 'http'
      ? entries.find((e) => e.callId === call.id)
      : entries
          .filter((e) => !claimed.has(e) && e.port === call.port && e.startTime >= call.startedAt - 1000 && (!e.peer || !call.source || e.peer === call.source))
          .sort((a, b) => a.startTime - b.startTime)[0];
  if (found) claimed.add(found);
  return found;
}
