// One simulated call end to end: resolve, route, NetworkPolicy, client TLS, PeerAuthentication, AuthorizationPolicy.
import { authorize } from './authorization/evaluate';
import { withCaveats } from './caveats';
import type { ClientTlsDecision } from './clientTls';
import { findWorkload, resolveDestination } from './destination';
import { chooseEndpoint } from './endpointChoice';
import { clusterOf } from './meshQueries';
import { networkPolicyForCall } from './networkHop';
import type { L4Protocol } from './networkPolicy';
import { authenticateRequest } from './requestAuthentication';
import { routeFromClient } from './routing';
import { serverAccepts } from './serverSide';
import type {
  CallResult,
  Destination,
  ExplanationStep,
  Mesh,
  RequestAttributes,
  SimulationResult,
  TrafficCall,
  TrafficReplay,
  Verdict,
  Workload,
} from './types';

/** Istio protocols whose traffic the sidecar does not parse as HTTP. */
const NON_HTTP = new Set(['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis', 'udp']);

function isHttp(call: TrafficCall, dest: Destination): boolean {
  if ((call.protocol ?? 'http') !== 'http') return false;
  return !(dest.appProtocol && NON_HTTP.has(dest.appProtocol));
}

export function principalOf(mesh: Mesh, w: Workload): string {
  return `${clusterOf(mesh, w.cluster).trustDomain}/ns/${w.namespace}/sa/${w.serviceAccount}`;
}

function callName(call: TrafficCall): string {
  return call.name ?? `${call.from} -> ${call.to}`;
}

export function simulateCall(mesh: Mesh, call: TrafficCall): CallResult {
  const steps: ExplanationStep[] = [];
  const name = callName(call);
  const finish = (r: { to: string; port: number; mtls: boolean; verdict: Verdict; from?: string }): CallResult => {
    const result: CallResult = {
      name,
      from: r.from ?? call.from,
      to: r.to,
      port: r.port,
      mtls: r.mtls,
      allowed: r.verdict === 'allowed',
      verdict: r.verdict,
      explanation: steps,
    };
    if (call.expect) result.expectation = checkExpectation(call.expect, result);
    return withCaveats(mesh, result);
  };

  const source = findWorkload(mesh, call.from);
  if (!source) {
    steps.push({ step: 'resolve', detail: `no workload '${call.from}' in any cluster` });
    return finish({ to: call.to.replace(/:\d+$/, ''), port: Number(/:(\d+)$/.exec(call.to)?.[1] ?? 0), mtls: false, verdict: 'no-route' });
  }
  const from = source.id;
  const forcedPlain = call.client?.sidecar === false;
  if (forcedPlain) steps.push({ step: 'resolve', detail: 'client forced without sidecar (plaintext)' });
  const resolved = resolveDestination(mesh, source, call.to);
  for (const note of resolved.notes ?? []) steps.push({ step: 'resolve', detail: note });
  // `to` is the endpoint when one was known, else the host the call named (its port goes in `port`).
  const noRoute = (d: Destination) => finish({ from, to: d.workloads[0]?.id ?? d.host, port: d.targetPort, mtls: false, verdict: 'no-route' });
  if (resolved.error) {
    steps.push({ step: 'route', detail: resolved.error });
    return noRoute(resolved);
  }
  const l4 = l4Protocol(call);
  if (l4 !== 'TCP') return finish(bypassingSidecars(mesh, source, resolved, l4, steps));
  const http = isHttp(call, resolved);
  const routed = routeFromClient(mesh, forcedPlain ? { ...source, sidecar: false } : source, resolved, call, http, steps);
  if (!routed) return noRoute(resolved);
  const { dest, client, subset } = routed;

  const { endpoint, tls, targetPort, skipped } = chooseEndpoint(mesh, source, client, dest, subset);
  for (const s of skipped) steps.push({ step: 'route', detail: s });
  if (dest.workloads.length > 0 && !endpoint) {
    steps.push({ step: 'route', detail: 'no reachable endpoint' });
    return noRoute(dest);
  }
  if (endpoint && skipped.length > 0) steps.push({ step: 'resolve', detail: `simulated endpoint ${endpoint.id}:${targetPort}` });
  const to = endpoint ? endpoint.id : dest.host;
  const port = endpoint ? targetPort : dest.port;

  // NetworkPolicy applies to the packets before any mesh decision.
  if (!networkPolicyForCall(mesh, source, endpoint, port, steps, 'TCP', dest))
    return finish({ from, to, port, mtls: tls.mtls, verdict: 'denied-by-network-policy' });
  steps.push(...tls.steps);
  if (!endpoint) {
    steps.push({ step: 'route', detail: `${dest.host}:${dest.port} is outside the mesh: no server-side policy applies` });
    return finish({ from, to, port, mtls: tls.mtls, verdict: 'allowed' });
  }
  if (!serverAccepts(mesh, source, endpoint, tls, targetPort, steps))
    return finish({ from, to, port, mtls: tls.mtls, verdict: 'rejected-by-peer-authentication' });
  if (!endpoint.sidecar) return finish({ from, to, port, mtls: false, verdict: 'allowed' });

  const request = requestAttributes(mesh, source, call, dest, tls, targetPort, http, subset);
  if (request.http) {
    const jwt = authenticateRequest(mesh, endpoint, request.headers ?? {}, undefined, { path: request.path, method: request.method });
    steps.push(...jwt.steps);
    if (jwt.rejected) return finish({ from, to, port, mtls: tls.mtls, verdict: 'denied-by-authorization' });
    if (jwt.principal) Object.assign(request, { requestPrincipal: jwt.principal, claims: jwt.claims });
  }
  const authz = authorize(mesh, endpoint, request);
  steps.push(...authz.steps);
  return finish({ from, to, port, mtls: tls.mtls, verdict: authz.allowed ? 'allowed' : 'denied-by-authorization' });
}

