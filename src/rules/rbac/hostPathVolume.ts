// ZT0409: a hostPath volume, which mounts a directory of the node into the pod (the sensitive ones are ZT0423's).
import { podTemplate, WORKLOAD_KINDS } from '../../model/workloads';
import type { Rule } from '../types';
import { sensitiveHostPath } from './sensitiveHostPath';

export const hostPathVolume: Rule = {
  meta: {
    id: 'ZT0409',
    pillar: 4,
    severity: 'warning',
    title: 'hostPath volume',
    description:
      "A hostPath volume exposes the node's filesystem to the pod: the kubelet's credentials, other pods' secrets and sidecar keys, or the container runtime socket are one path away. Use emptyDir, a PersistentVolumeClaim, a ConfigMap or a CSI driver.",
    fixable: false,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    const tpl = podTemplate(r);
    const volumes = tpl?.spec.volumes;
    if (!tpl || !Array.isArray(volumes)) return;
    volumes.forEach((v, i) => {
      const hostPath = v && typeof v === 'object' ? (v as Record<string, unknown>).hostPath : undefined;
      if (!hostPath) return;
      const path = (hostPath as Record<string, unknown>).path;
      // A runtime socket, /etc, /proc... are reported once, as the error they are (ZT0423).
      if (typeof path === 'string' && sensitiveHostPath(path)) return;
      ctx.report({
        resource: r,
        path: [...tpl.specPath, 'volumes', i, 'hostPath'],
        part: 'key',
        message: `volume ${String((v as Record<string, unknown>).name ?? i)} mounts host path ${String(path ?? '')} into pods of ${r.kind} ${r.name}; use emptyDir, a PersistentVolumeClaim or a CSI volume`,
      });
    });
  },
};
