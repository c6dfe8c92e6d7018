// ZT0801: the mesh (or a Sidecar) lets workloads reach any external host: outboundTrafficPolicy ALLOW_ANY, which is also the default.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import { MESH_CONFIG_KINDS, meshConfigOf, meshFieldLocation } from '../templates/meshConfig';
import type { Rule } from '../types';

const MODE = ['outboundTrafficPolicy', 'mode'];

export const egressAllowAny: Rule = {
  meta: {
    id: 'ZT0801',
    pillar: 8,
    severity: 'error',
    title: 'Outbound traffic to any host allowed',
    description:
      "With outboundTrafficPolicy ALLOW_ANY (Istio's default when the field is missing) a sidecar passes traffic to any host that is not in the service registry, so a compromised workload can send data anywhere. REGISTRY_ONLY limits egress to hosts declared as Services or ServiceEntries, which makes every external destination a reviewed decision.",
    fixable: true,
    kinds: [...MESH_CONFIG_KINDS, 'Sidecar'],
  },
  checkResource(r, ctx) {
    if (r.kind === 'Sidecar') {
      if (getPath(r.obj, ['spec', ...MODE]) !== 'ALLOW_ANY') return;
      const path = ['spec', ...MODE];
      ctx.report({
        resource: r,
        path,
        message: 'this Sidecar lets its workloads reach any external host; set outboundTrafficPolicy.mode to REGISTRY_ONLY',
        fix: () => ({ title: 'Allow only registered hosts', safe: true, edits: setField(r, path, 'REGISTRY_ONLY') }),
      });
      return;
    }
    const src = meshConfigOf(r);
    if (!src) return;
    const mode = getPath(src.mesh, MODE);
    if (mode === 'REGISTRY_ONLY') return;
    const at = meshFieldLocation(src, MODE);
    ctx.report({
      resource: r,
      ...at,
      message:
        mode === undefined
          ? 'outboundTrafficPolicy is not set, so Istio allows traffic to any external host (ALLOW_ANY); set meshConfig.outboundTrafficPolicy.mode to REGISTRY_ONLY'
          : `outboundTrafficPolicy ${String(mode)} allows traffic to any external host; set it to REGISTRY_ONLY and declare external hosts with ServiceEntries`,
      fix: src.meshPath ? () => ({ title: 'Allow only registered hosts', safe: true, edits: setField(r, at.path, 'REGISTRY_ONLY') }) : undefined,
    });
  },
};
