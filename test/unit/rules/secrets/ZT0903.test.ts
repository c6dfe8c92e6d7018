import { secretAsEnv } from '../../../../src/rules/secrets/secretAsEnv';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(secretAsEnv, {
  valid: [
    deployment('          volumeMounts: [{name: db, mountPath: /run/secrets/db, readOnly: true}]\n', '      volumes: [{name: db, secret: {secretName: db}}]\n'),
  ],
  invalid: [
    {
      code: deployment(
        '          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: db, key: password}\n          envFrom:\n            - secretRef: {name: stripe}\n',
      ),
      errors: [
        {
          line: 18,
          column: 17,
          endColumn: 29,
          message: 'env DB_PASSWORD of container cart reads Secret db into the environment; mount the Secret as a file instead',
        },
        { line: 20, column: 15, endColumn: 24, message: /envFrom loads every key of Secret stripe/ },
      ],
    },
  ],
});
