// ZT0108: an AuthorizationPolicy principal naming a ServiceAccount that no workload of the workspace runs as.
import { ofKinds } from '../../model/kinds';
import { replaceString } from '../../fix/replaceScalar';
import { selectorLookup } from '../../model/selectors';
import { WORKLOAD_KINDS } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { policyFields } from '../templates/authorizationPolicy';
import { perKinds } from '../templates/perKinds';
import type { Rule } from '../types';
import { principalTrustDomain } from './principalTrustDomain';

const PRINCIPAL = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/;

/** ServiceAccount names per namespace: declared objects plus the accounts workloads run as ("default" always exists). */
const accountsByNamespace = perKinds(['ServiceAccount', 'Namespace', ...WORKLOAD_KINDS], (index: WorkspaceIndex) => {
  const out = new Map<string, Set<string>>();
  const add = (ns: string, name: string) => {
    let set = out.get(ns);
    if (!set) out.set(ns, (set = new Set(['default'])));
    set.add(name);
  };
  for (const sa of ofKinds(index, 'ServiceAccount')) add(namespaceOf(sa), sa.name);
  for (const [ns, pods] of selectorLookup(index).podsByNamespace) for (const p of pods) add(ns, p.serviceAccount);
  return out;
});

/** Levenshtein distance, to suggest the account a typo probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export const principalWithoutServiceAccount: Rule = {
  meta: {
    id: 'ZT0108',
    pillar: 1,
    severity: 'warning',
    title: 'Principal names an unknown ServiceAccount',
    description:
      'A principal "<trust domain>/ns/<namespace>/sa/<account>" only matches workloads running as that ServiceAccount. If no workload of the namespace runs as it and no such ServiceAccount exists, the rule matches nothing today, and it silently trusts whoever creates that account later.',
    fixable: true,
    fixNeedsReview: true,
    kinds: ['AuthorizationPolicy'],
  },
  checkResource(policy, ctx) {
    const accounts = accountsByNamespace(ctx.index);
    const pods = selectorLookup(ctx.index).podsByNamespace;
    for (const field of policyFields(policy)) {
      if (field.section !== 'source' || (field.name !== 'principals' && field.name !== 'notPrincipals')) continue;
      field.values.forEach((value, i) => {
        const m = PRINCIPAL.exec(value);
        if (!m || principalTrustDomain(value) === undefined || value.includes('*')) return;
        const [, td, ns, sa] = m;
        const known = accounts.get(ns);
        // Only judge namespaces whose workloads or accounts the workspace holds.
        if (!known || !pods.has(ns) || known.has(sa)) return;
        const close = [...known].filter((k) => distance(k, sa) <= 2);
        const path = [...field.valuesPath, i];
        const suggestion = close.length === 1 ? `${td}/ns/${ns}/sa/${close[0]}` : undefined;
        ctx.report({
          resource: policy,
          path,
          message: `no workload in namespace ${ns} runs as ServiceAccount ${sa}, so principal ${value} matches nothing${suggestion ? `; did you mean ${suggestion}?` : '; use the account the caller runs as'}`,
          // Not safe: the near match is a guess at what the author meant.
          fix: suggestion ? () => ({ title: `Use ${suggestion}`, safe: false, edits: replaceString(policy, path, suggestion) }) : undefined,
        });
      });
    }
  },
};
