// Which WAF filters the workspace deploys (EnvoyFilter, WasmPlugin) and which gateways they cover.
import { ofKinds } from '../../model/kinds';
import type { FieldPath } from '../../model/position';
import { mapSelectorMatches, selectorLookup, type Labels } from '../../model/selectors';
import type { Resource } from '../../model/types';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { getPath, stringMap } from '../../model/workloads';
import { perRun } from '../templates/perRun';

/** Names of request-inspecting filters: WAF engines, or the ext_authz/Lua hooks WAF services plug into. */
const WAF_FILTER_NAME = /ext_authz|lua|waf|coraza|modsec|owasp|app-?protect/i;
const WAF_PLUGIN = /coraza|modsec|waf|owasp|app-?protect/i;

export interface WafFilter {
  resource: Resource;
  namespace: string;
  /** Workload labels the filter selects; empty selects every workload of its namespace (or of the mesh from the root namespace). */
  selector: Labels;
  /** Gateway API Gateways named by targetRefs (namespace/name). */
  targetGateways: string[];
}

function targetGateways(r: Resource): string[] {
  const refs = [getPath(r.obj, ['spec', 'targetRef']), ...((getPath(r.obj, ['spec', 'targetRefs']) as unknown[] | undefined) ?? [])];
  return refs.flatMap((ref) =>
    getPath(ref, ['kind']) === 'Gateway' && typeof getPath(ref, ['name']) === 'string' ? [`${namespaceOf(r)}/${String(getPath(ref, ['name']))}`] : [],
  );
}

/** True when a WasmPlugin looks like a WAF (Coraza, ModSecurity, App Protect...) by its URL or name. */
export function isWafPlugin(r: Resource): boolean {
  return (
    r.kind === 'WasmPlugin' &&
    WAF_PLUGIN.test(`${String(getPath(r.obj, ['spec', 'url']) ?? '')} ${r.name} ${String(getPath(r.obj, ['spec', 'pluginName']) ?? '')}`)
  );
}

/** Config patches of an EnvoyFilter that insert a WAF-capable HTTP filter, with their field paths. */
export function wafPatches(r: Resource): { path: FieldPath; value: Record<string, unknown> }[] {
  const patches = getPath(r.obj, ['spec', 'configPatches']);
  if (r.kind !== 'EnvoyFilter' || !Array.isArray(patches)) return [];
  return patches.flatMap((p, i) => {
    const value = getPath(p, ['patch', 'value']);
    const name = getPath(value, ['name']);
    if (typeof name !== 'string' || !value || typeof value !== 'object') return [];
    const wasmWaf = /wasm/i.test(name) && WAF_PLUGIN.test(JSON.stringify(value));
    return WAF_FILTER_NAME.test(name) || wasmWaf ? [{ path: ['spec', 'configPatches', i, 'patch', 'value'], value: value as Record<string, unknown> }] : [];
  });
}

export const wafFilters: (index: WorkspaceIndex) => WafFilter[] = perRun((index) =>
  ofKinds(index, 'EnvoyFilter', 'WasmPlugin')
    .filter((r) => (r.kind === 'WasmPlugin' ? isWafPlugin(r) : wafPatches(r).length > 0))
    .map((r) => ({
      resource: r,
      namespace: namespaceOf(r),
      selector: stringMap(getPath(r.obj, r.kind === 'EnvoyFilter' ? ['spec', 'workloadSelector', 'labels'] : ['spec', 'selector', 'matchLabels'])),
      targetGateways: targetGateways(r),
    })),
);

/**
 * True when some WAF filter applies to the proxies of a gateway. `podLabels` are the labels of the
 * gateway's pods as far as the workspace knows them; `namespaces` are where those pods may run.
 */
export function wafCovers(index: WorkspaceIndex, gateway: { podLabels: Labels; namespaces: string[]; gatewayApiRef?: string; clusters: string[] }): boolean {
  const roots = new Set(index.config.clusters.filter((c) => gateway.clusters.includes(c.name)).map((c) => c.rootNamespace));
  if (roots.size === 0) roots.add('istio-system');
  return wafFilters(index).some((f) => {
    if (gateway.gatewayApiRef && f.targetGateways.includes(gateway.gatewayApiRef)) return true;
    if (f.targetGateways.length > 0) return false; // a filter bound by targetRefs applies to nothing else
    if (!roots.has(f.namespace) && !gateway.namespaces.includes(f.namespace)) return false;
    return mapSelectorMatches(f.selector, gateway.podLabels);
  });
}

const gatewayPodCache = perRun(() => new Map<string, { podLabels: Labels; namespaces: string[] }>());

/** Labels and namespaces of the pods an Istio Gateway selects, from the workloads the workspace holds. */
export function istioGatewayPods(index: WorkspaceIndex, gateway: Resource): { podLabels: Labels; namespaces: string[] } {
  const selector = stringMap(getPath(gateway.obj, ['spec', 'selector']));
  // Gateways share a handful of selectors (istio: ingressgateway...): resolve each selector once per run.
  const key = JSON.stringify(selector);
  const cache = gatewayPodCache(index);
  let pods = cache.get(key);
  if (!pods) {
    const namespaces = new Set<string>();
    const podLabels: Labels = { ...selector };
    if (Object.keys(selector).length > 0) {
      for (const [ns, group] of selectorLookup(index).podsByNamespace) {
        for (const p of group) {
          if (!mapSelectorMatches(selector, p.labels)) continue;
          namespaces.add(ns);
          Object.assign(podLabels, p.labels);
        }
      }
    }
    pods = { podLabels, namespaces: [...namespaces] };
    cache.set(key, pods);
  }
  const own = namespaceOf(gateway);
  return { podLabels: pods.podLabels, namespaces: pods.namespaces.includes(own) ? pods.namespaces : [own, ...pods.namespaces] };
}
