// One simulated call end to end: resolve, NetworkPolicy, client TLS, PeerAuthentication, AuthorizationPolicy.
import { authorize } from './authorization/evaluate';
import { clientTls } from './clientTls';
import { findWorkload, resolveDestination } from './destination';
import { EAST_WEST_PORT, eastWestGateway, hasNetworkGateway } from './eastWest';
import { clusterOf, resolveTargetPort } from './mesh';
import { networkPolicyAllows } from './networkPolicy';
import { findDestinationRule, subsetLabels } from './destinationRule';
import { matchLabelsSubset } from './labelSelector';
import { routeCall } from './virtualService';
import { importsHost, registryOnly, sidecarFor } from './sidecarScope';
import { composedMtlsMode } from './peerAuthentication';
import type { CallResult, Destination, ExplanationStep, Mesh, RequestAttributes, SimulationResult, TrafficCall, TrafficReplay, Verdict, Workload } from './types';

/** Istio protocols whose traffic the sidecar does not parse as HTTP. */
const NON_HTTP = new Set(['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis', 'udp']);

function isHttp(call: TrafficCall, dest: Destination): boolean {
  if ((call.protocol ?? 'http') !== 'http') return false;
  return !(dest.appProtocol && NON_HTTP.has(dest.appProtocol));
}

export function principalOf(mesh: Mesh, w: Workload): string {
  return `${clusterOf(mesh, w.cluster).trustDomain}/ns/${w.namespace}/sa/${w.serviceAccount}`;
}

