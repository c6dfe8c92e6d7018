import { ruleById } from '../../../../src/rules/registry';
import { FILE_SKIPPED } from '../../../../src/rules/tool';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(ruleById(FILE_SKIPPED)!, {
  valid: ['apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'],
  invalid: [
    {
      name: 'Helm template without helm',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "shop.fullname" . }}\n',
      errors: [{ line: 1, column: 1, message: 'skipped: template file ({{ ... }}); install helm to render and lint it' }],
    },
    {
      name: 'binary file',
      code: '\u0000\u0001ELF\u0000binary',
      errors: [{ line: 1, column: 1, message: 'skipped: binary file, not a manifest' }],
    },
    {
      name: 'over maxFileBytes',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
      config: { maxFileBytes: 10 },
      errors: [{ line: 1, column: 1, message: "skipped: file is larger than 10 bytes; raise 'maxFileBytes' in ztn.yaml to lint it" }],
    },
  ],
});
