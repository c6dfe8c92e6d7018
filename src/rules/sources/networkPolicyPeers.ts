// Reading NetworkPolicy ingress rules and their ipBlock peers with field paths.
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';

export interface IngressIpBlock {
  cidr: string;
  path: FieldPath;
  except: string[];
}

export function ingressRules(np: Resource): { index: number; rule: Record<string, unknown> }[] {
  const rules = getPath(np.obj, ['spec', 'ingress']);
  if (!Array.isArray(rules)) return [];
  return rules.map((rule, index) => ({ index, rule: rule && typeof rule === 'object' ? (rule as Record<string, unknown>) : {} }));
}

export function ingressIpBlocks(np: Resource): IngressIpBlock[] {
  return ingressRules(np).flatMap(({ index, rule }) => {
    const from = rule.from;
    if (!Array.isArray(from)) return [];
    return from.flatMap((peer, j) => {
      const cidr = getPath(peer, ['ipBlock', 'cidr']);
      const except = getPath(peer, ['ipBlock', 'except']);
      return typeof cidr === 'string'
        ? [{ cidr, path: ['spec', 'ingress', index, 'from', j, 'ipBlock', 'cidr'], except: Array.isArray(except) ? except.map(String) : [] }]
        : [];
    });
  });
}

/** policyTypes as the API server defaults them (SetDefaults_NetworkPolicy): when absent or empty, Ingress, plus Egress when egress has a rule. */
export function policyTypes(np: Resource): string[] {
  const types = getPath(np.obj, ['spec', 'policyTypes']);
  if (Array.isArray(types) && types.length > 0) return types.map(String);
  const egress = getPath(np.obj, ['spec', 'egress']);
  return Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}
