import { serviceAccountTokenSecret } from '../../../../src/rules/identity/serviceAccountTokenSecret';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(serviceAccountTokenSecret, {
  valid: [
    'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ntype: Opaque\nstringData: {user: app}\n',
    {
      name: 'a Secret of another API group',
      code: 'apiVersion: example.com/v1\nkind: Secret\nmetadata: {name: t}\ntype: kubernetes.io/service-account-token\n',
    },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci-token\n  namespace: ci\n  annotations: {kubernetes.io/service-account.name: deployer}\ntype: kubernetes.io/service-account-token\n',
      errors: [
        {
          line: 7,
          column: 7,
          endColumn: 42,
          message:
            'Secret ci-token holds a token of ServiceAccount deployer that never expires; use short-lived tokens (projected volumes, kubectl create token, the TokenRequest API) and delete the Secret',
        },
      ],
    },
  ],
});
