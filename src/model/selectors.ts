// Label selectors as Kubernetes and Istio evaluate them, and which workloads/namespaces of the workspace they match.
import { ofKinds } from './kinds';
import type { Resource } from './types';
import type { WorkspaceIndex } from './workspace';
import { namespaceOf } from './workspace';
import { isWorkload, podTemplate, stringMap, WORKLOAD_KINDS } from './workloads';

export type Labels = Record<string, string>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

/** A metav1.LabelSelector. `{}` selects everything; see parseLabelSelector for null. */
export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: SelectorRequirement[];
  /** Set when an expression has an unknown operator: Kubernetes rejects such objects, so it selects nothing. */
  invalid?: string;
}

const OPERATORS = new Set<string>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Label that the API server sets on every Namespace (Kubernetes >= 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Reads a LabelSelector from a manifest value. Returns undefined for a missing or null selector, which
 * callers must treat per field (NetworkPolicy peer: "not set"; Service: selects nothing).
 */
export function parseLabelSelector(value: unknown): LabelSelector | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return { matchLabels: {}, matchExpressions: [], invalid: 'selector is not a map' };
  const v = value as Record<string, unknown>;
  const selector: LabelSelector = { matchLabels: stringMap(v.matchLabels), matchExpressions: [] };
  const exprs = v.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      const key = e && typeof e === 'object' ? (e as Record<string, unknown>).key : undefined;
      const op = e && typeof e === 'object' ? (e as Record<string, unknown>).operator : undefined;
      const values = e && typeof e === 'object' ? (e as Record<string, unknown>).values : undefined;
      if (typeof key !== 'string' || typeof op !== 'string' || !OPERATORS.has(op)) {
        selector.invalid = `invalid matchExpressions entry (operator ${String(op)})`;
        continue;
      }
      selector.matchExpressions.push({
        key,
        operator: op as SelectorOperator,
        values: Array.isArray(values) ? values.map((x) => String(x)) : [],
      });
    }
  }
  return selector;
}

/** True when the selector has no constraints at all (it selects every object). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return !selector.invalid && Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

function requirementMatches(req: SelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key]);
    case 'NotIn':
      // As in apimachinery: an absent label satisfies NotIn.
      return !has || !req.values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** LabelSelector semantics: every matchLabels pair and every expression must hold. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  if (selector.invalid) return false;
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  return selector.matchExpressions.every((req) => requirementMatches(req, labels));
}

/** Plain map selectors (Service spec.selector, Istio workloadSelector.matchLabels): all pairs must match. */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** A workload's pods as selectors see them: the pod template's labels, in the workload's namespace. */
export interface PodGroup {
  resource: Resource;
  namespace: string;
  labels: Labels;
  clusters: string[];
  /** The ServiceAccount the pods run as (spec.serviceAccountName, else 'default'). */
  serviceAccount: string;
}

/** A namespace of the workspace: declared by a Namespace object, or running workloads. */
export interface NamespaceInfo {
  name: string;
  /** Namespace object's labels plus kubernetes.io/metadata.name, which the API server always sets. */
  labels: Labels;
  resource?: Resource;
  clusters: string[];
}

export interface SelectorLookup {
  podsByNamespace: Map<string, PodGroup[]>;
  namespaces: Map<string, NamespaceInfo>;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterIssuer',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'IngressClass',
  'GatewayClass',
  'Node',
  'IstioOperator',
]);

