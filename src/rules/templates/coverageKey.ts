// Per-run sets of "namespace in cluster" keys, the shape coverage checks build once and then query.
import type { Resource } from '../../model/types';
import { namespaceOf } from '../../model/workspace';

export type CoverageSet = Set<string>;

export function coverageKey(namespace: string, cluster: string): string {
  return `${cluster}\u0000${namespace}`;
}

/** Marks `r`'s namespace as covered in every cluster `r` belongs to. */
export function markCovered(set: CoverageSet, r: Resource, namespace = namespaceOf(r)): void {
  for (const c of r.clusters) set.add(coverageKey(namespace, c));
}
