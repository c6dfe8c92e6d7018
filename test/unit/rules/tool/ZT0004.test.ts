import { ruleById } from '../../../../src/rules/registry';
import { UNUSED_SUPPRESSION } from '../../../../src/rules/tool';
import { ruleTester } from '../../../helpers/ruleTester';
import { permissive } from './fixtures';

ruleTester(ruleById(UNUSED_SUPPRESSION)!, {
  valid: [
    { name: 'annotation that hides a finding', code: permissive('  annotations:\n    ztn.dev/ignore: "ZT0201"\n') },
    {
      name: 'comment above the field the finding points at',
      code: permissive().replace('    mode:', '    # ztn-ignore ZT0201: legacy batch clients until Q3\n    mode:'),
    },
  ],
  invalid: [
    {
      name: 'the rule does not fire on the object',
      code: permissive('  annotations:\n    ztn.dev/ignore: "ZT0201"\n').replace('PERMISSIVE', 'STRICT'),
      errors: [{ line: 7, column: 21, message: 'ztn.dev/ignore annotation of ZT0201 suppresses nothing here; remove it' }],
    },
    {
      name: 'a comment above another field covers only that field',
      code: permissive('', '  # ztn-ignore ZT0201: legacy clients\n  selector:\n    matchLabels: {app: reporting}\n'),
      errors: [{ line: 7, column: 3, endColumn: 38, message: 'ztn-ignore comment of ZT0201 suppresses nothing here; remove it' }],
    },
  ],
});
