// Which policies of the workspace apply to a workload, for the side panel ("policies that select it").
import { mapSelectorMatches, parseLabelSelector, selectorMatches, type Labels } from '../model/selectors';
import type { Resource } from '../model/types';
import { resourceLabel } from '../model/types';
import { getPath, stringMap } from '../model/workloads';
import { namespaceOf } from '../model/workspace';
import { lineOf } from './references';
import type { PolicyRef } from './types';

/** The workload as selectors see it. */
export interface SelectedWorkload {
  cluster: string;
  namespace: string;
  labels: Labels;
  /** FQDNs and short names of the Services that select it (DestinationRules are keyed by host). */
  hosts: string[];
}

// Istio policies select by spec.selector.matchLabels (Sidecar: spec.workloadSelector.labels); without a
// selector they cover the namespace, or the whole mesh when they live in the root namespace.
const ISTIO_SELECTOR_PATHS: Record<string, readonly string[]> = {
  PeerAuthentication: ['spec', 'selector', 'matchLabels'],
  AuthorizationPolicy: ['spec', 'selector', 'matchLabels'],
  RequestAuthentication: ['spec', 'selector', 'matchLabels'],
  Telemetry: ['spec', 'selector', 'matchLabels'],
  WasmPlugin: ['spec', 'selector', 'matchLabels'],
  EnvoyFilter: ['spec', 'workloadSelector', 'labels'],
  Sidecar: ['spec', 'workloadSelector', 'labels'],
};

function inCluster(policy: Resource, cluster: string): boolean {
  return policy.clusters.length === 0 || policy.clusters.includes(cluster);
}

function istioPolicySelects(policy: Resource, w: SelectedWorkload, rootNamespace: string): boolean {
  const ns = namespaceOf(policy);
  if (ns !== w.namespace && ns !== rootNamespace) return false;
  // targetRefs bind a policy to a Gateway or Service, not to the pods' selector.
  if (getPath(policy.obj, ['spec', 'targetRefs']) || getPath(policy.obj, ['spec', 'targetRef'])) return false;
  const selector = getPath(policy.obj, ISTIO_SELECTOR_PATHS[policy.kind] as string[]);
  if (selector === undefined || selector === null) return true;
  // A selector in the root namespace still only picks workloads by labels (in any namespace).
  return mapSelectorMatches(stringMap(selector), w.labels);
}

function networkPolicySelects(policy: Resource, w: SelectedWorkload): boolean {
  if (namespaceOf(policy) !== w.namespace) return false;
  const selector = parseLabelSelector(getPath(policy.obj, ['spec', 'podSelector']) ?? {});
  return selector !== undefined && selectorMatches(selector, w.labels);
}

function hostMatches(pattern: string, hosts: string[]): boolean {
  if (pattern.startsWith('*')) return hosts.some((h) => h.endsWith(pattern.slice(1)));
  return hosts.includes(pattern);
}

function destinationRuleSelects(policy: Resource, w: SelectedWorkload): boolean {
  const host = getPath(policy.obj, ['spec', 'host']);
  if (typeof host !== 'string') return false;
  // Short names in a DestinationRule resolve in the rule's namespace.
  const ns = namespaceOf(policy);
  const qualified = host.includes('.') || host === '*' ? host : `${host}.${ns}.svc`;
  return hostMatches(qualified, w.hosts) || hostMatches(host, w.hosts);
}

export const POLICY_KINDS = [...Object.keys(ISTIO_SELECTOR_PATHS), 'NetworkPolicy', 'DestinationRule'];

/** Policies among `candidates` that apply to the workload, sorted by kind then name. */
export function policiesSelecting(
  candidates: readonly Resource[],
  w: SelectedWorkload,
  rootNamespace: string,
  relativePath: (file: string) => string,
): PolicyRef[] {
  const out: PolicyRef[] = [];
  for (const p of candidates) {
    if (!inCluster(p, w.cluster)) continue;
    let selects = false;
    if (p.kind in ISTIO_SELECTOR_PATHS) selects = p.apiVersion.includes('istio.io') && istioPolicySelects(p, w, rootNamespace);
    else if (p.kind === 'NetworkPolicy') selects = networkPolicySelects(p, w);
    else if (p.kind === 'DestinationRule') selects = destinationRuleSelects(p, w);
    if (selects) out.push({ policy: resourceLabel(p), kind: p.kind, file: relativePath(p.file.path), line: lineOf(p, ['metadata', 'name']) });
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.policy.localeCompare(b.policy));
}
