// ZT0101: a workload that runs as its namespace's default ServiceAccount, so it shares one identity with everything else there.
import { appendDocument, setField } from '../../fix/yamlEdit';
import { podTemplate, WORKLOAD_KINDS } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import type { Rule } from '../types';

export const defaultServiceAccount: Rule = {
  meta: {
    id: 'ZT0101',
    pillar: 1,
    severity: 'warning',
    title: 'Workload uses the default ServiceAccount',
    description:
      'The ServiceAccount is the workload identity: mesh certificates (spiffe://<trust domain>/ns/<ns>/sa/<sa>) and RBAC both key on it. Workloads on the shared default account are indistinguishable, so no policy can allow one without allowing all.',
    fixable: true,
    fixNeedsReview: true,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    const tpl = podTemplate(r);
    if (!tpl) return;
    const sa = tpl.spec.serviceAccountName ?? tpl.spec.serviceAccount;
    if (sa !== undefined && sa !== 'default' && sa !== '') return;
    const field = tpl.spec.serviceAccountName !== undefined ? 'serviceAccountName' : tpl.spec.serviceAccount !== undefined ? 'serviceAccount' : undefined;
    const path = [...tpl.specPath, 'serviceAccountName'];
    ctx.report({
      resource: r,
      path: field ? [...tpl.specPath, field] : ['metadata', 'name'],
      message: `${r.kind} ${r.name} runs as the default ServiceAccount; create a dedicated ServiceAccount and set spec.serviceAccountName so it gets its own identity`,
      // Not safe: a new identity changes the principal that AuthorizationPolicies and RoleBindings see.
      fix: () => ({
        title: `Use a dedicated ServiceAccount "${r.name}"`,
        safe: false,
        edits: [
          ...setField(r, path, r.name),
          appendDocument(r.file, {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: r.name, namespace: namespaceOf(r) },
            automountServiceAccountToken: false,
          }),
        ],
      }),
    });
  },
};
