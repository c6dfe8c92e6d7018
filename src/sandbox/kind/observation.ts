// What a call run with curl inside a kind pod showed, as the same observed verdict the local sandbox reports.
import type { CallResult, ObservedCall, Verdict } from '../../../simulator/types';

/** Printed by curl after the body (-w), so the status and timing can be told apart from what the echo server said. */
export const CURL_MARKER = '__ztn_curl__';

export interface CurlOutcome {
  /** curl's exit code (kubectl exec passes it through). */
  exitCode: number;
  stdout: string;
  stderr: string;
  protocol: 'http' | 'tcp';
}

/** ObservedCall plus the verdict the wire showed; local sandbox results carry the same fields. */
export interface KindObservation extends ObservedCall {
  verdict: Verdict;
  allowed: boolean;
  /** From the X-Forwarded-Client-Cert the destination's sidecar added; undefined for tcp calls, where nothing reports it. */
  mtls?: boolean;
  /** How the verdict was read from the wire, for a reader checking a disagreement. */
  evidence: string;
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
  return stderr.split('\n').find((l) => l.startsWith('curl:'))?.trim();
}

/** Reads curl's output (body, then the marker line with status and total time) into an observation. */
export function observeCurl(outcome: CurlOutcome): KindObservation {
  const markerAt = outcome.stdout.lastIndexOf(CURL_MARKER);
  const body = markerAt >= 0 ? outcome.stdout.slice(0, markerAt) : outcome.stdout;
  const [statusText, seconds] = markerAt >= 0 ? outcome.stdout.slice(markerAt + CURL_MARKER.length).trim().split(/\s+/) : [];
  const status = Number(statusText) || undefined;
  const latencyMs = seconds ? Math.round(Number(seconds) * 1000) : undefined;
  const error = curlError(outcome.stderr);
  const base = { ...(status ? { status } : {}), ...(latencyMs !== undefined ? { latencyMs } : {}) };
  const denied = (verdict: Verdict, outcomeKind: ObservedCall['outcome'], evidence: string): KindObservation => ({
    ...base,
    outcome: outcomeKind,
    verdict,
    allowed: false,
    ...(error ? { error } : {}),
    evidence,
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
        return denied('denied-by-network-policy', 'timeout', "the sidecar closed the connection after its connect timeout: the destination's packets were dropped");
      }
      return denied('rejected-by-peer-authentication', 'reset', 'the connection was reset: the destination refused a plaintext or unauthenticated peer');
    default:
      return denied('no-route', 'reset', `curl exited with ${outcome.exitCode}`);
  }

  const xfcc = parseXfcc(body);
  const fromEcho = /Request served by/.test(body);
  if (status === 403 && /RBAC: access denied/i.test(body)) return denied('denied-by-authorization', 'http-error', "the destination's sidecar answered 403 RBAC: access denied");
  if (!fromEcho && status === 503 && /upstream connect error|reset before headers/i.test(body)) {
    const timeout = /connection timeout|delayed connect error/i.test(body);
    return timeout
      ? denied('denied-by-network-policy', 'http-error', "the client's sidecar could not connect (connection timeout): packets dropped")
      : denied('rejected-by-peer-authentication', 'http-error', "the client's sidecar reached the destination but the connection was reset or TLS failed");
  }
  if (!fromEcho && (status === 404 || status === 503)) return denied('no-route', 'http-error', `the proxy answered ${status} without reaching a destination`);
  if (!fromEcho && outcome.protocol === 'http') return denied('no-route', 'http-error', 'the answer did not come from the sandbox echo server');
  return {
    ...base,
    outcome: 'ok',
    verdict: 'allowed',
    allowed: true,
    ...(outcome.protocol === 'http' ? { mtls: !!xfcc } : {}),
    ...(xfcc ? { xfcc, clientIdentity: xfccField(xfcc, 'URI'), serverIdentity: xfccField(xfcc, 'By') } : {}),
    evidence: xfcc ? 'the echo server answered and saw X-Forwarded-Client-Cert (mTLS)' : outcome.protocol === 'http' ? 'the echo server answered without X-Forwarded-Client-Cert (plaintext)' : 'the echo server answered',
  };
}

/** The observation agrees when the verdict matches and, where the wire shows it, so does mTLS. */
export function agrees(prediction: CallResult, observed: KindObservation): boolean {
  if (prediction.verdict !== observed.verdict) return false;
  if (observed.allowed && observed.mtls !== undefined && observed.mtls !== prediction.mtls) return false;
  return true;
}