/** True for kinds that live in a namespace (so an object of that kind implies its namespace exists). */
export function isNamespaced(kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** The only kinds the lookup reads: it is rebuilt when one of them changes, and survives edits of any other kind. */
const LOOKUP_KINDS: readonly string[] = ['Namespace', ...WORKLOAD_KINDS];
const lookups = new WeakMap<WorkspaceIndex, { version: string; lookup: SelectorLookup }>();

/** Workloads by namespace and namespace labels, built once per state of the workspace's Namespaces and workloads. */
export function selectorLookup(index: WorkspaceIndex): SelectorLookup {
  const version = index.kindsVersion(LOOKUP_KINDS);
  const cached = lookups.get(index);
  if (cached && cached.version === version) return cached.lookup;
  const lookup: SelectorLookup = { podsByNamespace: new Map(), namespaces: new Map() };
  const addNamespace = (name: string, r: Resource) => {
    let ns = lookup.namespaces.get(name);
    if (!ns) lookup.namespaces.set(name, (ns = { name, labels: { [NAMESPACE_NAME_LABEL]: name }, clusters: [] }));
    for (const c of r.clusters) if (!ns.clusters.includes(c)) ns.clusters.push(c);
    return ns;
  };
  for (const r of ofKinds(index, 'Namespace')) {
    if (r.apiVersion !== 'v1') continue;
    const ns = addNamespace(r.name, r);
    ns.resource ??= r;
    Object.assign(ns.labels, stringMap((r.obj.metadata as Record<string, unknown> | undefined)?.labels), { [NAMESPACE_NAME_LABEL]: r.name });
  }
  for (const kind of WORKLOAD_KINDS) {
    for (const r of ofKinds(index, kind)) {
      const tpl = isWorkload(r) ? podTemplate(r) : undefined;
      if (!tpl) continue;
      const name = namespaceOf(r);
      addNamespace(name, r);
      let list = lookup.podsByNamespace.get(name);
      if (!list) lookup.podsByNamespace.set(name, (list = []));
      const sa = tpl.spec.serviceAccountName ?? tpl.spec.serviceAccount;
      list.push({
        resource: r,
        namespace: name,
        labels: tpl.labels,
        clusters: r.clusters,
        serviceAccount: typeof sa === 'string' && sa !== '' ? sa : 'default',
      });
    }
  }
  lookups.set(index, { version, lookup });
  return lookup;
}

/** Workloads in `namespace` whose pod labels match `selector` (undefined selects all, as Istio's selector-less policies do). */
export function workloadsMatching(index: WorkspaceIndex, namespace: string, selector: LabelSelector | undefined): PodGroup[] {
  const pods = selectorLookup(index).podsByNamespace.get(namespace) ?? [];
  return selector ? pods.filter((p) => selectorMatches(selector, p.labels)) : pods;
}

/** Workloads in `namespace` matched by a plain label map (Service selector, Istio selector.matchLabels). */
export function workloadsMatchingLabels(index: WorkspaceIndex, namespace: string, labels: Labels): PodGroup[] {
  const pods = selectorLookup(index).podsByNamespace.get(namespace) ?? [];
  return pods.filter((p) => mapSelectorMatches(labels, p.labels));
}

/** Namespaces of the workspace whose labels (incl. kubernetes.io/metadata.name) match `selector`. */
export function namespacesMatching(index: WorkspaceIndex, selector: LabelSelector): NamespaceInfo[] {
  return [...selectorLookup(index).namespaces.values()].filter((ns) => selectorMatches(selector, ns.labels));
}

/** Labels of a namespace as selectors see them; a namespace without a Namespace object still has its name label. */
export function namespaceLabels(index: WorkspaceIndex, namespace: string): Labels {
  return selectorLookup(index).namespaces.get(namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: namespace };
}

/**
 * Workloads a NetworkPolicy peer (`from`/`to` entry without ipBlock) selects, relative to the policy's
 * namespace: podSelector alone means that namespace; namespaceSelector alone means every pod of the
 * matched namespaces; both means the matching pods of the matched namespaces.
 */
export function networkPolicyPeerWorkloads(
  index: WorkspaceIndex,
  policyNamespace: string,
  peer: { podSelector?: unknown; namespaceSelector?: unknown },
): PodGroup[] {
  const podSel = parseLabelSelector(peer.podSelector);
  const nsSel = parseLabelSelector(peer.namespaceSelector);
  if (!podSel && !nsSel) return [];
  const namespaces = nsSel ? namespacesMatching(index, nsSel).map((ns) => ns.name) : [policyNamespace];
  return namespaces.flatMap((ns) => workloadsMatching(index, ns, podSel ?? { matchLabels: {}, matchExpressions: [] }));
}
