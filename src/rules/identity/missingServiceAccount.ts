// ZT0109: a workload whose pods name a ServiceAccount that the workspace lacks, in a namespace the workspace describes.
import { appendDocument } from '../../fix/yamlEdit';
import { ofKinds } from '../../model/kinds';
import type { Resource } from '../../model/types';
import { namespaceOf } from '../../model/workspace';
import { findNamed, inNamespace } from '../templates/kindLookup';
import { perKinds } from '../templates/perKinds';
import { podView, POD_KINDS } from '../templates/podSecurityStandards';
import type { Rule, RuleContext } from '../types';

const declaredNamespaces = perKinds(['Namespace'], (index) => new Set(ofKinds(index, 'Namespace').map((ns) => ns.name)));

export const missingServiceAccount: Rule = {
  meta: {
    id: 'ZT0109',
    pillar: 1,
    severity: 'warning',
    title: 'Pods name a missing ServiceAccount',
    description:
      'Pods that name a ServiceAccount which does not exist are refused by the API server, so the workload never starts; and when someone later creates an account of that name to make it start, it comes with whatever bindings were waiting for the name. The check runs for namespaces the workspace declares or holds ServiceAccounts of.',
    fixable: true,
    fixNeedsReview: true,
    reportsOn: POD_KINDS,
  },
  // A cross-file check: pods against the ServiceAccounts of the whole workspace, through per-run lookups.
  checkWorkspace(ctx) {
    const declared = declaredNamespaces(ctx.index);
    const described = (ns: string) => declared.has(ns) || inNamespace(ctx.index, 'ServiceAccount', ns).length > 0;
    for (const r of ofKinds(ctx.index, ...POD_KINDS)) if (ctx.wants(r)) checkWorkload(r, ctx, described);
  },
};

function checkWorkload(r: Resource, ctx: RuleContext, described: (ns: string) => boolean): void {
  const pod = podView(r);
  if (!pod) return;
  // serviceAccount is the deprecated spelling; the API server uses it when serviceAccountName is absent.
  const field =
    typeof pod.tpl.spec.serviceAccountName === 'string' ? 'serviceAccountName' : typeof pod.tpl.spec.serviceAccount === 'string' ? 'serviceAccount' : undefined;
  if (!field) return;
  const name = pod.tpl.spec[field] as string;
  const ns = namespaceOf(r);
  // Every namespace has "default"; a namespace the workspace does not describe cannot be judged.
  if (name === 'default' || name === '' || !described(ns) || findNamed(ctx.index, 'ServiceAccount', ns, name)) return;
  ctx.report({
    resource: r,
    path: [...pod.tpl.specPath, field],
    message: `pods of ${r.kind} ${r.name} run as ServiceAccount ${ns}/${name}, which the workspace does not define, so the API server refuses them; fix the name or add the ServiceAccount`,
    // Not safe: if the name is a typo, creating the account keeps the mistake alive.
    fix: () => ({
      title: `Create ServiceAccount ${ns}/${name}`,
      safe: false,
      edits: [appendDocument(r.file, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns }, automountServiceAccountToken: false })],
    }),
  });
}
