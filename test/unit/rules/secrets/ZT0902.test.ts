import { committedSecretData } from '../../../../src/rules/secrets/committedSecretData';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(committedSecretData, {
  valid: [
    'apiVersion: v1\nkind: Secret\nmetadata: {name: empty, namespace: shop}\ntype: Opaque\n',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: builder-token\n  annotations: {kubernetes.io/service-account.name: builder}\ntype: kubernetes.io/service-account-token\n',
  ],
  invalid: [
    {
      code: `apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
type: Opaque
data:
  password: aHVudGVyMg==
stringData:
  username: cart
`,
      errors: [
        { line: 5, column: 1, endColumn: 5, message: /Secret db commits 1 value in data \(password\); remove them from the manifest/ },
        { line: 7, column: 1, endColumn: 11, message: /in stringData \(username\)/ },
      ],
    },
  ],
});
