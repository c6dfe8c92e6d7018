// ZT0205: a workload whose pods opt out of sidecar injection with sidecar.istio.io/inject: "false".
import { setField } from '../../fix/yamlEdit';
import { podTemplate } from '../../model/workloads';
import type { Rule } from '../types';

const INJECT = 'sidecar.istio.io/inject';

export const workloadSidecarOptOut: Rule = {
  meta: {
    id: 'ZT0205',
    pillar: 2,
    severity: 'warning',
    title: 'Workload opts out of the sidecar',
    description:
      'sidecar.istio.io/inject: "false" on a pod template removes the mesh proxy from those pods even in an injected namespace: they talk plaintext and have no identity that policies can check.',
    fixable: true,
    kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  },
  checkResource(r, ctx) {
    const tpl = podTemplate(r);
    if (!tpl) return;
    for (const field of ['labels', 'annotations'] as const) {
      if (tpl[field][INJECT] !== 'false') continue;
      const path = [...tpl.metadataPath, field, INJECT];
      ctx.report({
        resource: r,
        path,
        message: `pods of ${r.kind} ${r.name} opt out of the sidecar; set ${INJECT} to "true" (or remove it) so they get a mesh identity and mTLS`,
        fix: () => ({ title: 'Inject the sidecar', safe: true, edits: setField(r, path, 'true') }),
      });
    }
  },
};
