// Istio exportTo visibility: '*' (default) everyone, '.' the config's own namespace, '~' nobody, or listed namespaces.
import { getPath } from '../model/workloads';
import type { MeshPolicy } from './types';

export function exportedTo(policy: MeshPolicy, namespace: string): boolean {
  const exportTo = getPath(policy.resource.obj, ['spec', 'exportTo']);
  if (!Array.isArray(exportTo) || exportTo.length === 0) return true;
  return exportTo.some((e) => {
    const v = String(e);
    return v === '*' || (v === '.' && namespace === policy.namespace) || v === namespace;
  });
}
