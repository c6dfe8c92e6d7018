import assert from 'node:assert/strict';
import { literalSecretInEnv } from '../../../../src/rules/secrets/literalSecretInEnv';
import { isSecretName } from '../../../../src/rules/secrets/secretPatterns';
import { lintCase, ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

describe('ZT0901 secret-like names', () => {
  const table: [string, boolean][] = [
    ['DB_PASSWORD', true],
    ['API_KEY', true],
    ['STRIPE_SECRET', true],
    ['authToken', true],
    ['PASSWORD_FILE', false],
    ['TOKEN_URL', false],
    ['SECRET_NAME', false],
    ['PASSAGE', false],
  ];
  for (const [name, secret] of table) it(`${name} -> ${secret}`, () => assert.equal(isSecretName(name), secret));
});

ruleTester(literalSecretInEnv, {
  valid: [
    deployment('          env:\n            - {name: DB_PASSWORD_FILE, value: /run/secrets/db/password}\n            - {name: LOG_LEVEL, value: info}\n'),
    { name: 'composed from other variables', code: deployment('          env:\n            - {name: DB_PASSWORD, value: "$(INJECTED_PASSWORD)"}\n') },
  ],
  invalid: [
    {
      code: deployment(
        '          env:\n            - name: LOG_LEVEL\n              value: info\n            - name: DB_PASSWORD\n              value: hunter2-but-longer\n',
      ),
      errors: [
        {
          line: 19,
          column: 22,
          endColumn: 40,
          message:
            'env DB_PASSWORD of container cart holds a literal secret; move it to a Secret mounted as a file (or an external secret store) and rotate it',
        },
      ],
    },
  ],
});

describe('ZT0901 message', () => {
  it('never contains the value', () => {
    const { findings } = lintCase(literalSecretInEnv, { code: deployment('          env: [{name: API_KEY, value: s3cr3t-v4lue}]\n') });
    assert.equal(findings.length, 1);
    assert.ok(!findings[0].message.includes('s3cr3t'));
  });
});
