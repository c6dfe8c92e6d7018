// What a call run with curl inside a kind pod showed, as the same observation (SandboxObservation) the local sandbox reports.
import type { SandboxObservation } from '../../src/policy/types';
import type { CallResult, ObservedCall, Verdict } from '../../src/policy/types';
import type { InboundLogEntry } from './accessLog';

/** Printed by curl after the body (-w), so the status and timing can be told apart from what the echo server said. */
export const CURL_MARKER = '__ztn_curl__';

export interface CurlOutcome {
  /** curl's exit code (kubectl exec passes it through). */
  exitCode: number;
  stdout: string;
  stderr: string;
  protocol: 'http' | 'tcp';
}

export interface KindObservation extends SandboxObservation {
  /**
   * Whether the wire showed the channel: an X-Forwarded-Client-Cert header or the destination sidecar's access log.
   * When it did not (a tcp call whose log line was not found), `mtls` is false and is not compared.
   */
  mtlsObserved: boolean;
}

/** The sidecar proxy's connect timeout is 10 s; a tcp call cut after that never reached its destination. */
const PROXY_CONNECT_TIMEOUT_MS = 9_000;

function parseXfcc(body: string): string | undefined {
  const line = body.split('\n').find((l) => /^x-forwarded-client-cert:/i.test(l.trim()));
  return line?.trim().replace(/^x-forwarded-client-cert:\s*/i, '');
}

/** `By=<server>;Hash=..;URI=<client>`: the URI is the client's identity, By the server's own. */
function xfccField(xfcc: string, field: 'By' | 'URI'): string | undefined {
  return new RegExp(`(?:^|[;,])${field}=([^;,]+)`).exec(xfcc)?.[1];
}

function curlError(stderr: string): string | undefined {
  return stderr
    .split('\n')
    .find((l) => l.startsWith('curl:'))
    ?.trim();
}

/** The pod that answered, as the echo server names itself ("Request served by <pod>"). */
export function servedBy(body: string): string | undefined {
  return /Request served by (\S+)/.exec(body)?.[1];
}

/** Reads curl's output (body, then the marker line with status and total time) into an observation. */
export function observeCurl(outcome: CurlOutcome): KindObservation {
  const markerAt = outcome.stdout.lastIndexOf(CURL_MARKER);
  const body = markerAt >= 0 ? outcome.stdout.slice(0, markerAt) : outcome.stdout;
  const [statusText, seconds] =
    markerAt >= 0
      ? outcome.stdout
          .slice(markerAt + CURL_MARKER.length)
          .trim()
          .split(/\s+/)
      : [];
  const status = Number(statusText) || undefined;
  const latencyMs = seconds ? Math.round(Number(seconds) * 1000) : undefined;
  const error = curlError(outcome.stderr);
  const base = { ...(status ? { status } : {}), ...(latencyMs !== undefined ? { latencyMs } : {}) };
  const denied = (verdict: Verdict, outcomeKind: ObservedCall['outcome'], evidence: string): KindObservation => ({
    ...base,
    outcome: outcomeKind,
    verdict,
    allowed: false,
    mtls: false,
    mtlsObserved: false,
    ...(error ? { error } : {}),
    hops: [`client: ${evidence}`],
  });

  switch (outcome.exitCode) {
    case 0:
      break;
    case 6:
      return denied('no-route', 'refused', 'the name did not resolve');
    case 7:
      return denied('no-route', 'refused', 'connection refused');
    case 28:
      return denied('denied-by-network-policy', 'timeout', 'no answer before the timeout: packets dropped, as a NetworkPolicy does');
    case 35:
      return denied('rejected-by-peer-authentication', 'tls-failed', 'the TLS handshake failed');
    case 52:
    case 56:
      if (outcome.protocol === 'tcp' && latencyMs !== undefined && latencyMs >= PROXY_CONNECT_TIMEOUT_MS) {
        return denied(
          'denied-by-network-policy',
          'timeout',
          "the sidecar closed the connection after its connect timeout: the destination's packets were dropped",
        );
      }
      return denied('rejected-by-peer-authentication', 'reset', 'the connection was reset: the destination refused a plaintext or unauthenticated peer');
    default:
      return denied('no-route', 'reset', `curl exited with ${outcome.exitCode}`);
  }

  const xfcc = parseXfcc(body);
  const pod = servedBy(body);
  if (status === 403 && /RBAC: access denied/i.test(body))
    return denied('denied-by-authorization', 'http-error', "the destination's sidecar answered 403 RBAC: access denied");
  if (!pod && status === 503 && /upstream connect error|reset before headers/i.test(body)) {
    return /connection timeout|delayed connect error/i.test(body)
      ? denied('denied-by-network-policy', 'http-error', "the client's sidecar could not connect (connection timeout): packets dropped")
      : denied('rejected-by-peer-authentication', 'http-error', "the client's sidecar reached the destination but the connection was reset or TLS failed");
  }
  if (!pod && (status === 404 || status === 503)) return denied('no-route', 'http-error', `the proxy answered ${status} without reaching a destination`);
  if (!pod) return denied('no-route', 'http-error', 'the answer did not come from a sandbox echo server');
  // Over http the destination's sidecar adds XFCC exactly when the client presented a certificate (mTLS).
  const httpChannel = outcome.protocol === 'http';
  return {
    ...base,
    outcome: 'ok',
    verdict: 'allowed',
    allowed: true,
    mtls: httpChannel && !!xfcc,
    mtlsObserved: httpChannel,
    ...(xfcc ? { xfcc, clientIdentity: xfccField(xfcc, 'URI'), serverIdentity: xfccField(xfcc, 'By') } : {}),
    hops: [
      `destination: ${pod} answered${httpChannel ? (xfcc ? ' and saw X-Forwarded-Client-Cert (mTLS)' : ' without X-Forwarded-Client-Cert (plaintext)') : ''}`,
    ],
  };
}

/** Adds what the destination sidecar's access log says of the connection: TLS version, cipher, peer identity. */
export function withAccessLog(observed: KindObservation, entry: InboundLogEntry | undefined): KindObservation {
  if (!entry) {
    if (observed.allowed && !observed.mtlsObserved)
      return { ...observed, hops: [...observed.hops, "mTLS not observable: no access log line of the destination's sidecar matched this call"] };
    return observed;
  }
  const mtls = !!entry.peer;
  return {
    ...observed,
    mtls: observed.mtlsObserved ? observed.mtls : mtls,
    mtlsObserved: true,
    ...(entry.tlsVersion ? { tlsVersion: entry.tlsVersion } : {}),
    ...(entry.cipher ? { cipher: entry.cipher } : {}),
    ...(entry.peer && !observed.clientIdentity ? { clientIdentity: entry.peer } : {}),
    hops: [
      ...observed.hops,
      `inbound ${entry.workload}:${entry.port} ${mtls ? `mTLS ${entry.tlsVersion ?? ''} from ${entry.peer}`.trim() : 'plaintext'}${entry.responseFlags && entry.responseFlags !== '-' ? ` (flags ${entry.responseFlags})` : ''}`,
    ],
  };
}

/** The observation agrees when the verdict matches and, where the wire shows it, so does mTLS. */
export function agrees(prediction: CallResult, observed: KindObservation): boolean {
  if (prediction.verdict !== observed.verdict) return false;
  if (observed.allowed && observed.mtlsObserved && observed.mtls !== prediction.mtls) return false;
  return true;
}
