import assert from 'node:assert/strict';
import { secretInPlainConfig } from '../../../../src/rules/secrets/secretInPlainConfig';
import { lintCase, ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: cart
  namespace: shop
data:
${data}`;

const pem = '-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7\\n-----END RSA PRIVATE KEY-----';
const awsKey = 'AKIA' + 'IOSFODNN7EXAMPLE';

ruleTester(secretInPlainConfig, {
  valid: [
    configMap('  log-level: info\n  api-url: https://api.example.com/v1\n  session-token-ttl: 3600\n'),
    { name: 'low-entropy value under a secret name', code: configMap('  password-policy: minimum-length-twelve\n') },
    {
      name: 'keys about a credential, and values that only point at one',
      code: configMap(
        '  token-ttl: 1h\n  cache-key: users\n  db-password-file: /run/secrets/db\n  DB_PASSWORD: ${DB_PASSWORD}\n  api_key: "{{ .Values.apiKey }}"\n  auth-token: "true"\n  smtp-password: |\n    line one\n    line two\n',
      ),
    },
    {
      name: 'config checksum annotations are hashes',
      code: deployment('', '', '      annotations: {checksum/config: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}\n'),
    },
  ],
  invalid: [
    {
      name: 'literal credentials under keys that name them, whatever their entropy',
      code: configMap('  DB_PASSWORD: hunter2\n  apiKey: abc123\n  client-secret: "letmein"\n  private_key: changeme\n'),
      errors: [
        {
          line: 7,
          column: 3,
          endColumn: 14,
          message: 'data key DB_PASSWORD holds a literal credential; move it to a Secret (mounted as a file) or a secret store, and rotate it',
        },
        { line: 8, column: 3, message: /^data key apiKey holds a literal credential;/ },
        { line: 9, column: 3, message: /^data key client-secret holds a literal credential;/ },
        { line: 10, column: 3, message: /^data key private_key holds a literal credential;/ },
      ],
    },
    {
      name: 'PEM key, AWS key and a random token',
      code: configMap(`  tls.key: "${pem}"\n  aws: ${awsKey}\n  signing-secret: Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg\n  pool-size: "10"\n`),
      errors: [
        {
          line: 7,
          column: 3,
          endColumn: 10,
          message: 'data key tls.key holds a private key; move it to a Secret (mounted as a file) or a secret store, and rotate it',
        },
        { line: 8, column: 3, message: /data key aws holds an AWS access key/ },
        { line: 9, column: 3, message: /data key signing-secret holds a high-entropy token/ },
      ],
    },
    {
      name: 'database URL with a password in a pod annotation',
      code: deployment('', '', '      annotations:\n        backup/target: postgres://backup:Sup3rS3cret@db.shop:5432/orders\n'),
      errors: [{ line: 12, column: 9, endColumn: 22, message: /pod annotation backup\/target holds a password in a connection URL/ }],
    },
  ],
});

describe('ZT0905 message', () => {
  it('names the key, never the secret', () => {
    const { findings } = lintCase(secretInPlainConfig, { code: configMap(`  aws: ${awsKey}\n`) });
    assert.equal(findings.length, 1);
    assert.ok(!findings[0].message.includes(awsKey));
  });
});
