// ZT0605: a Telemetry resource that switches access logging off, breaking the audit trail SOC-2 asks for.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

export const accessLoggingDisabled: Rule = {
  meta: {
    id: 'ZT0605',
    pillar: 6,
    severity: 'warning',
    title: 'Access logging disabled',
    description:
      "SOC-2 (CC7.2) and most audit regimes need a record of who called what. A Telemetry accessLogging entry with `disabled: true` turns the proxies' access logs off for its scope (the mesh, a namespace or a workload), so requests leave no trace.",
    fixable: true,
    kinds: ['Telemetry'],
  },
  checkResource(r, ctx) {
    const entries = getPath(r.obj, ['spec', 'accessLogging']);
    if (!Array.isArray(entries)) return;
    entries.forEach((entry, i) => {
      if (getPath(entry, ['disabled']) !== true) return;
      const path = ['spec', 'accessLogging', i, 'disabled'];
      ctx.report({
        resource: r,
        path,
        message: 'access logging is disabled here; set disabled: false (or remove it) so requests are audited',
        fix: () => ({ title: 'Enable access logging', safe: true, edits: setField(r, path, false) }),
      });
    });
  },
};
