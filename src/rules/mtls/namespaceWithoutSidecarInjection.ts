// ZT0204: an application Namespace whose pods get no sidecar (no injection label, or injection disabled).
import { setField } from '../../fix/yamlEdit';
import { stringMap } from '../../model/workloads';
import { SYSTEM_NAMESPACES } from '../templates/namespaceCoverage';
import type { Rule } from '../types';

const INJECTION = 'istio-injection';

export const namespaceWithoutSidecarInjection: Rule = {
  meta: {
    id: 'ZT0204',
    pillar: 2,
    severity: 'warning',
    title: 'Namespace without sidecar injection',
    description:
      'Pods of a namespace without istio-injection=enabled (or an istio.io/rev revision label, or ambient mode) run without a mesh proxy: they have no workload identity, cannot use mTLS, and STRICT peers reject them.',
    fixable: true,
    kinds: ['Namespace'],
  },
  checkResource(ns, ctx) {
    if (SYSTEM_NAMESPACES.has(ns.name) || ctx.config.clusters.some((c) => c.rootNamespace === ns.name)) return;
    const labels = stringMap((ns.obj.metadata as Record<string, unknown> | undefined)?.labels);
    if (labels[INJECTION] === 'enabled' || 'istio.io/rev' in labels || labels['istio.io/dataplane-mode'] === 'ambient') return;
    const fix = () => ({ title: 'Enable sidecar injection', safe: true, edits: setField(ns, ['metadata', 'labels', INJECTION], 'enabled') });
    if (INJECTION in labels) {
      ctx.report({
        resource: ns,
        path: ['metadata', 'labels', INJECTION],
        message: `namespace ${ns.name} has ${INJECTION}=${labels[INJECTION]}, so its pods run without a sidecar; set it to enabled`,
        fix,
      });
      return;
    }
    ctx.report({
      resource: ns,
      path: ['metadata', 'name'],
      message: `namespace ${ns.name} has no sidecar injection label; add label ${INJECTION}: enabled (or istio.io/rev) so its pods join the mesh`,
      fix,
    });
  },
};
