// ZT0102: pods that get a Kubernetes API token mounted although neither the pod nor its ServiceAccount asks for one.
import { setField } from '../../fix/yamlEdit';
import { getPath, podTemplate, WORKLOAD_KINDS } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { findNamed } from '../templates/kindLookup';
import type { Rule } from '../types';

export const serviceAccountTokenAutomount: Rule = {
  meta: {
    id: 'ZT0102',
    pillar: 1,
    severity: 'warning',
    title: 'ServiceAccount token is mounted',
    description:
      'Kubernetes mounts an API token into every pod unless the pod or its ServiceAccount sets automountServiceAccountToken: false. Most workloads never call the API; a stolen token from one of them is a credential an attacker can use against the cluster.',
    fixable: true,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    const tpl = podTemplate(r);
    if (!tpl) return;
    const podSetting = tpl.spec.automountServiceAccountToken;
    if (podSetting === false) return;
    const saName = String(tpl.spec.serviceAccountName ?? tpl.spec.serviceAccount ?? 'default');
    const sa = findNamed(ctx.index, 'ServiceAccount', namespaceOf(r), saName);
    // The pod's own setting wins over the ServiceAccount's, so only an unset pod field inherits false.
    if (podSetting === undefined && sa && getPath(sa.obj, ['automountServiceAccountToken']) === false) return;
    const path = [...tpl.specPath, 'automountServiceAccountToken'];
    ctx.report({
      resource: r,
      path: podSetting === true ? path : ['metadata', 'name'],
      message: `pods of ${r.kind} ${r.name} get a Kubernetes API token mounted; set automountServiceAccountToken: false in the pod spec (or on ServiceAccount ${saName}) unless they call the API`,
      fix: () => ({ title: 'Do not mount the API token', safe: true, edits: setField(r, path, false) }),
    });
  },
};
