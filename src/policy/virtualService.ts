// VirtualService routing a sidecar applies to a call: which route matches, and the destination host, port and subset.
import { getPath, stringMap } from '../model/workloads';
import { exportedTo } from './exportTo';
import { hostMatches, hostSpecificity, resolveShortName } from './hosts';
import { matchLabelsSubset } from './labelSelector';
import type { Mesh, MeshPolicy, PolicySource, Workload } from './types';
import { fullMatchRegex } from '../model/userRegex';

export interface RouteRequest {
  /** FQDN the client called. */
  host: string;
  port: number;
  http: boolean;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
}

export interface RouteDecision {
  source: PolicySource;
  /** Undefined when the VirtualService has no route for this request (Envoy answers 404 NR). */
  destination?: { host: string; port?: number; subset?: string };
  detail: string;
}

function vsHosts(vs: MeshPolicy): string[] {
  const hosts = getPath(vs.resource.obj, ['spec', 'hosts']);
  return Array.isArray(hosts) ? hosts.map((h) => resolveShortName(String(h), vs.namespace)) : [];
}

/** VirtualServices bound to gateways only (no "mesh" in gateways) do not apply to sidecars. */
function appliesToSidecars(vs: MeshPolicy): boolean {
  const gateways = getPath(vs.resource.obj, ['spec', 'gateways']);
  return !Array.isArray(gateways) || gateways.length === 0 || gateways.map(String).includes('mesh');
}

/** The VirtualService a client uses for `host`: visible to its namespace, most specific host, then oldest. */
export function findVirtualService(mesh: Mesh, client: Workload, host: string): MeshPolicy | undefined {
  let best: MeshPolicy | undefined;
  let bestScore = -1;
  for (const vs of mesh.virtualServices) {
    if (!vs.clusters.includes(client.cluster) || !appliesToSidecars(vs)) continue;
    if (vs.namespace !== client.namespace && !exportedTo(vs, client.namespace)) continue;
    for (const h of vsHosts(vs)) {
      if (!hostMatches(h, host)) continue;
      const score = hostSpecificity(h);
      if (score > bestScore || (score === bestScore && best && (vs.created < best.created || (vs.created === best.created && vs.name < best.name)))) {
        best = vs;
        bestScore = score;
      }
    }
  }
  return best;
}

/** Istio StringMatch: exact, prefix or regex (full match, as Envoy's safe_regex). */
function stringMatch(m: unknown, value: string | undefined): boolean {
  if (!m || typeof m !== 'object') return true;
  if (value === undefined) return false;
  const o = m as Record<string, unknown>;
  if (typeof o.exact === 'string') return value === o.exact;
  if (typeof o.prefix === 'string') return value.startsWith(o.prefix);
  if (typeof o.regex === 'string') {
    // Linear time or a bounded cost, whatever the manifest's pattern (userRegex.ts); one that cannot run matches nothing.
    const regex = fullMatchRegex(o.regex);
    return regex.ok && regex.test(value);
  }
  return true;
}

function httpMatch(match: unknown, req: RouteRequest, client: Workload): boolean {
  const m = (match ?? {}) as Record<string, unknown>;
  if (m.port !== undefined && Number(m.port) !== req.port) return false;
  if (m.sourceLabels && !matchLabelsSubset(stringMap(m.sourceLabels), client.labels)) return false;
  if (typeof m.sourceNamespace === 'string' && m.sourceNamespace !== client.namespace) return false;
  if (!stringMatch(m.uri, req.path?.split('?')[0])) return false;
  if (!stringMatch(m.method, req.method)) return false;
  const headers = m.headers && typeof m.headers === 'object' ? (m.headers as Record<string, unknown>) : {};
  for (const [name, cond] of Object.entries(headers)) {
    const value = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (!stringMatch(cond, value)) return false;
  }
  return true;
}

function tcpMatch(match: unknown, req: RouteRequest, client: Workload): boolean {
  const m = (match ?? {}) as Record<string, unknown>;
  if (m.port !== undefined && Number(m.port) !== req.port) return false;
  if (m.sourceLabels && !matchLabelsSubset(stringMap(m.sourceLabels), client.labels)) return false;
  if (typeof m.sourceNamespace === 'string' && m.sourceNamespace !== client.namespace) return false;
  return true;
}

/** The heaviest destination of a route (the one most requests take; the first on ties). */
function mainDestination(route: unknown, vsNamespace: string): { host: string; port?: number; subset?: string } | undefined {
  if (!Array.isArray(route) || route.length === 0) return undefined;
  const weighted = route.map((r, i) => ({ r, w: Number(getPath(r, ['weight']) ?? (route.length === 1 ? 100 : 0)), i }));
  const top = weighted.sort((a, b) => b.w - a.w || a.i - b.i)[0].r;
  const host = getPath(top, ['destination', 'host']);
  if (typeof host !== 'string') return undefined;
  const port = getPath(top, ['destination', 'port', 'number']);
  const subset = getPath(top, ['destination', 'subset']);
  return {
    host: resolveShortName(host, vsNamespace),
    ...(port !== undefined ? { port: Number(port) } : {}),
    ...(typeof subset === 'string' ? { subset } : {}),
  };
}

/**
 * Routes a request through the VirtualService for its host: the first http (or tcp) route whose match list is
 * empty or has a matching entry. Undefined when no VirtualService applies (default routing to the host).
 */
export function routeCall(mesh: Mesh, client: Workload, req: RouteRequest): RouteDecision | undefined {
  const vs = findVirtualService(mesh, client, req.host);
  if (!vs) return undefined;
  const kind = req.http ? 'http' : 'tcp';
  const routes = getPath(vs.resource.obj, ['spec', kind]);
  if (!Array.isArray(routes) || routes.length === 0) {
    // A VirtualService with only http routes does not capture TCP traffic and vice versa: default routing.
    return undefined;
  }
  for (let i = 0; i < routes.length; i++) {
    const matches = getPath(routes[i], ['match']);
    const ok = !Array.isArray(matches) || matches.length === 0 || matches.some((m) => (req.http ? httpMatch(m, req, client) : tcpMatch(m, req, client)));
    if (!ok) continue;
    const destination = mainDestination(getPath(routes[i], ['route']), vs.namespace);
    if (!destination) continue;
    const where = `${kind}[${i}]`;
    return {
      source: vs.source,
      destination,
      detail: `${where} routes to ${destination.host}${destination.port ? `:${destination.port}` : ''}${destination.subset ? ` subset ${destination.subset}` : ''}`,
    };
  }
  return { source: vs.source, detail: `no ${kind} route matches ${req.method ?? ''} ${req.path ?? ''}`.trim() };
}
