import { optionalSecretReference } from '../../../../src/rules/secrets/optionalSecretReference';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(optionalSecretReference, {
  valid: [deployment('          envFrom: [{secretRef: {name: stripe}}]\n', '      volumes: [{name: db, secret: {secretName: db, optional: false}}]\n')],
  invalid: [
    {
      code: deployment(
        '          envFrom:\n            - secretRef: {name: stripe, optional: true}\n',
        '      volumes:\n        - name: db\n          secret: {secretName: db, optional: true}\n',
      ),
      errors: [
        { line: 14, column: 46, endColumn: 50, message: /volume db starts without its Secret/ },
        { line: 19, column: 51, message: /envFrom starts without its Secret/ },
      ],
      output: deployment(
        '          envFrom:\n            - secretRef: {name: stripe, optional: false}\n',
        '      volumes:\n        - name: db\n          secret: {secretName: db, optional: false}\n',
      ),
    },
  ],
});
