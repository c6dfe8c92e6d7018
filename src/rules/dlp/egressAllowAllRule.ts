// ZT0809: a NetworkPolicy egress rule that allows every destination on every port (`egress: [{}]`), which undoes every egress restriction.
import { removeListItems } from '../../fix/listItemRemoval';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

function empty(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/** True when the egress rule admits any destination on any port: no `to` and no `ports`, or a `to` peer of 0.0.0.0/0 (or ::/0) without exceptions. */
export function allowsAllEgress(rule: unknown): boolean {
  if (rule === null || rule === undefined) return true;
  if (typeof rule !== 'object' || !empty(getPath(rule, ['ports']))) return false;
  const to = getPath(rule, ['to']);
  if (empty(to)) return true;
  return Array.isArray(to) && to.some((peer) => EVERYWHERE.has(String(getPath(peer, ['ipBlock', 'cidr']))) && empty(getPath(peer, ['ipBlock', 'except'])));
}

export const egressAllowAllRule: Rule = {
  meta: {
    id: 'ZT0809',
    pillar: 8,
    severity: 'error',
    title: 'NetworkPolicy allows all egress',
    description:
      'An egress rule with no `to` and no `ports` (`egress: [{}]`), or one whose peer is 0.0.0.0/0, admits every destination. NetworkPolicies add up: for the pods this policy selects, every other egress policy is undone, so the namespace has no egress control however many policies it holds. ZT0802 does not count such a policy as egress control.',
    fixable: true,
    fixNeedsReview: true,
    kinds: ['NetworkPolicy.networking.k8s.io'],
  },
  checkResource(np, ctx) {
    const egress = getPath(np.obj, ['spec', 'egress']);
    if (!Array.isArray(egress)) return;
    const open = egress.flatMap((rule, i) => (allowsAllEgress(rule) ? [i] : []));
    // Removing every rule leaves `policyTypes: [Egress]` with no rule: deny-all egress. A human decides that.
    const fixable = open.length < egress.length;
    for (const i of open) {
      ctx.report({
        resource: np,
        path: ['spec', 'egress', i],
        message: `egress rule ${i} of NetworkPolicy ${np.name} allows every destination on every port, which undoes every egress restriction for the pods it selects; list the destinations (to) and ports they need`,
        fix: fixable ? () => ({ title: 'Remove the allow-all egress rule', safe: false, edits: removeListItems(np, ['spec', 'egress'], open) }) : undefined,
      });
    }
  },
};
