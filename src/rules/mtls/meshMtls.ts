// The mTLS mode Istio applies to a namespace: namespace-wide PeerAuthentication, else mesh-wide, else PERMISSIVE.
import { ofKinds } from '../../model/kinds';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { coverageKey } from '../templates/coverageKey';
import { perKinds } from '../templates/perKinds';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** A PeerAuthentication without a selector (or with an empty one) applies to its whole namespace. */
export function isNamespaceWide(pa: Resource): boolean {
  const labels = getPath(pa.obj, ['spec', 'selector', 'matchLabels']);
  return !labels || typeof labels !== 'object' || Object.keys(labels).length === 0;
}

/** Declared mode of a PeerAuthentication; UNSET (or absent) inherits from the parent level. */
export function declaredMode(pa: Resource): MtlsMode | undefined {
  const mode = getPath(pa.obj, ['spec', 'mtls', 'mode']);
  return mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE' ? mode : undefined;
}

export function rootNamespaceOf(index: WorkspaceIndex, cluster: string): string {
  return index.config.clusters.find((c) => c.name === cluster)?.rootNamespace ?? index.config.clusters[0].rootNamespace;
}

export interface MtlsModes {
  /** Mode declared for the namespace itself or mesh-wide; undefined when nothing declares one. */
  declared(namespace: string, cluster: string): MtlsMode | undefined;
  /** What Istio applies at namespace level: the declared mode, else its default PERMISSIVE. */
  effective(namespace: string, cluster: string): MtlsMode;
}

/** Namespace- and mesh-level PeerAuthentication modes, built once per workspace state. */
export const mtlsModes = perKinds(['PeerAuthentication'], (index: WorkspaceIndex): MtlsModes => {
  const byNamespace = new Map<string, MtlsMode>();
  const mesh = new Map<string, MtlsMode>();
  for (const pa of ofKinds(index, 'PeerAuthentication')) {
    const mode = declaredMode(pa);
    if (!mode || !isNamespaceWide(pa)) continue;
    for (const cluster of pa.clusters) {
      if (namespaceOf(pa) === rootNamespaceOf(index, cluster)) mesh.set(cluster, mode);
      else byNamespace.set(coverageKey(namespaceOf(pa), cluster), mode);
    }
  }
  const declared = (namespace: string, cluster: string) => byNamespace.get(coverageKey(namespace, cluster)) ?? mesh.get(cluster);
  return { declared, effective: (ns, c) => declared(ns, c) ?? 'PERMISSIVE' };
});