function l4Protocol(call: TrafficCall): L4Protocol {
  return call.protocol === 'udp' ? 'UDP' : call.protocol === 'sctp' ? 'SCTP' : 'TCP';
}

/**
 * UDP and SCTP: Istio's iptables redirect TCP only, so the packets go from app to app past both sidecars, to an
 * endpoint kube-proxy knows (the caller's own cluster); only NetworkPolicy decides, and nothing is mTLS.
 */
function bypassingSidecars(
  mesh: Mesh,
  source: Workload,
  dest: Destination,
  protocol: L4Protocol,
  steps: ExplanationStep[],
): { from: string; to: string; port: number; mtls: boolean; verdict: Verdict } {
  const from = source.id;
  const noRoute = (detail: string) => {
    steps.push({ step: 'route', detail });
    return { from, to: dest.workloads[0]?.id ?? dest.host, port: dest.targetPort, mtls: false, verdict: 'no-route' as const };
  };
  const svc = dest.service;
  if (svc && !svc.ports.some((p) => p.port === dest.port && p.protocol === protocol))
    return noRoute(`Service ${svc.namespace}/${svc.name} has no ${protocol} port ${dest.port}`);
  steps.push({
    step: 'route',
    detail: `${protocol} bypasses the sidecars (Istio redirects TCP only): no VirtualService, mTLS, PeerAuthentication or AuthorizationPolicy applies`,
  });
  const endpoint = dest.workloads.find((w) => w.cluster === source.cluster);
  if (dest.workloads.length > 0 && !endpoint)
    return noRoute(`no endpoint in ${source.cluster}: without the mesh, ${protocol} reaches only the caller's own cluster`);
  const port = dest.targetPort;
  const to = endpoint ? endpoint.id : dest.host;
  if (endpoint && endpoint !== dest.workloads[0]) steps.push({ step: 'resolve', detail: `simulated endpoint ${endpoint.id}:${port}` });
  const allowed = networkPolicyForCall(mesh, source, endpoint, endpoint ? port : dest.port, steps, protocol, dest);
  return { from, to, port: endpoint ? port : dest.port, mtls: false, verdict: allowed ? 'allowed' : 'denied-by-network-policy' };
}

/** What the server sidecar's authorization sees: identity only with mTLS, HTTP attributes only when it parses HTTP. */
function requestAttributes(
  mesh: Mesh,
  source: Workload,
  call: TrafficCall,
  dest: Destination,
  tls: ClientTlsDecision,
  targetPort: number,
  http: boolean,
  subset: string | undefined,
): RequestAttributes {
  // TLS the client sidecar originated with user certificates (SIMPLE/MUTUAL) passes the server sidecar as opaque TCP.
  const parsedAsHttp = http && (tls.mode === 'ISTIO_MUTUAL' || tls.mode === 'DISABLE');
  const hostHeader = Object.entries(call.headers ?? {}).find(([k]) => k.toLowerCase() === 'host')?.[1];
  return {
    port: targetPort,
    http: parsedAsHttp,
    ...(tls.mtls ? { principal: principalOf(mesh, source), namespace: source.namespace, sni: `outbound_.${dest.port}_.${subset ?? ''}_.${dest.host}` } : {}),
    ...(parsedAsHttp ? { host: hostHeader ?? hostHeaderFor(call.to), method: call.method ?? 'GET', path: call.path ?? '/', headers: call.headers ?? {} } : {}),
  };
}

/** What an HTTP client puts in Host for `to`: the name as dialled, with the port unless it is 80. */
export function hostHeaderFor(to: string): string {
  const m = /^(.*):(\d+)$/.exec(to);
  const name = (m ? m[1] : to).split('/').pop() ?? to;
  return m && m[2] !== '80' ? `${name}:${m[2]}` : name;
}

function checkExpectation(expect: NonNullable<TrafficCall['expect']>, r: CallResult): { ok: boolean; failures?: string[] } {
  const failures: string[] = [];
  if (expect.mtls !== undefined && expect.mtls !== r.mtls) failures.push(`expected mtls ${expect.mtls}, predicted ${r.mtls}`);
  if (expect.allowed !== undefined && expect.allowed !== r.allowed) failures.push(`expected allowed ${expect.allowed}, predicted ${r.allowed} (${r.verdict})`);
  if (expect.verdict !== undefined && expect.verdict !== r.verdict) failures.push(`expected verdict ${expect.verdict}, predicted ${r.verdict}`);
  return failures.length ? { ok: false, failures } : { ok: true };
}

export function summarize(calls: CallResult[]): SimulationResult {
  const summary = { total: calls.length, allowed: 0, denied: 0, mtls: 0, expectationsFailed: 0 };
  for (const c of calls) {
    if (c.allowed) summary.allowed++;
    else summary.denied++;
    if (c.mtls) summary.mtls++;
    if (c.expectation && !c.expectation.ok) summary.expectationsFailed++;
  }
  return { calls, summary };
}

export function simulateTraffic(mesh: Mesh, replay: TrafficReplay): SimulationResult {
  return summarize(replay.calls.map((c) => simulateCall(mesh, c)));
}