function targetPortOn(dest: Destination, endpoint: Workload): number {
  if (!dest.service) return dest.targetPort;
  const sp = dest.service.ports.find((p) => p.port === dest.port);
  return (sp && resolveTargetPort(sp, endpoint)) ?? dest.targetPort;
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
    return result;
  };

  const source = findWorkload(mesh, call.from);
  if (!source) {
    steps.push({ step: 'resolve', detail: `no workload '${call.from}' in any cluster` });
    return finish({ to: call.to, port: 0, mtls: false, verdict: 'no-route' });
  }
  const from = source.id;
  let client: Workload = call.client?.sidecar === false ? { ...source, sidecar: false } : source;
  if (call.client?.sidecar === false) steps.push({ step: 'resolve', detail: `client forced without sidecar (plaintext)` });
  let dest = resolveDestination(mesh, client, call.to);
  for (const note of dest.notes ?? []) steps.push({ step: 'resolve', detail: note });
  if (dest.error) {
    steps.push({ step: 'route', detail: dest.error });
    return finish({ from, to: dest.workloads[0]?.id ?? call.to, port: dest.targetPort, mtls: false, verdict: 'no-route' });
  }
  const http = isHttp(call, dest);

  // The client's Sidecar resource: services it does not import are unknown to it, like hosts outside the mesh.
  const scope = client.sidecar ? sidecarFor(mesh, client) : undefined;
  if (scope && (dest.service || dest.serviceEntry)) {
    const ns = dest.service?.namespace ?? dest.serviceEntry!.namespace;
    if (!importsHost(scope, ns, dest.host)) {
      steps.push({ step: 'route', ...scope.source, detail: `egress.hosts do not import ${ns}/${dest.host}: the sidecar has no cluster for it and treats it as an unknown host` });
      if (registryOnly(scope)) {
        steps.push({ step: 'route', ...scope.source, detail: 'outboundTrafficPolicy REGISTRY_ONLY: BlackHoleCluster' });
        return finish({ from, to: dest.workloads[0]?.id ?? call.to, port: dest.targetPort, mtls: false, verdict: 'no-route' });
      }
      steps.push({ step: 'route', detail: 'outboundTrafficPolicy ALLOW_ANY: PassthroughCluster, plaintext to the original destination' });
      client = { ...client, sidecar: false };
    }
  }
  if (scope && dest.external && !dest.serviceEntry && registryOnly(scope)) {
    steps.push({ step: 'route', ...scope.source, detail: `outboundTrafficPolicy REGISTRY_ONLY: ${dest.host} is not in the registry, BlackHoleCluster` });
    return finish({ from, to: call.to, port: dest.port, mtls: false, verdict: 'no-route' });
  }

  // The client sidecar routes by VirtualService (a client without one goes straight to the Service's endpoints).
  let subset: string | undefined;
  if (client.sidecar && (dest.service || dest.serviceEntry)) {
    const routed = applyRouting(mesh, client, dest, call, http, steps);
    if (!routed) return finish({ from, to: dest.workloads[0]?.id ?? call.to, port: dest.targetPort, mtls: false, verdict: 'no-route' });
    dest = routed.dest;
    subset = routed.subset;
  }
  const sourceNetwork = clusterOf(mesh, source.cluster).network;

  // Pick the endpoint: the first in deterministic order that this client can actually reach.
  let endpoint: Workload | undefined;
  let tls = clientTls(mesh, client, dest, undefined, subset);
  let targetPort = dest.targetPort;
  const candidates = dest.workloads.length > 0 ? dest.workloads : [undefined];
  const skipped: string[] = [];
  for (const candidate of candidates) {
    const tp = candidate ? targetPortOn(dest, candidate) : dest.targetPort;
    const decision = clientTls(mesh, client, { ...dest, targetPort: tp }, candidate, subset);
    const network = candidate ? clusterOf(mesh, candidate.cluster).network : sourceNetwork;
    if (candidate && network !== sourceNetwork) {
      if (!hasNetworkGateway(mesh, candidate.cluster, network)) {
        skipped.push(`${candidate.id} is on network ${network}, which has no east-west gateway in the manifests (no istio=eastwestgateway workload or topology.istio.io/network Service): istiod drops its endpoints`);
        continue;
      }
      if (!decision.mtls) {
        skipped.push(`${candidate.id} is on network ${network}: reachable only with Istio mTLS through the east-west gateway, and this client would send ${decision.mode}`);
        continue;
      }
    }
    endpoint = candidate;
    tls = decision;
    targetPort = tp;
    break;
  }
  for (const s of skipped) steps.push({ step: 'route', detail: s });
  if (dest.workloads.length > 0 && !endpoint) {
    steps.push({ step: 'route', detail: 'no reachable endpoint' });
    return finish({ from, to: dest.workloads[0].id, port: dest.targetPort, mtls: false, verdict: 'no-route' });
  }
  const to = endpoint ? endpoint.id : `${dest.host}`;
  if (endpoint && skipped.length > 0) steps.push({ step: 'resolve', detail: `simulated endpoint ${endpoint.id}:${targetPort}` });

  // NetworkPolicy applies to the packets before any mesh decision.
  const crossNetwork = !!endpoint && clusterOf(mesh, endpoint.cluster).network !== sourceNetwork;
  if (crossNetwork) {
    const gw = eastWestGateway(mesh, endpoint!.cluster);
    steps.push({ step: 'route', detail: `cross-network hop: ${source.cluster} (${sourceNetwork}) -> east-west gateway of ${endpoint!.cluster} (${clusterOf(mesh, endpoint!.cluster).network}) port ${EAST_WEST_PORT}, SNI-routed mTLS to ${endpoint!.id}` });
    const egress = networkPolicyAllows(mesh, { workload: source }, {}, EAST_WEST_PORT, 'TCP');
    steps.push(...egress.steps);
    if (!egress.allowed) return finish({ from, to, port: targetPort, mtls: tls.mtls, verdict: 'denied-by-network-policy' });
    const ingress = networkPolicyAllows(mesh, gw ? { workload: gw } : {}, { workload: endpoint }, targetPort, 'TCP');
    steps.push(...ingress.steps);
    if (!ingress.allowed) return finish({ from, to, port: targetPort, mtls: tls.mtls, verdict: 'denied-by-network-policy' });
  } else {
    const np = networkPolicyAllows(mesh, { workload: source }, endpoint ? { workload: endpoint } : {}, endpoint ? targetPort : dest.port, 'TCP');
    steps.push(...np.steps);
    if (!np.allowed) return finish({ from, to, port: targetPort, mtls: tls.mtls, verdict: 'denied-by-network-policy' });
  }

  steps.push(...tls.steps);
  if (!endpoint) {
    steps.push({ step: 'route', detail: `${dest.host}:${dest.port} is outside the mesh: no server-side policy applies` });
    return finish({ from, to, port: dest.port, mtls: tls.mtls, verdict: 'allowed' });
  }

  // Server side: what the endpoint's sidecar (or the bare app) accepts.
  if (!endpoint.sidecar) {
    if (tls.mode !== 'DISABLE') {
      steps.push({ step: 'peer-authentication', detail: `${endpoint.id} has no sidecar: it accepts plaintext only, the client's ${tls.mode} handshake fails` });
      return finish({ from, to, port: targetPort, mtls: tls.mtls, verdict: 'rejected-by-peer-authentication' });
    }
    steps.push({ step: 'peer-authentication', detail: `${endpoint.id} has no sidecar: plaintext accepted, no mesh policy enforced` });
    return finish({ from, to, port: targetPort, mtls: false, verdict: 'allowed' });
  }
  const pa = composedMtlsMode(mesh, endpoint, targetPort);
  steps.push(...pa.steps);
  if (pa.mode === 'STRICT' && !tls.mtls) {
    steps.push({ step: 'peer-authentication', detail: `STRICT rejects a ${tls.mode === 'DISABLE' ? 'plaintext' : `${tls.mode} (non-Istio TLS)`} connection` });
    return finish({ from, to, port: targetPort, mtls: false, verdict: 'rejected-by-peer-authentication' });
  }
  if (pa.mode === 'DISABLE' && tls.mtls) {
    steps.push({ step: 'peer-authentication', detail: 'DISABLE: the sidecar does not terminate mTLS; the application receives a TLS handshake it cannot read' });
    return finish({ from, to, port: targetPort, mtls: true, verdict: 'rejected-by-peer-authentication' });
  }

  // Sidecars accept peers only from their own trust domain and its aliases (PILOT_SKIP_VALIDATE_TRUST_DOMAIN off).
  if (tls.mtls) {
    const server = clusterOf(mesh, endpoint.cluster);
    const peerDomain = clusterOf(mesh, source.cluster).trustDomain;
    if (peerDomain !== server.trustDomain && !server.trustDomainAliases.includes(peerDomain)) {
      steps.push({ step: 'peer-authentication', detail: `peer trust domain ${peerDomain} is neither ${server.trustDomain} nor one of its aliases: the sidecar of ${endpoint.id} rejects the connection` });
      return finish({ from, to, port: targetPort, mtls: true, verdict: 'rejected-by-peer-authentication' });
    }
  }

  const hostHeader = Object.entries(call.headers ?? {}).find(([k]) => k.toLowerCase() === 'host')?.[1];
  // TLS the client sidecar originated with user certificates (SIMPLE/MUTUAL) passes the server sidecar as opaque TCP.
  const parsedAsHttp = http && (tls.mode === 'ISTIO_MUTUAL' || tls.mode === 'DISABLE');
  const request: RequestAttributes = {
    port: targetPort,
    http: parsedAsHttp,
    ...(tls.mtls ? { principal: principalOf(mesh, source), namespace: source.namespace, sni: `outbound_.${dest.port}_.${subset ?? ''}_.${dest.host}` } : {}),
    ...(parsedAsHttp
      ? {
          host: hostHeader ?? hostHeaderFor(call.to),
          method: call.method ?? 'GET',
          path: call.path ?? '/',
          headers: call.headers ?? {},
        }
      : {}),
  };
  const authz = authorize(mesh, endpoint, request);
  steps.push(...authz.steps);
  return finish({ from, to, port: targetPort, mtls: tls.mtls, verdict: authz.allowed ? 'allowed' : 'denied-by-authorization' });
}

