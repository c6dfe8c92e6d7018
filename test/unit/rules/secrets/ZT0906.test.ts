import { externalSecretNoRefresh } from '../../../../src/rules/secrets/externalSecretNoRefresh';
import { ruleTester } from '../../../helpers/ruleTester';

const externalSecret = (refresh: string) => `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: stripe, namespace: payments}
spec:
${refresh}  secretStoreRef: {name: vault, kind: ClusterSecretStore}
  target: {name: stripe}
`;

ruleTester(externalSecretNoRefresh, {
  valid: [externalSecret('  refreshInterval: 1h\n'), { name: 'default interval', code: externalSecret('') }],
  invalid: [
    {
      code: externalSecret('  refreshInterval: "0" # fetch once\n'),
      errors: [{ line: 5, column: 20, endColumn: 23, message: /refreshInterval 0 never re-reads the store/ }],
      output: externalSecret('  refreshInterval: "1h" # fetch once\n'),
    },
    {
      code: externalSecret('  refreshPolicy: CreatedOnce\n'),
      errors: [{ line: 5, column: 18, message: /refreshPolicy CreatedOnce/ }],
      output: externalSecret('  refreshPolicy: Periodic\n'),
    },
  ],
});
