import { missingServiceAccount } from '../../../../src/rules/identity/missingServiceAccount';
import { ruleTester } from '../../../helpers/ruleTester';

const deployment = (spec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n${spec}      containers: [{name: app, image: shop/web:1.4.2}]\n`;
const namespace = { '/virtual/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' };

ruleTester(missingServiceAccount, {
  valid: [
    {
      name: 'the account exists',
      code: deployment('      serviceAccountName: web\n'),
      files: { '/virtual/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n' },
    },
    { name: 'default always exists', code: deployment('      serviceAccountName: default\n'), files: namespace },
    { name: 'the workspace does not describe the namespace', code: deployment('      serviceAccountName: web\n') },
  ],
  invalid: [
    {
      name: 'declared namespace, missing account: review fix creates it',
      code: deployment('      serviceAccountName: web # own identity\n'),
      files: namespace,
      errors: [
        {
          line: 7,
          column: 27,
          endColumn: 30,
          message:
            'pods of Deployment web run as ServiceAccount shop/web, which the workspace does not define, so the API server refuses them; fix the name or add the ServiceAccount',
        },
      ],
      output: `${deployment('      serviceAccountName: web # own identity\n')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\nautomountServiceAccountToken: false\n`,
    },
    {
      name: 'the deprecated serviceAccount field, a namespace known by its other accounts',
      code: deployment('      serviceAccount: api\n'),
      files: { '/virtual/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n' },
      errors: [{ line: 7, column: 23, endColumn: 26, message: /^pods of Deployment web run as ServiceAccount shop\/api, which the workspace does not define/ }],
      output: `${deployment('      serviceAccount: api\n')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\nautomountServiceAccountToken: false\n`,
    },
  ],
});
