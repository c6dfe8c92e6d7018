// ZT0806: a Sidecar that does not narrow egress hosts (no egress section, or `*/*`).
import { replaceString } from '../../fix/replaceScalar';
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

/** What a workload usually needs: its own namespace and the control plane. */
const NARROW_HOSTS = ['./*', 'istio-system/*'];

export const sidecarEgressUnrestricted: Rule = {
  meta: {
    id: 'ZT0806',
    pillar: 8,
    severity: 'warning',
    title: 'Sidecar egress not restricted',
    description:
      "A Sidecar resource's `egress.hosts` lists the namespaces and hosts its workloads may reach; with REGISTRY_ONLY anything else is blocked. Without an egress section, or with `*/*`, the workloads can reach every service and ServiceEntry of the mesh, so one compromised pod can read from or send to all of them.",
    fixable: true,
    kinds: ['Sidecar'],
  },
  checkResource(r, ctx) {
    const egress = getPath(r.obj, ['spec', 'egress']);
    if (!Array.isArray(egress) || egress.length === 0) {
      ctx.report({
        resource: r,
        path: ['spec', 'egress'],
        message:
          'this Sidecar has no egress section, so its workloads can reach every host of the mesh; list the hosts they need (e.g. ./* and istio-system/*)',
        fix: () => ({
          title: 'Restrict egress to the own namespace and istio-system',
          safe: true,
          edits: setField(r, ['spec', 'egress'], [{ hosts: NARROW_HOSTS }]),
        }),
      });
      return;
    }
    egress.forEach((entry, i) => {
      const hosts = getPath(entry, ['hosts']);
      if (!Array.isArray(hosts)) return;
      hosts.forEach((h, j) => {
        if (h !== '*/*' && h !== '*') return;
        const path = ['spec', 'egress', i, 'hosts', j];
        ctx.report({
          resource: r,
          path,
          message: `egress host '${String(h)}' lets the workloads reach every namespace; narrow it to ./* and the namespaces they call`,
          fix: () => ({ title: 'Restrict egress to the own namespace', safe: true, edits: replaceString(r, path, './*') }),
        });
      });
    });
  },
};
