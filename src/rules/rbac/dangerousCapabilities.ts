// ZT0410: containers that add Linux capabilities which break container isolation.
import { removeListItems } from '../../fix/listItemRemoval';
import { containersOf, getPath, WORKLOAD_KINDS } from '../../model/workloads';
import type { Rule } from '../types';

/** Capabilities that give a container power over the node or other pods' traffic. */
export const DANGEROUS_CAPABILITIES = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'NET_RAW',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'DAC_READ_SEARCH',
  'BPF',
  'PERFMON',
  'SYS_BOOT',
]);

// Istio's own init and proxy containers need NET_ADMIN/NET_RAW for traffic capture when written out explicitly.
const MESH_CONTAINERS = new Set(['istio-init', 'istio-proxy', 'istio-validation']);

export const dangerousCapabilities: Rule = {
  meta: {
    id: 'ZT0410',
    pillar: 4,
    severity: 'warning',
    title: 'Container adds dangerous capabilities',
    description:
      'Capabilities such as SYS_ADMIN, NET_ADMIN, NET_RAW or SYS_PTRACE let a container reconfigure networking (and bypass the sidecar), sniff or spoof traffic, or inspect other processes. Drop ALL and add back only what the workload needs.',
    fixable: true,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    for (const c of containersOf(r)) {
      if (MESH_CONTAINERS.has(String(c.container.name))) continue;
      const add = getPath(c.container, ['securityContext', 'capabilities', 'add']);
      if (!Array.isArray(add)) continue;
      const listPath = [...c.path, 'securityContext', 'capabilities', 'add'];
      add.forEach((cap, i) => {
        const name = String(cap).toUpperCase().replace(/^CAP_/, '');
        if (!DANGEROUS_CAPABILITIES.has(name)) return;
        ctx.report({
          resource: r,
          path: [...listPath, i],
          message: `container ${String(c.container.name ?? c.index)} adds capability ${String(cap)}; remove it (drop ALL and add back only what is needed)`,
          fix: () => ({ title: `Remove capability ${String(cap)}`, safe: true, edits: removeListItems(r, listPath, [i]) }),
        });
      });
    }
  },
};
