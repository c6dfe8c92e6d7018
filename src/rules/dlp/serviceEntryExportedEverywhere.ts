// ZT0808: an external ServiceEntry exported to every namespace, so every workload of the mesh may reach the host.
import { replaceString } from '../../fix/replaceScalar';
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { isExternalServiceEntry } from './serviceEntries';

export const serviceEntryExportedEverywhere: Rule = {
  meta: {
    id: 'ZT0808',
    pillar: 8,
    severity: 'warning',
    title: 'External ServiceEntry visible to every namespace',
    description:
      'Under REGISTRY_ONLY a ServiceEntry is what allows egress to its hosts, and by default (no exportTo, or "*") it is visible to every namespace. An external API that one team needs then becomes an exit for every workload in the mesh. `exportTo: ["."]` keeps it to the namespace that declares it.',
    fixable: true,
    kinds: ['ServiceEntry'],
  },
  checkResource(r, ctx) {
    if (!isExternalServiceEntry(r)) return;
    const exportTo = getPath(r.obj, ['spec', 'exportTo']);
    if (exportTo === undefined) {
      ctx.report({
        resource: r,
        path: ['metadata', 'name'],
        message: 'this external ServiceEntry has no exportTo, so every namespace may reach its hosts; set exportTo: ["."] (plus the namespaces that need it)',
        fix: () => ({ title: 'Export to this namespace only', safe: true, edits: setField(r, ['spec', 'exportTo'], ['.']) }),
      });
      return;
    }
    if (!Array.isArray(exportTo)) return;
    exportTo.forEach((ns, i) => {
      if (ns !== '*') return;
      const path = ['spec', 'exportTo', i];
      ctx.report({
        resource: r,
        path,
        message: 'exportTo "*" lets every namespace reach these external hosts; export to "." and the namespaces that need them',
        fix: () => ({ title: 'Export to this namespace only', safe: true, edits: replaceString(r, path, '.') }),
      });
    });
  },
};
