import { ruleById } from '../../../../src/rules/registry';
import { UNKNOWN_SUPPRESSION } from '../../../../src/rules/tool';
import { ruleTester } from '../../../helpers/ruleTester';
import { permissive } from './fixtures';

ruleTester(ruleById(UNKNOWN_SUPPRESSION)!, {
  valid: [permissive('  annotations:\n    ztn.dev/ignore: "ZT0201"\n')],
  invalid: [
    {
      name: 'annotation with a typo',
      code: permissive('  annotations:\n    ztn.dev/ignore: "ZT2001"\n'),
      errors: [{ line: 7, column: 21, endColumn: 29, message: "unknown rule ID 'ZT2001' in ztn.dev/ignore annotation; it suppresses nothing" }],
    },
    {
      name: 'comment with a typo',
      code: permissive('', '  # ztn-ignore ZT2001: typo\n'),
      errors: [{ line: 7, column: 3, message: "unknown rule ID 'ZT2001' in ztn-ignore comment; it suppresses nothing" }],
    },
  ],
});
