// Which namespaces hold production workloads: by name (prod, production, prd) or by an environment label.
import { namespaceLabels } from '../../model/selectors';
import type { WorkspaceIndex } from '../../model/workspace';

const PROD_NAME = /(^|[-_.])(prod|production|prd)($|[-_.])/;
const ENV_LABELS = ['env', 'environment', 'stage', 'tier'];
const PROD_VALUES = new Set(['prod', 'production', 'prd']);

export function isProductionNamespace(index: WorkspaceIndex, namespace: string): boolean {
  if (PROD_NAME.test(namespace)) return true;
  const labels = namespaceLabels(index, namespace);
  return ENV_LABELS.some((k) => PROD_VALUES.has((labels[k] ?? '').toLowerCase()));
}
