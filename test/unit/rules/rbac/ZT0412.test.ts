import { allowAllAuthorizationPolicy } from '../../../../src/rules/rbac/allowAllAuthorizationPolicy';
import { ruleTester } from '../../../helpers/ruleTester';

const ap = (spec: string) => `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: cart, namespace: shop}\nspec:\n${spec}`;

ruleTester(allowAllAuthorizationPolicy, {
  valid: [
    {
      name: 'spec {} denies everything',
      code: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {}\n',
    },
    { name: 'DENY all is not an allow-all', code: ap('  action: DENY\n  rules: [{}]\n') },
    ap('  rules:\n  - from:\n    - source: {principals: [cluster.local/ns/shop/sa/web]}\n'),
  ],
  invalid: [
    {
      code: ap('  action: ALLOW\n  rules:\n  - {} # temporary\n'),
      errors: [{ line: 7, column: 5, endColumn: 7, message: /rule 0 of cart has no conditions and allows every request/ }],
    },
    {
      name: 'only empty sources',
      code: ap('  rules:\n  - from: [{source: {}}]\n'),
      errors: [
        {
          line: 6,
          column: 5,
          message: 'rule 0 of cart has no conditions and allows every request; name the callers (from.source.principals) and operations it should allow',
        },
      ],
    },
  ],
});
