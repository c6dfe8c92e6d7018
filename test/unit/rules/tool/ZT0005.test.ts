import { ruleById } from '../../../../src/rules/registry';
import { NOT_SUPPRESSIBLE } from '../../../../src/rules/tool';
import { ruleTester } from '../../../helpers/ruleTester';
import { permissive } from './fixtures';

ruleTester(ruleById(NOT_SUPPRESSIBLE)!, {
  valid: [
    { name: 'suppressible rule', code: permissive('  annotations:\n    ztn.dev/ignore: "ZT0201"\n') },
    { name: 'not suppressible, not suppressed', code: permissive(), config: { notSuppressible: ['ZT0201'] } },
  ],
  invalid: [
    {
      code: permissive('  annotations:\n    ztn.dev/ignore: "ZT0201"\n'),
      config: { notSuppressible: ['ZT0201'] },
      errors: [
        { line: 7, column: 21, endColumn: 29, message: 'ZT0201 is marked not suppressible in ztn.yaml; this suppression is ignored and the finding stays' },
      ],
    },
  ],
});
