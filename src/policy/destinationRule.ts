// Which DestinationRule a client uses for a host, and the TLS settings it gives a port (and subset).
import { getPath, stringMap } from '../model/workloads';
import { exportedTo } from './exportTo';
import { hostMatches, hostSpecificity, resolveShortName } from './hosts';
import { matchLabelsSubset } from './labelSelector';
import { clusterOf } from './meshQueries';
import { meshIndex } from './meshIndex';
import type { Mesh, MeshPolicy, Workload } from './types';

export interface ClientTlsSetting {
  mode: 'ISTIO_MUTUAL' | 'MUTUAL' | 'SIMPLE' | 'DISABLE';
  policy: MeshPolicy;
  /** Where in the DestinationRule the setting is: trafficPolicy.tls, portLevelSettings[port 8080].tls, subsets[v1]... */
  where: string;
}

/** The DR host as istiod stores it: short names expand in the DR's own namespace. */
export function destinationRuleHost(dr: MeshPolicy): string {
  return resolveShortName(String(getPath(dr.resource.obj, ['spec', 'host']) ?? ''), dr.namespace);
}

function mostSpecific(candidates: MeshPolicy[], host: string): MeshPolicy | undefined {
  let best: MeshPolicy | undefined;
  let bestScore = -1;
  for (const dr of candidates) {
    const pattern = destinationRuleHost(dr);
    if (!hostMatches(pattern, host)) continue;
    const score = hostSpecificity(pattern);
    // Ties: the oldest wins (istiod merges same-host rules with the oldest first).
    if (score > bestScore || (score === bestScore && best && (dr.created < best.created || (dr.created === best.created && dr.name < best.name)))) {
      best = dr;
      bestScore = score;
    }
  }
  return best;
}

/**
 * istiod's lookup order for the DestinationRule a sidecar applies to `host`: rules in the client's own namespace
 * (workload-selector rules that select the client first), then rules exported by the service's namespace, then
 * rules exported by the root namespace. The first namespace with a matching host wins, most specific host first.
 */
export function findDestinationRule(mesh: Mesh, client: Workload, host: string, serviceNamespace: string | undefined): MeshPolicy | undefined {
  if (mesh.destinationRules.length === 0) return undefined;
  const index = meshIndex(mesh);
  const own = index.byNamespace(mesh.destinationRules, client.cluster, client.namespace);
  const bySelector = mostSpecific(
    own.filter((d) => selectsClient(d, client) === true),
    host,
  );
  if (bySelector) return bySelector;
  const local = mostSpecific(
    own.filter((d) => selectsClient(d, client) === undefined),
    host,
  );
  if (local) return local;
  const root = clusterOf(mesh, client.cluster).rootNamespace;
  for (const ns of [serviceNamespace, root]) {
    if (!ns || ns === client.namespace) continue;
    const visible = index
      .byNamespace(mesh.destinationRules, client.cluster, ns)
      .filter((d) => selectsClient(d, client) === undefined && exportedTo(d, client.namespace));
    const found = mostSpecific(visible, host);
    if (found) return found;
  }
  return undefined;
}

/** Undefined for rules without workloadSelector (they apply to every client that sees them). */
function selectsClient(dr: MeshPolicy, client: Workload): boolean | undefined {
  const sel = getPath(dr.resource.obj, ['spec', 'workloadSelector', 'matchLabels']);
  return sel === undefined ? undefined : matchLabelsSubset(stringMap(sel), client.labels);
}

function tlsMode(value: unknown): ClientTlsSetting['mode'] | undefined {
  const m = getPath(value, ['mode']);
  return m === 'ISTIO_MUTUAL' || m === 'MUTUAL' || m === 'SIMPLE' || m === 'DISABLE' ? m : undefined;
}

/** TLS of a traffic policy for `port`: a portLevelSettings entry's tls replaces the policy's tls for that port. */
function policyTls(policy: unknown, port: number, prefix: string): { mode: ClientTlsSetting['mode']; where: string } | undefined {
  const levels = getPath(policy, ['portLevelSettings']);
  if (Array.isArray(levels)) {
    const entry = levels.find((l) => Number(getPath(l, ['port', 'number'])) === port);
    const m = entry ? tlsMode(getPath(entry, ['tls'])) : undefined;
    if (m) return { mode: m, where: `${prefix}portLevelSettings[port ${port}].tls` };
  }
  const m = tlsMode(getPath(policy, ['tls']));
  return m ? { mode: m, where: `${prefix}tls` } : undefined;
}

/** The DR TLS setting for a service port, with a subset's trafficPolicy layered over the top-level one. */
export function destinationRuleTls(dr: MeshPolicy, port: number, subset?: string): ClientTlsSetting | undefined {
  const spec = getPath(dr.resource.obj, ['spec']);
  if (subset) {
    const subsets = getPath(spec, ['subsets']);
    const s = Array.isArray(subsets) ? subsets.find((x) => getPath(x, ['name']) === subset) : undefined;
    const t = s ? policyTls(getPath(s, ['trafficPolicy']), port, `subsets[${subset}].trafficPolicy.`) : undefined;
    if (t) return { ...t, policy: dr };
  }
  const t = policyTls(getPath(spec, ['trafficPolicy']), port, 'trafficPolicy.');
  return t ? { ...t, policy: dr } : undefined;
}

/** Labels a DR subset adds to the service selector, to pick the subset's endpoints. */
export function subsetLabels(dr: MeshPolicy, subset: string): Record<string, string> | undefined {
  const subsets = getPath(dr.resource.obj, ['spec', 'subsets']);
  const s = Array.isArray(subsets) ? subsets.find((x) => getPath(x, ['name']) === subset) : undefined;
  return s ? stringMap(getPath(s, ['labels'])) : undefined;
}