/** What an HTTP client puts in Host for `to`: the name as dialled, with the port unless it is 80. */
function hostHeaderFor(to: string): string {
  const m = /^(.*):(\d+)$/.exec(to);
  const name = (m ? m[1] : to).split('/').pop() ?? to;
  return m && m[2] !== '80' ? `${name}:${m[2]}` : name;
}

/**
 * VirtualService routing for a resolved destination: another host or port, and a DestinationRule subset that
 * narrows the endpoints. Undefined when the request has no route (404 NR) or the subset does not exist (503 NR).
 */
function applyRouting(
  mesh: Mesh,
  client: Workload,
  dest: Destination,
  call: TrafficCall,
  http: boolean,
  steps: ExplanationStep[],
): { dest: Destination; subset?: string } | undefined {
  const decision = routeCall(mesh, client, { host: dest.host, port: dest.port, http, method: call.method ?? 'GET', path: call.path ?? '/', headers: call.headers });
  if (!decision) return { dest };
  steps.push({ step: 'route', ...decision.source, detail: decision.detail });
  if (!decision.destination) return undefined;
  let routed = dest;
  const { host, port, subset } = decision.destination;
  if (host !== dest.host || (port !== undefined && port !== dest.port)) {
    routed = resolveDestination(mesh, client, `${host}:${port ?? dest.port}`);
    for (const note of routed.notes ?? []) steps.push({ step: 'resolve', detail: note });
    if (routed.error) {
      steps.push({ step: 'route', detail: routed.error });
      return undefined;
    }
  }
  if (!subset) return { dest: routed };
  const dr = findDestinationRule(mesh, client, routed.host, routed.service?.namespace ?? routed.serviceEntry?.namespace);
  const labels = dr ? subsetLabels(dr, subset) : undefined;
  if (!dr || !labels) {
    steps.push({ step: 'route', detail: `subset ${subset} is not defined by any DestinationRule for ${routed.host}: no cluster, 503 NR` });
    return undefined;
  }
  const workloads = routed.workloads.filter((w) => matchLabelsSubset(labels, w.labels));
  steps.push({ step: 'route', ...dr.source, detail: `subset ${subset} selects ${workloads.length} of ${routed.workloads.length} endpoint(s)` });
  if (workloads.length === 0) return undefined;
  return { dest: { ...routed, workloads }, subset };
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
