// ZT0406: a RoleBinding or ClusterRoleBinding whose ServiceAccount subject does not exist in the workspace.
import { ofKinds } from '../../model/kinds';
import { appendDocument } from '../../fix/yamlEdit';
import { selectorLookup } from '../../model/selectors';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { findNamed, inNamespace } from '../templates/kindLookup';
import type { Resource } from '../../model/types';
import type { Rule, RuleContext } from '../types';

export const bindingToMissingServiceAccount: Rule = {
  meta: {
    id: 'ZT0406',
    pillar: 4,
    severity: 'warning',
    title: 'Binding to a missing ServiceAccount',
    description:
      'A binding to a ServiceAccount that does not exist is a dormant grant: whoever later creates an account with that name (anyone allowed to create ServiceAccounts in the namespace) inherits the permissions. It is usually a typo or a leftover.',
    fixable: true,
    fixNeedsReview: true,
  },
  // A cross-file check: bindings against the ServiceAccounts of the whole workspace, through per-run lookups.
  checkWorkspace(ctx) {
    const lookup = selectorLookup(ctx.index);
    // The workspace describes a namespace when it declares it or runs something there; a binding alone does not.
    const described = (ns: string) =>
      !!lookup.namespaces.get(ns)?.resource || lookup.podsByNamespace.has(ns) || inNamespace(ctx.index, 'ServiceAccount', ns).length > 0;
    for (const binding of ofKinds(ctx.index, 'RoleBinding', 'ClusterRoleBinding')) if (ctx.wants(binding)) checkBinding(binding, ctx, described);
  },
};

function checkBinding(binding: Resource, ctx: RuleContext, described: (ns: string) => boolean): void {
  const subjects = getPath(binding.obj, ['subjects']);
  if (!Array.isArray(subjects)) return;
  subjects.forEach((s, i) => {
    if (getPath(s, ['kind']) !== 'ServiceAccount') return;
    const name = getPath(s, ['name']);
    const subjectNs = getPath(s, ['namespace']);
    const ns = typeof subjectNs === 'string' ? subjectNs : binding.kind === 'RoleBinding' ? namespaceOf(binding) : undefined;
    // Every namespace has "default"; namespaces the workspace does not describe cannot be judged.
    if (typeof name !== 'string' || !ns || name === 'default' || !described(ns)) return;
    if (findNamed(ctx.index, 'ServiceAccount', ns, name)) return;
    ctx.report({
      resource: binding,
      path: ['subjects', i, 'name'],
      message: `ServiceAccount ${ns}/${name} is not defined in the workspace; fix the subject name or add the ServiceAccount (a missing account's grant waits for whoever creates it)`,
      // Not safe: if the name is a typo, creating the account keeps the mistake alive.
      fix: () => ({
        title: `Create ServiceAccount ${ns}/${name}`,
        safe: false,
        edits: [
          appendDocument(binding.file, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns }, automountServiceAccountToken: false }),
        ],
      }),
    });
  });
}
