// Template for "every namespace with workloads needs an X" checks (default-deny, STRICT mTLS, AuthorizationPolicy).
import { appendDocument } from '../../fix/yamlEdit';
import { selectorLookup } from '../../model/selectors';
import type { Resource } from '../../model/types';
import { WORKLOAD_KINDS } from '../../model/workloads';
import type { WorkspaceIndex } from '../../model/workspace';
import type { Rule, RuleMeta } from '../types';
import { perKinds } from './perKinds';

/** Namespaces that system components own: users do not put application workloads or policies there. */
export const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'istio-system', 'cert-manager', 'local-path-storage']);

export interface NamespaceWithWorkloads {
  namespace: string;
  /** Clusters where the namespace runs at least one workload. */
  clusters: string[];
  /** Where a finding about the namespace points: its Namespace object, else its first workload. */
  anchor: Resource;
}

/** Application namespaces of the workspace, per cluster, with the object a finding should point at. */
export const namespacesWithWorkloads: (index: WorkspaceIndex) => NamespaceWithWorkloads[] = perKinds(['Namespace', ...WORKLOAD_KINDS], (index) => {
  const lookup = selectorLookup(index);
  const out: NamespaceWithWorkloads[] = [];
  for (const [namespace, pods] of lookup.podsByNamespace) {
    if (SYSTEM_NAMESPACES.has(namespace) || index.config.clusters.some((c) => c.rootNamespace === namespace)) continue;
    const clusters = [...new Set(pods.flatMap((p) => p.clusters))].sort();
    const anchor = lookup.namespaces.get(namespace)?.resource ?? pods[0].resource;
    out.push({ namespace, clusters, anchor });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace));
});

export interface NamespaceCoverageParams {
  meta: RuleMeta;
  /**
   * Builds, once per run, the test "is `namespace` covered in `cluster`" (e.g. by a default-deny
   * NetworkPolicy there), so the check never rescans the workspace per namespace.
   */
  coverage(index: WorkspaceIndex): (namespace: string, cluster: string) => boolean;
  /** The kinds `coverage` reads (through index.byKind); when given, its result is kept until one of them changes. */
  coverageKinds?: readonly string[];
  message(namespace: string, clusters: string[]): string;
  /** The object to add next to the namespace, when a fix exists. */
  fixDocument?(namespace: string): { title: string; safe: boolean; object: Record<string, unknown> };
}

export function namespaceCoverageRule(p: NamespaceCoverageParams): Rule {
  const coverage = p.coverageKinds ? perKinds(p.coverageKinds, p.coverage) : p.coverage;
  return {
    meta: p.meta,
    checkWorkspace(ctx) {
      // On a re-lint of some files only the namespaces anchored there can produce findings.
      const namespaces = namespacesWithWorkloads(ctx.index).filter((ns) => ctx.wants(ns.anchor));
      if (namespaces.length === 0) return;
      const covered = coverage(ctx.index);
      for (const ns of namespaces) {
        const uncovered = ns.clusters.filter((cluster) => !covered(ns.namespace, cluster));
        if (uncovered.length === 0) continue;
        const multi = ctx.config.clusters.length > 1;
        const doc = p.fixDocument?.(ns.namespace);
        ctx.report({
          resource: ns.anchor,
          // A workload anchor points at its namespace field; without one (the default namespace), at its name.
          path: ns.anchor.kind !== 'Namespace' && ns.anchor.namespace !== undefined ? ['metadata', 'namespace'] : ['metadata', 'name'],
          message: p.message(ns.namespace, multi ? uncovered : []),
          fix: doc ? () => ({ title: doc.title, safe: doc.safe, edits: [appendDocument(ns.anchor.file, doc.object)] }) : undefined,
        });
      }
    },
  };
}
