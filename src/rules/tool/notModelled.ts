// Fields of security kinds the policy engine does not read: said on the field, with the predictions it may change.
import { apiSchema } from '../../model/apiSchema';
import { declarationFor, ENGINE_FIELDS } from '../../model/engineFields';
import { resourceKindKey } from '../../model/kinds';
import { forEachSchemaField } from '../../model/schemaFields';
import type { Rule } from '../types';

export const NOT_MODELLED = 'ZT0008';

export const notModelled: Rule = {
  meta: {
    id: NOT_MODELLED,
    pillar: 0,
    severity: 'info',
    title: 'Field not modelled by the policy engine',
    description:
      'The field is valid, but the policy engine behind `ztn simulate`, the trust graph and the sandboxes does not read it, so predictions of calls this object applies to may be wrong in the way the message says. The table of what is and is not modelled is src/model/engineFields.ts.',
    fixable: false,
  },
  checkWorkspace(ctx) {
    for (const resource of ctx.index.resources) {
      const kind = resourceKindKey(resource);
      if (!ENGINE_FIELDS[kind] || !ctx.wants(resource)) continue;
      const api = apiSchema(resource.apiVersion, resource.kind);
      if (!api) continue;
      forEachSchemaField(api, resource.obj, (path, schemaPath) => {
        const declared = declarationFor(kind, schemaPath);
        if (!declared || declared.modelled) return true;
        // Reported once, on the field the declaration names; what is under it is covered by the same sentence.
        if (declared.path !== schemaPath) return false;
        ctx.report({ resource, path, part: 'key', message: `'${String(path[path.length - 1])}' is not modelled: ${declared.changes}` });
        return false;
      });
    }
  },
};
