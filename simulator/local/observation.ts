// Turns what one call met on the wire (client side plus each hop's access log) into an observed verdict.
import type { ObservedCall, SandboxFault, SandboxObservation, Verdict } from '../../src/policy/types';
import type { AccessEntry } from './accessLog';
import type { EchoReport } from './echoReport';

/** What the calling client itself saw. */
export interface ClientOutcome {
  error?: NodeJS.ErrnoException;
  timedOut?: boolean;
  status?: number;
  body?: string;
  echo?: EchoReport;
  latencyMs: number;
}

export interface FaultContext {
  /** address:port of listeners that were stopped on purpose. */
  killed: Set<string>;
  /** SPIFFE IDs whose current certificate is past its notAfter. */
  expiredIdentities: Set<string>;
}

const PORT_EXHAUSTION_CODES = new Set(['EADDRINUSE', 'EADDRNOTAVAIL']);

function describeHop(e: AccessEntry): string {
  const where = e.hop === 'gateway' ? e.proxy : `${e.hop} ${e.proxy}${e.hop === 'outbound' ? '' : `:${e.port}`}`;
  const channel = e.mtls === true ? ' (mTLS)' : e.mtls === false ? ' (plaintext)' : '';
  return `${where} ${e.decision ?? 'no decision'}${channel}${e.detail ? `: ${e.detail}` : ''}`;
}

const VERDICT_OF: Partial<Record<NonNullable<AccessEntry['decision']>, Verdict>> = {
  'network-policy-denied': 'denied-by-network-policy',
  'plaintext-refused': 'rejected-by-peer-authentication',
  'tls-failed': 'rejected-by-peer-authentication',
  'authz-denied': 'denied-by-authorization',
  'no-route': 'no-route',
};

/** The hop whose decision ended the call: the one nearest the destination that refused it. */
function decisiveEntry(hops: AccessEntry[]): AccessEntry | undefined {
  for (let i = hops.length - 1; i >= 0; i--) if (hops[i].decision && hops[i].decision !== 'forwarded') return hops[i];
  return undefined;
}

function faultOf(
  client: ClientOutcome,
  hops: AccessEntry[],
  decisive: AccessEntry | undefined,
  faults: FaultContext,
  identities: string[],
): SandboxFault | undefined {
  if (client.error && PORT_EXHAUSTION_CODES.has(client.error.code ?? '')) return 'port-exhaustion';
  if (hops.some((h) => /EADDRNOTAVAIL/.test(h.detail ?? ''))) return 'port-exhaustion';
  if (decisive?.decision === 'upstream-failed' && /ECONNREFUSED/.test(decisive.detail ?? '') && decisive.target && faults.killed.has(decisive.target))
    return 'listener-died';
  if (client.error?.code === 'ECONNREFUSED' && faults.killed.size > 0) return 'listener-died';
  const tlsFailure = hops.some((h) => h.decision === 'tls-failed');
  if (tlsFailure && (hops.some((h) => /expired/i.test(h.detail ?? '')) || identities.some((id) => faults.expiredIdentities.has(id))))
    return 'certificate-expired';
  if (client.timedOut) return 'timeout';
  return undefined;
}

export function observe(client: ClientOutcome, hops: AccessEntry[], faults: FaultContext, identities: string[]): SandboxObservation {
  const decisive = decisiveEntry(hops);
  const outbound = hops.find((h) => h.hop === 'outbound' || h.hop === 'client');
  const inbound = hops.find((h) => h.hop === 'inbound' || h.hop === 'app');
  const allowed = !!client.echo;
  let verdict: Verdict = allowed ? 'allowed' : (decisive?.decision && VERDICT_OF[decisive.decision]) || 'no-route';
  if (!allowed && !decisive && client.status === 403) verdict = 'denied-by-authorization';

  // mTLS as the destination saw it; without an inbound hop, as the client's sidecar sent it.
  const mtls = inbound?.mtls ?? outbound?.mtls ?? false;
  const tlsHop = [outbound, inbound].find((h) => h?.tlsVersion);
  let outcome: ObservedCall['outcome'];
  if (allowed) outcome = 'ok';
  else if (client.timedOut) outcome = 'timeout';
  else if (decisive?.decision === 'tls-failed') outcome = 'tls-failed';
  else if (decisive?.decision === 'network-policy-denied' || decisive?.decision === 'plaintext-refused') outcome = 'reset';
  else if (/ECONNREFUSED/.test(decisive?.detail ?? '') || client.error?.code === 'ECONNREFUSED') outcome = 'refused';
  else if (client.status !== undefined) outcome = 'http-error';
  else outcome = 'reset';

  const fault = faultOf(client, hops, decisive, faults, identities);
  // Several hops may have refused (both ends of a failed handshake): name each, the most specific first.
  const refusals = hops.filter((h) => h.decision && h.decision !== 'forwarded' && h.detail);
  const hopError = refusals.length > 1 ? refusals.map((h) => `${h.hop}: ${h.detail}`).join('; ') : decisive?.detail;
  const error =
    hopError ?? (client.error ? `${client.error.code ?? ''} ${client.error.message}`.trim() : client.timedOut ? 'no answer before the timeout' : undefined);
  return {
    outcome,
    verdict,
    mtls,
    allowed,
    ...(tlsHop?.tlsVersion ? { tlsVersion: tlsHop.tlsVersion, cipher: tlsHop.cipher } : {}),
    ...(inbound?.peerIdentity ? { clientIdentity: inbound.peerIdentity } : {}),
    ...(outbound?.peerIdentity ? { serverIdentity: outbound.peerIdentity } : {}),
    ...(client.status !== undefined ? { status: client.status } : {}),
    ...(client.echo?.xfcc ? { xfcc: client.echo.xfcc } : {}),
    ...(error && !allowed ? { error } : {}),
    ...(fault ? { fault } : {}),
    latencyMs: Math.round(client.latencyMs * 1000) / 1000,
    hops: hops.map(describeHop),
    ...(decisive?.steps?.length ? { steps: decisive.steps } : {}),
  };
}
