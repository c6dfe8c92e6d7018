// ZT0503: an internet-facing LoadBalancer Service that accepts connections from any address.
import { setField } from '../../fix/yamlEdit';
import { getPath, stringMap } from '../../model/workloads';
import type { Rule } from '../types';
import { isOpenToWorld } from './cidr';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** Cloud annotations that make the load balancer internal (no public address). */
const INTERNAL: Record<string, string[]> = {
  'networking.gke.io/load-balancer-type': ['internal'],
  'cloud.google.com/load-balancer-type': ['internal'],
  'service.beta.kubernetes.io/aws-load-balancer-internal': ['true', '0.0.0.0/0'],
  'service.beta.kubernetes.io/aws-load-balancer-scheme': ['internal'],
  'service.beta.kubernetes.io/azure-load-balancer-internal': ['true'],
  'service.beta.kubernetes.io/oci-load-balancer-internal': ['true'],
};

export const loadBalancerWithoutSourceRanges: Rule = {
  meta: {
    id: 'ZT0503',
    pillar: 5,
    severity: 'warning',
    title: 'LoadBalancer without source ranges',
    description:
      'A public LoadBalancer Service without spec.loadBalancerSourceRanges accepts connections from the whole internet. The cloud firewall can drop everything else before it reaches the cluster.',
    fixable: true,
    kinds: ['Service'],
  },
  checkResource(svc, ctx) {
    if (getPath(svc.obj, ['spec', 'type']) !== 'LoadBalancer') return;
    const annotations = stringMap(getPath(svc.obj, ['metadata', 'annotations']));
    if (Object.entries(INTERNAL).some(([k, values]) => values.includes((annotations[k] ?? '').toLowerCase()))) return;
    const allowed = ctx.config.allowedCidrs;
    const ranges = getPath(svc.obj, ['spec', 'loadBalancerSourceRanges']);
    if (Array.isArray(ranges) && ranges.length > 0) {
      ranges.forEach((r, i) => {
        if (!isOpenToWorld(String(r))) return;
        ctx.report({
          resource: svc,
          path: ['spec', 'loadBalancerSourceRanges', i],
          message: `loadBalancerSourceRanges ${String(r)} admits any address; list the client networks that need access`,
        });
      });
      return;
    }
    if (annotations[SOURCE_RANGES_ANNOTATION] && !annotations[SOURCE_RANGES_ANNOTATION].split(',').some((r) => isOpenToWorld(r))) return;
    ctx.report({
      resource: svc,
      path: ['spec', 'type'],
      message: `LoadBalancer Service ${svc.name} accepts connections from any address; set spec.loadBalancerSourceRanges to the client networks${allowed.length ? ` (allowedCidrs: ${allowed.join(', ')})` : ''}`,
      fix: allowed.length
        ? () => ({ title: 'Restrict to allowedCidrs', safe: true, edits: setField(svc, ['spec', 'loadBalancerSourceRanges'], [...allowed]) })
        : undefined,
    });
  },
};
