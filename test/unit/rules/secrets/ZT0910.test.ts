import { secretStoreTlsUnverified } from '../../../../src/rules/secrets/secretStoreTlsUnverified';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

const agent = (skip: string) =>
  deployment('', '', `      annotations:\n        vault.hashicorp.com/agent-inject: "true"\n        vault.hashicorp.com/tls-skip-verify: ${skip}\n`);

const store = (server: string) => `apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata: {name: vault}
spec:
  provider:
    vault:
      server: ${server}
      path: secret
      auth: {kubernetes: {mountPath: kubernetes, role: eso}}
`;

ruleTester(secretStoreTlsUnverified, {
  valid: [agent('"false"'), store('https://vault.vault.svc:8200')],
  invalid: [
    {
      code: agent('"true"'),
      errors: [{ line: 13, column: 46, endColumn: 52, message: /the Vault agent skips TLS verification/ }],
      output: agent('"false"'),
    },
    { code: store('http://vault.vault.svc:8200'), errors: [{ line: 7, column: 15, message: /reached over plain http/ }] },
  ],
});
