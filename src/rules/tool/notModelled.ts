// Fields of security kinds the policy engine does not read: said on the field, with the predictions it may change.
import { ENGINE_FIELDS, notModelledFields } from '../../model/engineFields';
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
    kinds: Object.keys(ENGINE_FIELDS),
  },
  checkResource(resource, ctx) {
    for (const f of notModelledFields(resource)) {
      ctx.report({ resource, path: f.path, part: 'key', message: `'${String(f.path[f.path.length - 1])}' is not modelled: ${f.changes}` });
    }
  },
};
