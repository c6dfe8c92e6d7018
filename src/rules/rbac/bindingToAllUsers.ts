// ZT0428: a RoleBinding or ClusterRoleBinding whose subject is everyone: system:anonymous, system:unauthenticated or system:authenticated.
import { isKind, RBAC } from '../../model/kinds';
import { removeListItems } from '../../fix/listItemRemoval';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

const EVERYONE: Record<string, string> = {
  'system:anonymous': 'every request without credentials',
  'system:unauthenticated': 'every request without credentials',
  'system:authenticated': 'every authenticated identity (every ServiceAccount of every namespace, and on some clouds any account of the provider)',
};

export const bindingToAllUsers: Rule = {
  meta: {
    id: 'ZT0428',
    pillar: 4,
    severity: 'error',
    title: 'Binding grants a role to everyone',
    description:
      'system:anonymous and system:unauthenticated are callers without credentials; system:authenticated is every ServiceAccount token of the cluster and, on managed clusters, often any account of the cloud provider. A role bound to them is granted to the whole network or the whole cluster, which is the opposite of least privilege.',
    fixable: true,
    fixNeedsReview: true,
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
  },
  checkResource(binding, ctx) {
    if (!isKind(binding, RBAC, binding.kind) || binding.name.startsWith('system:')) return;
    const subjects = getPath(binding.obj, ['subjects']);
    if (!Array.isArray(subjects)) return;
    const role = `${String(getPath(binding.obj, ['roleRef', 'kind']) ?? 'role')} ${String(getPath(binding.obj, ['roleRef', 'name']) ?? '')}`;
    const everyone = subjects.flatMap((s, i) => {
      const name = getPath(s, ['name']);
      const kind = getPath(s, ['kind']);
      return (kind === 'Group' || kind === 'User') && typeof name === 'string' && Object.hasOwn(EVERYONE, name) ? [{ i, name }] : [];
    });
    // Removing every subject would leave a binding that grants nothing: a human decides whether it should exist.
    const indices = everyone.map((e) => e.i);
    const fixable = indices.length < subjects.length;
    for (const { i, name } of everyone) {
      ctx.report({
        resource: binding,
        path: ['subjects', i, 'name'],
        message: `${binding.kind} ${binding.name} grants ${role} to ${name}, that is ${EVERYONE[name]}; bind it to the users, groups or ServiceAccounts that need it`,
        // Not safe: clients that relied on the open grant lose access.
        fix: fixable
          ? () => ({
              title: `Remove ${everyone.map((e) => e.name).join(', ')} from the subjects`,
              safe: false,
              edits: removeListItems(binding, ['subjects'], indices),
            })
          : undefined,
      });
    }
  },
};
