// Istio's mesh-wide path normalization (MeshConfig pathNormalization), which decides what path AuthorizationPolicy sees.
import { parse } from 'yaml';
import type { Resource } from '../model/types';
import { getPath } from '../model/workloads';
import { clustersOf, type MeshSources } from './meshSources';

/** MeshConfig.ProxyPathNormalization.NormalizationType; DEFAULT is BASE ("Currently, this is BASE"). */
export type PathNormalization = 'NONE' | 'BASE' | 'MERGE_SLASHES' | 'DECODE_AND_MERGE_SLASHES';
const MODES = new Set(['NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES']);

/** The mode a mesh config object sets: the istio (or istio-<rev>) ConfigMap of the root namespace, or an IstioOperator. */
export function meshConfigPathNormalization(r: Resource, rootNamespace: string): PathNormalization | undefined {
  let meshConfig: unknown;
  if (r.kind === 'ConfigMap' && (r.namespace ?? 'default') === rootNamespace && /^istio(-.+)?$/.test(r.name)) {
    const text = getPath(r.obj, ['data', 'mesh']);
    if (typeof text !== 'string') return undefined;
    try {
      meshConfig = parse(text, { maxAliasCount: 10 });
    } catch {
      return undefined;
    }
  } else if (r.kind === 'IstioOperator') {
    meshConfig = getPath(r.obj, ['spec', 'meshConfig']);
  } else return undefined;
  const mode = getPath(meshConfig, ['pathNormalization', 'normalization']);
  if (typeof mode !== 'string') return undefined;
  if (mode === 'DEFAULT') return 'BASE';
  return MODES.has(mode) ? (mode as PathNormalization) : undefined;
}

/** Clusters whose mesh config sets a path normalization other than the default, by cluster name. */
export function pathNormalizationByCluster({ clusters, resources }: MeshSources): Record<string, PathNormalization> | undefined {
  let out: Record<string, PathNormalization> | undefined;
  for (const r of resources) {
    if (r.kind !== 'ConfigMap' && r.kind !== 'IstioOperator') continue;
    for (const c of clustersOf(r, clusters)) {
      const mode = meshConfigPathNormalization(r, clusters.find((x) => x.name === c)?.rootNamespace ?? 'istio-system');
      if (mode && mode !== 'BASE') (out ??= {})[c] = mode;
    }
  }
  return out;
}
